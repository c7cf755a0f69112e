/**
 * The fast path of the body scan: reads task list items, links and top-level headings straight from the text,
 * without building an mdast tree, giving exactly what `scanWithRemark` reads from remark's tree.
 *
 * It reads CommonMark 0.31 and GFM as micromark does: the block structure in `fast-blocks.ts` (block quotes, list
 * items with lazy continuation, ATX and setext headings, thematic breaks, fenced and indented code, HTML blocks of
 * the seven kinds in `html-blocks.ts`, link reference definitions, paragraphs, GFM tables), and inline content in
 * `fast-inlines.ts` (code spans, emphasis in `emphasis.ts`, links, images and references, autolinks, raw HTML,
 * hard breaks, escapes, character references in `entities.ts`, GFM autolink literals in `autolink-literal.ts`).
 * Inline content is read only where it can matter: fully in a task item's own content and in top-level headings
 * (their text and citations), and elsewhere only when it may hold a link (a `[`, `<`, `@`, `&` or URL in it).
 *
 * It still declines (returns `undefined`, and the caller falls back to remark) on: tabs in the indentation of
 * lines inside containers (and right after a list marker or `>`), footnotes, strikethrough in text that is read,
 * multi-line link reference definitions and reference labels, link destinations across lines, inline HTML across
 * lines in text that is read, named character references outside its table in text that is read, tables whose
 * head is on a lazy line, indented code or a definition right after a table, a setext underline under
 * definitions, an HTML tag alone on a lazy line, inline markup around a lazy line in text that is read, a checkbox
 * followed by blanks only, text the autolink-literal transform would link without a position, NUL characters and
 * byte-order marks in the body. Declining is always safe; a wrong scan is not, so tests hold this path equal to the
 * remark scan on generated real-style documents, the fixtures, the benchmark corpus and arbitrary input.
 */
import { foldText, type BodyScan, type Inline, type ScannedHeading, type ScannedItem, type ScannedLink } from './body-scan.js';
import { Decline, decline, parseBlocks, type Block, type ItemBlock, type Span } from './fast-blocks.js';
import { decodeString, InlineSource, normalizeIdentifier, parseInlines, readInlines, referenceKey, type LinkDefinitions } from './fast-inlines.js';

/**
 * Scans a body on the fast path.
 * @param text - the whole file
 * @param bodyOffset - where the body starts (just after the frontmatter's closing fence); 0 without frontmatter
 * @returns the scan, or `undefined` when the body uses markdown the fast path does not read exactly
 */
export function fastScan(text: string, bodyOffset: number): BodyScan | undefined {
  try {
    return scan(text, bodyOffset);
  } catch (error) {
    // Nesting deep enough to exhaust the stack is remark's to judge (bounded, it reports the file as skipped).
    if (error instanceof Decline || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Why the fast path declines a body (for diagnostics and statistics), or `undefined` when it takes it on.
 * @param text - the whole file
 * @param bodyOffset - where the body starts
 */
export function explainDecline(text: string, bodyOffset: number): string | undefined {
  try {
    scan(text, bodyOffset);
    return undefined;
  } catch (error) {
    if (error instanceof Decline) return error.reason;
    if (error instanceof RangeError) return 'nesting too deep';
    throw error;
  }
}

/** Text that may hold a link: the trigger for reading a block's inline content when nothing else needs it. */
const MAY_LINK = /[[<@&]|https?:\/\/|www\./i;

function scan(text: string, bodyOffset: number): BodyScan {
  // remark reads NUL as U+FFFD, and a byte-order mark inside the text as text (JavaScript's \s counts it as a blank).
  if (text.indexOf('\0', bodyOffset) !== -1) decline('NUL character');
  if (text.indexOf('\uFEFF', bodyOffset) !== -1) decline('byte-order mark');
  const tree = parseBlocks(text, bodyOffset, lineOf(text, bodyOffset));
  const definitions: LinkDefinitions = { defined: new Set(), urls: new Map() };
  const links: ScannedLink[] = [];
  for (const definition of tree.definitions) {
    const url = decodeString(definition.destination);
    definitions.defined.add(normalizeIdentifier(definition.label));
    const key = referenceKey(definition.label);
    if (!definitions.urls.has(key)) definitions.urls.set(key, url);
    links.push({ kind: 'definition', url, range: { start: definition.start, end: definition.end } });
  }
  const scanner = new Scanner(text, definitions, links);
  for (const block of tree.children) {
    if (block.kind === 'heading') {
      const plain = scanner.inline(block.lines, true, -1, undefined, false);
      scanner.headings.push({ depth: block.depth, text: plain.trim(), start: block.start, end: block.end });
    } else {
      scanner.visit(block, false, undefined);
    }
  }
  links.sort((a, b) => a.range.start - b.range.start);
  return { items: scanner.items, links, headings: scanner.headings };
}

class Scanner {
  readonly items: ScannedItem[] = [];
  readonly headings: ScannedHeading[] = [];
  /** Task items above the block being visited (each gets the task items below it as descendants). */
  private readonly ancestors: ScannedItem[] = [];

  constructor(
    private readonly text: string,
    private readonly definitions: LinkDefinitions,
    private readonly links: ScannedLink[],
  ) {}

  /**
   * Reads the inline content of some lines, adding its links to the scan.
   * @param full - its text is needed (or its inlines)
   * @returns the plain text when `full`, else ''
   */
  inline(lines: readonly Span[], full: boolean, previous: number, inlines: Inline[] | undefined, taskHead: boolean): string {
    if (lines.length === 0) return '';
    const text = this.text;
    const raw = text.slice(lines[0]!.start, lines[lines.length - 1]!.end);
    if (!full && !MAY_LINK.test(raw)) return '';
    // micromark moves the end of a text node over the next line's container prefix when an inline construct was
    // tried across a lazy line: leave such text to remark.
    if (full && (raw.includes('<') || raw.includes('`')) && lines.some((line, k) => line.lazy && k + 1 < lines.length && !lines[k + 1]!.lazy)) {
      decline('inline markup around a lazy line');
    }
    const source = new InlineSource(text, lines);
    const nodes = parseInlines(source, full, previous, this.definitions);
    return readInlines(source, nodes, this.links, inlines, taskHead);
  }

  /**
   * Visits a block in document order: its items, links and (when asked) its plain text.
   * @param needText - a task item above needs the block's text (mdast-util-to-string of it)
   * @param inlines - where the block's inline pieces go (a task item's own content), if anywhere
   * @returns the block's plain text when `needText`, else ''
   */
  visit(block: Block, needText: boolean, inlines: Inline[] | undefined): string {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return this.inline(block.lines, needText || inlines !== undefined, -1, inlines, false);
      case 'table': {
        let plain = '';
        for (const row of block.cells) for (const cell of row) plain += this.inline([cell], needText || inlines !== undefined, -1, inlines, false);
        return plain;
      }
      case 'code':
      case 'html':
        return needText ? this.rawValue(block.lines) : '';
      case 'break':
      case 'definitions':
        return '';
      case 'quote': {
        let plain = '';
        for (const child of block.children) plain += this.visit(child, needText, inlines);
        return plain;
      }
      case 'item':
        return this.item(block, needText);
    }
  }

  /** The value of a code or HTML block (its lines joined with line feeds). */
  private rawValue(lines: readonly Span[]): string {
    let value = '';
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      if (line.start < 0) decline('tab');
      value += (k > 0 ? '\n' : '') + this.text.slice(line.start, line.end);
    }
    return value;
  }

  private item(block: ItemBlock, needText: boolean): string {
    const text = this.text;
    const first = block.children[0];
    let task: ScannedItem | undefined;
    if (first?.kind === 'paragraph') {
      const start = first.lines[0]!.start;
      if (text.charCodeAt(start) === 91 /* [ */ && text.charCodeAt(start + 2) === 93 /* ] */) {
        const mark = text.charCodeAt(start + 1);
        if (mark === 9 || mark === 10 || mark === 13) decline('checkbox with a tab');
        if (block.blankStart || first.afterDefinitions) decline('checkbox after a blank first line or a definition');
        if ((mark === 32 || mark === 88 || mark === 120) && isCheckboxEnd(text, first.lines)) {
          task = { checked: mark !== 32, start: block.start, line: block.line, checkbox: start, inlines: [], text: '', descendants: [] };
        }
      }
    }
    if (task) {
      for (const ancestor of this.ancestors) ancestor.descendants.push(task);
      this.items.push(task);
      this.ancestors.push(task);
    }
    const own: string[] = [];
    let plain = '';
    for (let k = 0; k < block.children.length; k++) {
      const child = block.children[k]!;
      let value: string;
      if (child.kind === 'item') {
        value = this.visit(child, needText, undefined);
      } else if (k === 0 && task && child.kind === 'paragraph') {
        // The checkbox is not text: the paragraph is read from just after it.
        const lines = child.lines.slice();
        const head = lines[0]!;
        lines[0] = { ...head, start: head.start + 3 };
        value = this.inline(lines, true, 93 /* ] */, task.inlines, true);
      } else {
        value = this.visit(child, needText || task !== undefined, task?.inlines);
      }
      if (child.kind !== 'item') own.push(value);
      plain += value;
    }
    if (task) {
      this.ancestors.pop();
      task.text = foldText(own.join(' '));
    }
    return needText ? plain : '';
  }
}

/**
 * Whether a `[ ]`/`[x]` that opens an item's first paragraph is a checkbox (micromark's task list check): a blank or
 * the end of the line after it, and more of the paragraph after that. Blanks that run to the end of the line (a
 * hard break or line suffix where the text would start) are declined.
 */
function isCheckboxEnd(text: string, lines: readonly Span[]): boolean {
  const head = lines[0]!;
  const after = head.start + 3;
  const more = lines.length > 1;
  if (after >= head.end) return more;
  const c = text.charCodeAt(after);
  if (c !== 32 && c !== 9) return false;
  let q = after;
  while (q < head.end && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
  if (q < head.end) return true;
  if (!more) return false;
  decline('checkbox followed by blanks only');
}

/** 1-based line of an offset (counting CRLF, LF and lone CR). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}
