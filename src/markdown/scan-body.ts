/**
 * Chooses how a body is scanned: the fast path where it applies (the common
 * subset of markdown that agent documents are written in), else a full
 * remark parse, bounded in time and memory (see `bounded-scan.ts`). Both give
 * the same {@link BodyScan}; a test holds them equal on the benchmark corpus
 * and the fixture repositories.
 */
import type { Root } from 'mdast';
import type { FrontmatterBlock } from '../document/frontmatter.js';
import type { BodyScan } from './body-scan.js';
import { boundedRemarkScan } from './bounded-scan.js';
import { fastScan } from './fast-scan.js';

/**
 * Scans a markdown body.
 * @param text - the whole file
 * @param frontmatter - its frontmatter block, if it opens with one
 * @param mdast - the full parse, called only when the fast path declines
 */
export function scanBody(text: string, frontmatter: FrontmatterBlock | undefined, mdast: () => Root): BodyScan {
  const offset = fastPathOffset(text, frontmatter);
  return (offset === undefined ? undefined : fastScan(text, offset)) ?? boundedRemarkScan(text, mdast);
}

/**
 * Where the fast path may start: after a frontmatter block that remark-frontmatter reads the same way (exact
 * `---` fences), or at 0 without one; `undefined` when the two readings could differ.
 */
export function fastPathOffset(text: string, frontmatter: FrontmatterBlock | undefined): number | undefined {
  if (!frontmatter) return 0;
  if (!frontmatter.terminated || !/^---\r?\n/.test(text)) return undefined;
  const closing = text.slice(frontmatter.yamlOffset + frontmatter.yaml.length, frontmatter.bodyOffset).replace(/\r?\n$/, '');
  return closing === '---' ? frontmatter.bodyOffset : undefined;
}
