/**
 * The block structure of a markdown body for the fast scan, as micromark (remark-parse) reads it: the container
 * blocks (block quotes, list items; CommonMark 0.31 §5) and the leaf blocks (thematic breaks §4.1, ATX and setext
 * headings §4.2–4.3, indented and fenced code §4.4–4.5, HTML blocks §4.6 (see `html-blocks.ts`), link reference
 * definitions §4.7, paragraphs §4.8, blank lines §4.9) and GFM tables (GFM §4.10), with lazy continuation lines
 * and the rules for what may interrupt a paragraph. It follows micromark where it reads the spec its own way: the
 * list item and table constructs (`micromark-core-commonmark/list.js`, `micromark-extension-gfm-table`) and the
 * document's container algorithm (`micromark/lib/initialize/document.js`).
 *
 * It builds a light tree (no inline content: paragraphs keep their lines as ranges of the text) that `fast-scan.ts`
 * reads. Whatever it cannot settle exactly, it declines ({@link Decline}): tabs in the indentation of container
 * lines, footnote definitions, tables whose head or delimiter row sits on a line that opened containers, multi-line
 * link reference definitions, setext underlines under definitions, indented code after a table, items that start
 * with a blank line and then hold a checkbox, and a few rarer forms named where they are declined.
 */
import { htmlBlockEnds, htmlBlockStart } from './html-blocks.js';

/** Raised when the text leaves what the fast scan reads exactly; the caller falls back to remark. */
export class Decline extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Declines with a short reason (what was met), for the statistics of the differential checks. */
export function decline(reason: string): never {
  throw new Decline(reason);
}

/** One line's share of a block: `[start, end)` in the whole text, and `eol`, the end of its line ending. */
export interface Span {
  start: number;
  end: number;
  eol: number;
  /** A lazy continuation line of a paragraph. */
  lazy?: boolean;
}

/** A paragraph: its lines, the first from its first character, the others from just after their containers' prefixes. */
export interface ParagraphBlock {
  kind: 'paragraph';
  lines: Span[];
  /** Set when link reference definitions were taken off its start. */
  afterDefinitions?: boolean;
}

/** An ATX or setext heading: its content lines (the ATX line's content without the markers). */
export interface HeadingBlock {
  kind: 'heading';
  depth: number;
  start: number;
  end: number;
  lines: Span[];
}

/** A GFM table: the content range of every cell, row by row. */
export interface TableBlock {
  kind: 'table';
  cells: Span[][];
}

/** Fenced or indented code, or an HTML block: the lines of its value (mdast `value`, joined with `\n`). */
export interface RawBlock {
  kind: 'code' | 'html';
  lines: Span[];
}

/** A thematic break, or link reference definitions that made up a whole paragraph: blocks without text. */
export interface EmptyBlock {
  kind: 'break' | 'definitions';
}

export interface QuoteBlock {
  kind: 'quote';
  children: Block[];
}

export interface ItemBlock {
  kind: 'item';
  /** Offset of the list marker, and its 1-based line. */
  start: number;
  line: number;
  /** The item's first line is blank after the marker. */
  blankStart: boolean;
  children: Block[];
}

export type Block = ParagraphBlock | HeadingBlock | TableBlock | RawBlock | EmptyBlock | QuoteBlock | ItemBlock;

/** A link reference definition (single-line form): its raw label and destination, and its range. */
export interface DefinitionLine {
  label: string;
  /** The destination as written (without `<>`), escapes and entities not yet decoded. */
  destination: string;
  start: number;
  end: number;
  /** It has a title. */
  titled: boolean;
}

export interface BlockTree {
  children: Block[];
  /** Every definition, in document order. */
  definitions: DefinitionLine[];
}

interface Container {
  block: QuoteBlock | ItemBlock;
  /** Columns of the item's content (marker and its spaces); 0 for a quote. */
  width: number;
  /** For items: the marker character (`-`, `+`, `*`) or the ordered delimiter (`.`, `)`), which a sibling must share. */
  marker: string;
  /** The item started with a blank line and has had no content since; `further`: a second blank line came. */
  initialBlank: boolean;
  furtherBlank: boolean;
}

type Leaf =
  | { kind: 'paragraph'; block: ParagraphBlock }
  | { kind: 'fence'; block: RawBlock; char: number; length: number; indent: number }
  | { kind: 'indented'; block: RawBlock; blanks: Span[] }
  | { kind: 'html'; block: RawBlock; end: number }
  | { kind: 'table'; block: TableBlock };

const SPACE = 32;
const TAB = 9;
const GT = 62;

/**
 * Reads the block structure of a body.
 * @param text - the whole file
 * @param from - where the body starts
 * @param firstLine - the 1-based line number of `from`
 * @throws {@link Decline} when the body holds block structure this reader does not settle exactly
 */
export function parseBlocks(text: string, from: number, firstLine: number): BlockTree {
  return new BlockParser(text).run(from, firstLine);
}

class BlockParser {
  private readonly root: Block[] = [];
  private readonly definitions: DefinitionLine[] = [];
  private readonly stack: Container[] = [];
  private leaf: Leaf | undefined;
  /** The current line: `[lineStart, lineEnd)`; its line ending ends at `eol`. */
  private lineStart = 0;
  private lineEnd = 0;
  private eol = 0;
  private lineNumber = 0;
  /** Set when a table head was read: the next line is its delimiter row, which holds no content. */
  private delimiterRowNext = false;

  constructor(private readonly text: string) {}

  run(from: number, firstLine: number): BlockTree {
    const text = this.text;
    this.lineNumber = firstLine;
    let start = from;
    while (start < text.length) {
      let end = start;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      let eol = end;
      if (eol < text.length) eol += text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1;
      this.lineStart = start;
      this.lineEnd = end;
      this.eol = eol;
      if (this.delimiterRowNext) this.delimiterRowNext = false;
      else this.line();
      this.lineNumber++;
      start = eol;
    }
    this.closeLeaf();
    return { children: this.root, definitions: this.definitions };
  }

  /** The children of the container `depth` deep (0: the document). */
  private childrenAt(depth: number): Block[] {
    return depth === 0 ? this.root : this.stack[depth - 1]!.block.children;
  }

  /**
   * The first non-blank character at or after `p` and the columns of blanks before it. A tab is read as reaching the
   * next multiple of 4 only at the start of a line; after a container's prefix (where columns are not aligned) it
   * declines.
   */
  private lead(p: number): { q: number; cols: number } {
    const text = this.text;
    const end = this.lineEnd;
    let q = p;
    let cols = 0;
    while (q < end) {
      const c = text.charCodeAt(q);
      if (c === SPACE) cols++;
      else if (c === TAB) {
        // Only at the start of a line outside any container are a tab's columns certain.
        if (p !== this.lineStart || this.stack.length > 0) decline('tab');
        cols += 4 - (cols % 4);
      } else break;
      q++;
    }
    return { q, cols };
  }

  private line(): void {
    const text = this.text;
    const end = this.lineEnd;
    const stack = this.stack;
    let p = this.lineStart;
    let matched = 0;
    let sibling = false;

    // 1. The open containers this line continues (micromark: each container's `continuation`).
    for (; matched < stack.length; matched++) {
      const c = stack[matched]!;
      // The common case first: an item's indentation in spaces (a tab after it is the content's business).
      if (c.block.kind === 'item' && !c.furtherBlank) {
        let k = 0;
        while (k < c.width && text.charCodeAt(p + k) === SPACE) k++;
        if (k === c.width && !isBlank(text, p, end)) {
          p += c.width;
          c.initialBlank = false;
          continue;
        }
      }
      const { q, cols } = this.lead(p);
      if (c.block.kind === 'quote') {
        if (cols <= 3 && q < end && text.charCodeAt(q) === GT) {
          p = afterQuoteMarker(text, q, end);
          continue;
        }
        break;
      }
      if (q >= end) {
        // A blank line continues a list item; a second one after an item's blank first line ends it at the next text.
        if (c.initialBlank) c.furtherBlank = true;
        continue;
      }
      if (!c.furtherBlank && cols >= c.width) {
        // The item takes `width` columns: a tab among them would be split (micromark's virtual spaces).
        for (let k = p; k < p + c.width; k++) if (text.charCodeAt(k) !== SPACE) decline('tab');
        p += c.width;
        c.initialBlank = false;
        continue;
      }
      c.initialBlank = false;
      c.furtherBlank = false;
      // Not in the item: a sibling item of the same list (which never counts as interrupting).
      const marker = cols <= 3 ? listMarker(text, q, end, false) : undefined;
      if (marker && marker.marker === c.marker) {
        this.closeFrom(matched);
        this.openItem(p, q, marker);
        p = marker.contentStart;
        matched++;
        sibling = true;
      }
      break;
    }

    const allMatched = matched === stack.length && !sibling;
    const leaf = this.leaf;
    // A fence or HTML block in progress takes the whole line (micromark: "concrete" constructs).
    if (allMatched && leaf && (leaf.kind === 'fence' || leaf.kind === 'html')) {
      this.continueLeaf(p);
      return;
    }
    // 2. New containers. They may not interrupt a paragraph or indented code of the innermost container as an empty
    // item or an ordered item not numbered 1; once one opens, that holds for the others on the line too.
    const interrupt = allMatched && leaf !== undefined && (leaf.kind === 'paragraph' || leaf.kind === 'indented');
    let opened = false;
    for (;;) {
      const { q, cols } = this.lead(p);
      if (q >= end || cols > 3) break;
      if (text.charCodeAt(q) === GT) {
        if (!opened && !sibling) this.closeFrom(matched);
        opened = true;
        const quote: QuoteBlock = { kind: 'quote', children: [] };
        this.childrenAt(stack.length).push(quote);
        stack.push({ block: quote, width: 0, marker: '>', initialBlank: false, furtherBlank: false });
        p = afterQuoteMarker(text, q, end);
        continue;
      }
      const marker = listMarker(text, q, end, interrupt);
      // Whether indented code counts as interrupted depends on how it started in micromark: leave that to remark.
      if (!marker && interrupt && leaf?.kind === 'indented' && listMarker(text, q, end, false)) decline('list item after indented code');
      if (!marker) break;
      if (!opened && !sibling) this.closeFrom(matched);
      opened = true;
      this.openItem(p, q, marker);
      p = marker.contentStart;
    }
    if (opened || sibling) {
      this.flowStart(p, false);
      return;
    }
    if (matched < stack.length) {
      // A lazy continuation line of a paragraph, or the end of the containers it did not continue.
      if (leaf?.kind === 'paragraph' && !isBlank(text, p, end) && !this.interruptsParagraph(p, true)) {
        leaf.block.lines.push({ ...this.span(p), lazy: true });
        return;
      }
      this.closeFrom(matched);
      this.flowStart(p, false);
      return;
    }
    this.continueLeaf(p);
  }

  private span(p: number): Span {
    return { start: p, end: this.lineEnd, eol: this.eol };
  }

  /** Closes the open leaf and the containers from `depth` on. */
  private closeFrom(depth: number): void {
    this.closeLeaf();
    if (this.stack.length > depth) this.stack.length = depth;
  }

  /** Opens a list item whose marker is at `q`; its content column counts from `from` (the indentation included). */
  private openItem(from: number, q: number, marker: Marker): void {
    this.closeLeaf();
    const item: ItemBlock = { kind: 'item', start: q, line: this.lineNumber, blankStart: marker.blank, children: [] };
    this.childrenAt(this.stack.length).push(item);
    this.stack.push({ block: item, width: q - from + marker.width, marker: marker.marker, initialBlank: marker.blank, furtherBlank: false });
  }

  /** The line continues the open leaf when it can (all containers matched), else it starts a new block. */
  private continueLeaf(p: number): void {
    const leaf = this.leaf;
    const text = this.text;
    const end = this.lineEnd;
    const blank = isBlank(text, p, end);
    if (!leaf) {
      if (!blank) this.flowStart(p, false);
      return;
    }
    switch (leaf.kind) {
      case 'paragraph': {
        if (blank) {
          this.closeLeaf();
          return;
        }
        const interrupting = this.interruptsParagraph(p, false);
        if (interrupting === 'setext') {
          this.setext(leaf.block);
          return;
        }
        if (interrupting) {
          this.closeLeaf();
          this.flowStart(p, true);
          return;
        }
        leaf.block.lines.push(this.span(p));
        return;
      }
      case 'fence': {
        const q = firstNonSpace(text, p, end);
        if (q < end && text.charCodeAt(q) === leaf.char) {
          let r = q;
          while (r < end && text.charCodeAt(r) === leaf.char) r++;
          if (r - q >= leaf.length && isBlank(text, r, end) && this.lead(p).cols <= 3) {
            this.leaf = undefined;
            return;
          }
        }
        // Up to the fence's indentation is stripped from content lines (a tab there: marked, declined if read).
        let s = p;
        while (s < end && s - p < leaf.indent && text.charCodeAt(s) === SPACE) s++;
        leaf.block.lines.push(s < end && s - p < leaf.indent && text.charCodeAt(s) === TAB ? { start: -1, end: -1, eol: -1 } : this.span(s));
        return;
      }
      case 'html': {
        if (blank && leaf.end >= 6) {
          this.closeLeaf();
          return;
        }
        leaf.block.lines.push(this.span(p));
        if (leaf.end < 6 && htmlBlockEnds(text, p, end, leaf.end, false)) this.leaf = undefined;
        return;
      }
      case 'indented': {
        if (blank) {
          leaf.blanks.push({ start: end, end, eol: this.eol });
          return;
        }
        const { cols } = this.lead(p);
        if (cols >= 4) {
          for (const b of leaf.blanks) leaf.block.lines.push(b);
          leaf.blanks = [];
          leaf.block.lines.push(this.span(indentedContentStart(text, p, end)));
          return;
        }
        this.closeLeaf();
        this.flowStart(p, false);
        return;
      }
      case 'table': {
        if (blank) {
          this.closeLeaf();
          return;
        }
        const { q, cols } = this.lead(p);
        if (cols >= 4) decline('indented code after a table');
        if (text.charCodeAt(q) === 91 /* [ */ && /^\[(?:[^\\\]]|\\.)*\]:/.test(text.slice(q, end))) decline('definition after a table');
        if (this.startsLeaf(q, false)) {
          this.closeLeaf();
          this.flowStart(p, false);
          return;
        }
        leaf.block.cells.push(bodyRowCells(text, q, end));
        return;
      }
    }
  }

  /** Whether a block other than a paragraph starts at `q` (the first non-blank character): ATX, fence, HTML, break. */
  private startsLeaf(q: number, interrupt: boolean): boolean {
    const text = this.text;
    const end = this.lineEnd;
    return atxAt(text, q, end) !== undefined || fenceAt(text, q, end) !== undefined || htmlBlockStart(text, q, end, interrupt) !== 0 || thematicBreakAt(text, q, end);
  }

  /**
   * What ends a paragraph at this line: `setext` for a setext underline (never on a lazy line), true for a block
   * that interrupts it, false when the line continues it (micromark's content continuation).
   */
  private interruptsParagraph(p: number, lazy: boolean): boolean | 'setext' {
    const text = this.text;
    const end = this.lineEnd;
    const { q, cols } = this.lead(p);
    if (cols >= 4) return false;
    const c = text.charCodeAt(q);
    if (!lazy && (c === 61 /* = */ || c === 45 /* - */) && setextUnderlineAt(text, q, end)) return 'setext';
    if (atxAt(text, q, end) || fenceAt(text, q, end) || thematicBreakAt(text, q, end)) return true;
    // A complete tag alone on a lazy line (type 7) makes micromark open an HTML block inside the containers.
    if (lazy && htmlBlockStart(text, q, end, false) === 7) decline('HTML tag alone on a lazy line');
    if (htmlBlockStart(text, q, end, true) !== 0) return true;
    return this.tableStartsAt(q, lazy);
  }

  /** A setext underline under the open paragraph: the paragraph becomes a heading. */
  private setext(block: ParagraphBlock): void {
    const text = this.text;
    if (text.charCodeAt(block.lines[0]!.start) === 91 /* [ */) {
      this.extractDefinitions(block);
      if (block.afterDefinitions) decline('setext underline after definitions');
    }
    const underline = firstNonSpace(text, this.lineStart, this.lineEnd);
    const depth = text.charCodeAt(underline) === 61 ? 1 : 2;
    const heading: HeadingBlock = { kind: 'heading', depth, start: block.lines[0]!.start, end: this.lineEnd, lines: block.lines };
    const siblings = this.childrenAt(this.stack.length);
    siblings[siblings.lastIndexOf(block)] = heading;
    this.leaf = undefined;
  }

  /**
   * A new block at `p` (after the containers' prefixes) in the innermost container.
   * @param interrupt - it interrupts a paragraph (an HTML block of type 7 may not)
   */
  private flowStart(p: number, interrupt: boolean): void {
    const text = this.text;
    const end = this.lineEnd;
    const { q, cols } = this.lead(p);
    if (q >= end) return;
    const children = this.childrenAt(this.stack.length);
    if (cols >= 4) {
      const block: RawBlock = { kind: 'code', lines: [this.span(indentedContentStart(text, p, end))] };
      children.push(block);
      this.leaf = { kind: 'indented', block, blanks: [] };
      return;
    }
    const atx = atxAt(text, q, end);
    if (atx) {
      children.push({ kind: 'heading', depth: atx.depth, start: q, end, lines: atx.content ? [{ start: atx.content.start, end: atx.content.end, eol: atx.content.end }] : [] });
      return;
    }
    const fence = fenceAt(text, q, end);
    if (fence) {
      const block: RawBlock = { kind: 'code', lines: [] };
      children.push(block);
      this.leaf = { kind: 'fence', block, char: fence.char, length: fence.length, indent: cols };
      return;
    }
    const html = htmlBlockStart(text, q, end, interrupt);
    if (html !== 0) {
      const block: RawBlock = { kind: 'html', lines: [this.span(q)] };
      children.push(block);
      this.leaf = html < 6 && htmlBlockEnds(text, q, end, html, true) ? undefined : { kind: 'html', block, end: html };
      return;
    }
    if (thematicBreakAt(text, q, end)) {
      children.push({ kind: 'break' });
      return;
    }
    if (text.charCodeAt(q) === 91 /* [ */ && text.charCodeAt(q + 1) === 94 /* ^ */ && /^\[\^(?:[^\\\]]|\\.)*\]:/.test(text.slice(q, end))) decline('footnote definition');
    if (this.tableStartsAt(q, false)) {
      const block: TableBlock = { kind: 'table', cells: [bodyRowCells(text, q, end)] };
      children.push(block);
      this.leaf = { kind: 'table', block };
      this.delimiterRowNext = true;
      return;
    }
    const block: ParagraphBlock = { kind: 'paragraph', lines: [this.span(q)] };
    children.push(block);
    this.leaf = { kind: 'paragraph', block };
  }

  /**
   * Whether a table starts at `q` on this line: a head row here and a delimiter row with as many cells on the next
   * line, in the same containers (micromark's `tokenizeTable`; no lazy delimiter row).
   */
  private tableStartsAt(q: number, lazy: boolean): boolean {
    const text = this.text;
    if (this.eol >= text.length || this.eol === this.lineEnd) return false;
    let nextEnd = this.eol;
    while (nextEnd < text.length) {
      const c = text.charCodeAt(nextEnd);
      if (c === 10 || c === 13) break;
      nextEnd++;
    }
    // A cheap first look: only `|`, `:`, `-`, blanks (and containers' prefixes) on the next line.
    if (!DELIMITER_ROW_LIKE.test(text.slice(this.eol, nextEnd))) return false;
    const headCells = headRowCells(text, q, this.lineEnd);
    if (headCells === 0) return false;
    const start = this.matchContainers(this.eol, nextEnd);
    if (start === undefined) return false;
    if (lazy) decline('table on a lazy line');
    let r = start;
    while (r < nextEnd && text.charCodeAt(r) === SPACE) r++;
    if (r < nextEnd && text.charCodeAt(r) === TAB) decline('tab');
    if (r - start >= 4) return false;
    if (delimiterRowCells(text, r, nextEnd) !== headCells) return false;
    // micromark checks the next line's containers before its table row: `- | :-:` opens a list item there.
    if (listMarker(text, r, nextEnd, false) || text.charCodeAt(r) === GT) decline('table delimiter row that opens a list item');
    return true;
  }

  /**
   * Where the content of a line starts when every open container continues on it without a new item, or
   * `undefined` when one does not (the line is lazy or leaves it). Used to look one line ahead.
   */
  private matchContainers(lineStart: number, lineEnd: number): number | undefined {
    const text = this.text;
    let p = lineStart;
    for (const c of this.stack) {
      let q = p;
      while (q < lineEnd && text.charCodeAt(q) === SPACE) q++;
      if (q < lineEnd && text.charCodeAt(q) === TAB) decline('tab');
      if (c.block.kind === 'quote') {
        if (q - p <= 3 && q < lineEnd && text.charCodeAt(q) === GT) {
          p = afterQuoteMarker(text, q, lineEnd);
          continue;
        }
        return undefined;
      }
      if (q >= lineEnd || c.furtherBlank || q - p < c.width) return undefined;
      p += c.width;
    }
    return p;
  }

  private closeLeaf(): void {
    const leaf = this.leaf;
    this.leaf = undefined;
    if (leaf?.kind !== 'paragraph') return;
    if (this.text.charCodeAt(leaf.block.lines[0]!.start) !== 91 /* [ */) return;
    this.extractDefinitions(leaf.block);
    if (leaf.block.lines.length === 0) {
      const siblings = this.childrenAt(this.stack.length);
      siblings[siblings.lastIndexOf(leaf.block)] = { kind: 'definitions' };
    }
  }

  /** Takes the link reference definitions off the start of a paragraph (single-line forms only). */
  private extractDefinitions(block: ParagraphBlock): void {
    const text = this.text;
    let taken = 0;
    while (taken < block.lines.length) {
      const line = block.lines[taken]!;
      const s = firstNonSpace(text, line.start, line.end);
      if (text.charCodeAt(s) !== 91 /* [ */) break;
      const definition = parseDefinitionLine(text, s, line.end);
      if (!definition) {
        if (maybeMultilineDefinition(text.slice(s, line.end))) decline('multi-line definition');
        break;
      }
      // A title may follow on the next line: a definition of two lines.
      const next = block.lines[taken + 1];
      if (next && !definition.titled) {
        const t = text.charCodeAt(firstNonSpace(text, next.start, next.end));
        if (t === 34 || t === 39 || t === 40) decline('multi-line definition');
      }
      this.definitions.push(definition);
      taken++;
    }
    if (taken === 0) return;
    block.lines.splice(0, taken);
    block.afterDefinitions = true;
    const first = block.lines[0];
    if (first) block.lines[0] = { start: firstNonSpace(text, first.start, first.end), end: first.end, eol: first.eol };
  }
}

/** The next line of a possible table head: a delimiter row's characters only (after containers' prefixes). */
const DELIMITER_ROW_LIKE = /^[ \t>|:]*-[ \t>|:-]*$/;


interface Marker {
  /** `-`, `+`, `*`, or the ordered delimiter `.` / `)`: a sibling item must have the same. */
  marker: string;
  /** Columns from the marker to the item's content (marker and spaces). */
  width: number;
  /** Where the item's content starts on this line. */
  contentStart: number;
  /** Nothing but blanks after the marker. */
  blank: boolean;
}

/**
 * A list item marker at `q` (micromark's `list.js`): a bullet or 1–9 digits and `.`/`)`, then a space or the end of
 * the line, and not a thematic break. When interrupting a paragraph, an item may not be empty and an ordered one
 * must be numbered 1 (one digit).
 */
function listMarker(text: string, q: number, end: number, interrupt: boolean): Marker | undefined {
  const c = text.charCodeAt(q);
  let r: number;
  if (c === 45 || c === 43 || c === 42) {
    if (c !== 43 && thematicBreakAt(text, q, end)) return undefined;
    r = q + 1;
  } else if (c >= 48 && c <= 57) {
    r = q;
    while (r < end && r - q < 10 && text.charCodeAt(r) >= 48 && text.charCodeAt(r) <= 57) r++;
    if (r - q > 9) return undefined;
    const d = text.charCodeAt(r);
    if (d !== 46 && d !== 41) return undefined;
    if (interrupt && (r - q !== 1 || c !== 49)) return undefined;
    r++;
  } else {
    return undefined;
  }
  const marker = text[r - 1]!;
  if (isBlank(text, r, end)) {
    if (interrupt) return undefined;
    return { marker, width: r + 1 - q, contentStart: Math.min(end, r + 1), blank: true };
  }
  let n = 0;
  while (r + n < end && text.charCodeAt(r + n) === SPACE) n++;
  if (text.charCodeAt(r + n) === TAB) decline('tab');
  if (n === 0) return undefined;
  // 1–4 spaces then content; 5 or more: the content is indented code one space after the marker.
  const spaces = n <= 4 ? n : 1;
  return { marker, width: r + spaces - q, contentStart: r + spaces, blank: false };
}

function afterQuoteMarker(text: string, q: number, end: number): number {
  let p = q + 1;
  const c = text.charCodeAt(p);
  if (p < end && c === TAB) decline('tab');
  if (p < end && c === SPACE) p++;
  return p;
}

function isBlank(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

function firstNonSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

/** Where indented code's content starts: after 4 columns of indentation (declines when a tab would be split). */
function indentedContentStart(text: string, p: number, end: number): number {
  let col = 0;
  let i = p;
  while (i < end && col < 4) {
    const c = text.charCodeAt(i);
    if (c === SPACE) col++;
    else if (c === TAB) col += 4 - (col % 4);
    else break;
    i++;
  }
  if (col > 4) decline('tab');
  return i;
}

const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+(#+))?[ \t]*$/;

/** An ATX heading at `q`: its depth and the range of its content (without the closing sequence). */
function atxAt(text: string, q: number, end: number): { depth: number; content?: { start: number; end: number } } | undefined {
  if (text.charCodeAt(q) !== 35 /* # */) return undefined;
  const m = ATX.exec(text.slice(q, end));
  if (!m) return undefined;
  const depth = m[1]!.length;
  // `# #`: the blank after the opening sequence also opens the closing one, so the heading is empty.
  const inner = m[3] === undefined && /^#+$/.test(m[2] ?? '') ? '' : (m[2] ?? '');
  if (inner === '') return { depth };
  const start = firstNonSpace(text, q + depth, end);
  return { depth, content: { start, end: start + inner.length } };
}

/** A code fence opening at `q`: three or more backticks (with no backtick in the info string) or tildes. */
function fenceAt(text: string, q: number, end: number): { char: number; length: number } | undefined {
  const c = text.charCodeAt(q);
  if (c !== 96 && c !== 126) return undefined;
  let r = q;
  while (r < end && text.charCodeAt(r) === c) r++;
  if (r - q < 3) return undefined;
  if (c === 96 && text.slice(r, end).includes('`')) return undefined;
  return { char: c, length: r - q };
}

/** Three or more `*`, `-` or `_` (the same), with blanks between, and nothing else on the line. */
function thematicBreakAt(text: string, q: number, end: number): boolean {
  const c = text.charCodeAt(q);
  if (c !== 42 && c !== 45 && c !== 95) return false;
  let n = 0;
  for (let i = q; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === c) n++;
    else if (d !== SPACE && d !== TAB) return false;
  }
  return n >= 3;
}

/** A setext underline: a run of `=` or of `-`, then blanks only. */
function setextUnderlineAt(text: string, q: number, end: number): boolean {
  const c = text.charCodeAt(q);
  let r = q;
  while (r < end && text.charCodeAt(r) === c) r++;
  return isBlank(text, r, end);
}

/**
 * The number of cells of a table head row at `q` (micromark's `headRowStart`/`headRowBreak`), or 0 when the line
 * cannot be a head row (a single pipe and nothing else).
 */
function headRowCells(text: string, q: number, end: number): number {
  let size = 0;
  let sizeB = 0;
  let seen = false;
  let i = q;
  if (i < end && text.charCodeAt(i) !== 124) {
    seen = true;
    sizeB++;
  }
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    sizeB++;
    if (seen) {
      seen = false;
      size++;
    }
    if (c === 124) {
      seen = true;
      i++;
      continue;
    }
    // Cell data up to a pipe or a blank; `\|` and `\\` are escapes.
    while (i < end) {
      const d = text.charCodeAt(i);
      if (d === 124 || d === SPACE || d === TAB) break;
      i++;
      if (d === 92 && i < end && (text.charCodeAt(i) === 92 || text.charCodeAt(i) === 124)) i++;
    }
  }
  return sizeB > 1 ? size : 0;
}

/** The number of cells of a delimiter row at `q`, or -1 when it is not one (micromark's `headDelimiter*`). */
function delimiterRowCells(text: string, q: number, end: number): number {
  let i = q;
  let size = 0;
  let seen = false;
  const c0 = text.charCodeAt(i);
  if (c0 !== 45 && c0 !== 58 && c0 !== 124) return -1;
  for (;;) {
    // headDelimiterBefore
    if (i >= end) break;
    let c = text.charCodeAt(i);
    if (c === 124) {
      seen = true;
      i++;
      while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      if (i >= end) break;
      c = text.charCodeAt(i);
    }
    if (c === 58) {
      size++;
      seen = true;
      i++;
      if (text.charCodeAt(i) !== 45) return -1;
    } else if (c === 45) {
      size++;
    } else {
      return -1;
    }
    while (i < end && text.charCodeAt(i) === 45) i++;
    if (i < end && text.charCodeAt(i) === 58) {
      seen = true;
      i++;
    }
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (i >= end) break;
    if (text.charCodeAt(i) !== 124) return -1;
  }
  return seen ? size : -1;
}

/** The content ranges of a table row's cells (between unescaped pipes, trimmed). */
function bodyRowCells(text: string, q: number, end: number): Span[] {
  const cells: Span[] = [];
  let i = q;
  if (i < end && text.charCodeAt(i) === 124) i++;
  while (i < end) {
    let s = i;
    while (s < end && (text.charCodeAt(s) === SPACE || text.charCodeAt(s) === TAB)) s++;
    let j = s;
    while (j < end && text.charCodeAt(j) !== 124) {
      if (text.charCodeAt(j) === 92 && j + 1 < end) j++;
      j++;
    }
    if (j > end) j = end;
    let e = j;
    while (e > s && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
    if (e > s) cells.push({ start: s, end: e, eol: e });
    i = j + 1;
  }
  return cells;
}

const DEFINITION = /^\[((?:[^\\[\]]|\\.){0,999})\]:[ \t]*(?:<((?:[^\\<>\n]|\\.)*)>|([^\s<][^\s]*))(?:[ \t]+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'))?[ \t]*$/;

/** A link reference definition on one line at `s` (label, destination, optional quoted title), or undefined. */
function parseDefinitionLine(text: string, s: number, end: number): DefinitionLine | undefined {
  const m = DEFINITION.exec(text.slice(s, end));
  if (!m) return undefined;
  const label = m[1]!;
  if (label.trim() === '') return undefined;
  if (label.startsWith('^')) decline('footnote definition');
  const raw = m[2] ?? m[3]!;
  // A raw destination: balanced parentheses, no controls (micromark's `factoryDestination`).
  if (m[3] !== undefined && !balancedDestination(raw)) decline('definition destination');
  return { label, destination: raw, start: s, end, titled: m[4] !== undefined || m[5] !== undefined };
}

/** What may be a definition that goes on past its line (a label, destination or title left open). */
function maybeMultilineDefinition(line: string): boolean {
  if (/^\[(?:[^\\\]]|\\.)*$/.test(line)) return true; // a label that is not closed on this line
  return /^\[(?:[^\\\]]|\\.)*\]:/.test(line);
}

/** A raw destination's parentheses balance (at most 32 deep) and it holds no ASCII control character. */
export function balancedDestination(raw: string): boolean {
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 32 || c === 127) return false;
    if (c === 92) {
      i++;
      continue;
    }
    if (c === 40) {
      depth++;
      if (depth > 32) return false;
    } else if (c === 41) {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}
