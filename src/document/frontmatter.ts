/**
 * Finds a YAML frontmatter block at the top of a markdown file, the way
 * remark-frontmatter and most static-site tools do: a first line `---`, then
 * YAML, then a line `---` (or `...`).
 */

/** Where the frontmatter block sits in the text. Offsets are UTF-16 code units. */
export interface FrontmatterBlock {
  /** The YAML between the fences. */
  yaml: string;
  /** Offset of the first character of `yaml` in the whole text. */
  yamlOffset: number;
  /** Offset just past the closing fence line, where the body starts. */
  bodyOffset: number;
  /** False when the opening fence has no closing fence. */
  terminated: boolean;
}

const FENCE = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits off the frontmatter block, if the text opens with one.
 *
 * @param text - the whole file, byte-order mark already removed
 * @returns the block, or `undefined` when the first line is not `---`
 */
export function findFrontmatter(text: string): FrontmatterBlock | undefined {
  const open = FENCE.exec(text);
  if (!open) return undefined;
  const yamlOffset = open[0].length;
  let lineStart = yamlOffset;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      lineEnd++;
    }
    if (CLOSING.test(text.slice(lineStart, lineEnd))) {
      let bodyOffset = lineEnd;
      if (text.charCodeAt(bodyOffset) === 13) bodyOffset++;
      if (text.charCodeAt(bodyOffset) === 10) bodyOffset++;
      return { yaml: text.slice(yamlOffset, lineStart), yamlOffset, bodyOffset, terminated: true };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return { yaml: text.slice(yamlOffset), yamlOffset, bodyOffset: text.length, terminated: false };
}
