/**
 * The one markdown parser: remark-parse with GFM (task list items, autolinks,
 * tables) and frontmatter, so that a leading `---` block is not read as a
 * thematic break and every position is that of the whole file.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/**
 * Parses markdown into mdast.
 * @param text - the whole file (frontmatter included)
 */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
