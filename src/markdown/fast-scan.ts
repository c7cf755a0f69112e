/**
 * The fast path of the body scan: reads task list items, links and top-level
 * headings straight from the text, without building an mdast tree, for the
 * subset of markdown that agent documents are written in: ATX headings,
 * paragraphs, bullet and ordered lists (nested by indentation, with lazy
 * continuation lines), fenced code blocks, inline code spans, and inline links
 * and images.
 *
 * Anything outside that subset makes it decline (return `undefined`), and the
 * caller falls back to the full remark parse: block quotes, HTML, tables, link
 * reference definitions and footnotes, setext headings and thematic breaks,
 * indented code, tabs, backslash escapes, entities, emphasis (which changes an
 * item's plain text), bare URLs and e-mail addresses (GFM autolink literals),
 * link titles and nested brackets, code spans across lines, headings inside
 * lists, and ordered items that would interrupt a paragraph. Declining is
 * always safe; a wrong scan is not, so a test holds this path equal to the
 * remark scan on the benchmark corpus and the fixture repositories.
 */
import type { SourceRange } from '../document/metadata.js';
import { foldText, type BodyScan, type Inline, type ScannedHeading, type ScannedItem, type ScannedLink } from './body-scan.js';

/** Raised inside the scanner when the text leaves the supported subset. */
class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/** Block-level constructs the fast path does not handle, anywhere in the body. */
const UNSUPPORTED_BLOCKS = new RegExp(
  [
    '\\t', // tabs change indentation
    '^ *>', // block quote
    '^ *<', // HTML block or autolink at a line start
    '\\[\\^', // footnote
    '^ *(?:=+|-+) *\\r?$', // setext underline or thematic break
    '^ *([-*_])(?: *\\1){2,} *\\r?$', // thematic break
    '\\|', // table
    '\\\\', // backslash escape or hard break
    '  $', // hard break: two blanks at the end of a line
    '&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});', // entity or character reference
  ].join('|'),
  'm',
);

/** Inline text the fast path leaves to remark: HTML, autolink literals, emphasis, strikethrough. */
const UNSUPPORTED_TEXT = /[<@*~]|https?:\/\/|www\.|(?:^|[^\p{L}\p{N}_])_|_(?:[^\p{L}\p{N}_]|$)/iu;

/** A cheap first look for {@link UNSUPPORTED_TEXT} (which needs Unicode classes). */
const MAYBE_UNSUPPORTED_TEXT = /[<@*~_]|http|www\./i;

/** A thematic break as an item's content (`+ ---`): a block of its own, which remark reads differently from text. */
const THEMATIC_BREAK = /^([-*_])(?: *\1){2,} *$/;

const LIST_MARKER = /^([-+*]|\d{1,9}[.)])( +)(.*)$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ATX = /^(#{1,6})(?:[ ]+(.*?))?(?:[ ]+(#+))?[ ]*$/;
const CHECKBOX = /^\[([ xX])\] +(?=\S)/;

interface Line {
  /** Offset of the line's first character in the whole text. */
  start: number;
  /** The line without its line ending. */
  text: string;
}

interface OpenItem {
  /** Column at which the item's content starts; lines indented less leave it. */
  contentIndent: number;
  /** The task item, when the list item has a checkbox. */
  task?: ScannedItem;
}

interface Paragraph {
  owner: OpenItem | undefined;
  /** Offset where its content starts and where its last line ends. */
  start: number;
  end: number;
  /** Its plain text, once its inlines are scanned. */
  plain?: string;
}

/** Link reference definitions by normalized label (the first definition of a label wins). */
type Definitions = Map<string, string>;

/** `[label]: destination`, optionally with a quoted title: the simple form only. */
const DEFINITION = /^\[([^\]\n[]+)\]: *([A-Za-z0-9\-._~/#?=+:,;!$%]+)(?: +(?:"[^"\n]*"|'[^'\n]*'))? *$/;

/**
 * Scans a body on the fast path.
 * @param text - the whole file
 * @param bodyOffset - where the body starts (just after the frontmatter's closing fence); 0 without frontmatter
 * @returns the scan, or `undefined` when the body uses markdown outside the supported subset
 */
export function fastScan(text: string, bodyOffset: number): BodyScan | undefined {
  const body = text.slice(bodyOffset);
  // remark reads NUL as U+FFFD, and a byte-order mark inside the text as text (JavaScript's \s counts it as a blank).
  if (UNSUPPORTED_BLOCKS.test(body) || body.includes('\0') || body.includes('\uFEFF')) return undefined;
  try {
    return scan(text, splitLines(text, bodyOffset));
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      lines.push({ start, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

function scan(text: string, lines: readonly Line[]): BodyScan {
  const items: ScannedItem[] = [];
  const links: ScannedLink[] = [];
  const headings: ScannedHeading[] = [];
  const stack: OpenItem[] = [];
  let paragraph: Paragraph | undefined;
  let fence: { char: string; length: number; owner: OpenItem | undefined; content: string[] } | undefined;
  let lineNumber = lineOf(text, lines[0]?.start ?? 0);
  const textParts = new Map<ScannedItem, Array<string | Paragraph>>();
  const paragraphs: Paragraph[] = [];
  const pendingHeadings: Array<{ heading: ScannedHeading; start: number; end: number }> = [];
  const definitions: Definitions = new Map();

  // Inlines are read after the blocks, once every link reference definition is known.
  const closeParagraph = (): void => {
    if (!paragraph) return;
    paragraphs.push(paragraph);
    const task = paragraph.owner?.task;
    if (task) textParts.get(task)!.push(paragraph);
    paragraph = undefined;
  };

  for (const line of lines) {
    const current = lineNumber++;
    const indent = line.text.length - line.text.trimStart().length;
    const blank = line.text.trim() === '';

    if (fence) {
      const container = fence.owner;
      if (!blank && container && indent < container.contentIndent) decline(); // a fence cut short by its list item
      const relative = indent - (container?.contentIndent ?? 0);
      const closing = line.text.trim();
      if (relative <= 3 && closing.length >= fence.length && closing === fence.char.repeat(closing.length)) {
        // A code block in an item is part of the item's plain text (as mdast-util-to-string reads it).
        const task = fence.owner?.task;
        if (task) textParts.get(task)!.push(fence.content.join('\n'));
        fence = undefined;
      } else {
        fence.content.push(line.text.slice(Math.min(indent, container?.contentIndent ?? 0)));
      }
      continue;
    }
    if (blank) {
      closeParagraph();
      continue;
    }
    // Leave the list items this line is not indented into, unless it continues their paragraph lazily.
    const lazy = paragraph !== undefined && !LIST_MARKER.test(line.text.trimStart()) && !ATX.test(line.text.trimStart()) && !FENCE.test(line.text.trimStart());
    if (!lazy || indent >= (stack[stack.length - 1]?.contentIndent ?? 0)) {
      while (stack.length > 0 && indent < stack[stack.length - 1]!.contentIndent) stack.pop();
    }
    const container = stack[stack.length - 1];
    const relative = indent - (container?.contentIndent ?? 0);
    const content = line.text.slice(indent);

    if (paragraph && (lazy || relative >= 4)) {
      if (relative >= 4 && !lazy) decline();
      paragraph.end = line.start + line.text.length;
      continue;
    }
    if (relative >= 4) decline(); // indented code

    const fenceMatch = FENCE.exec(content);
    if (fenceMatch) {
      if (fenceMatch[1]!.startsWith('`') && fenceMatch[2]!.includes('`')) decline();
      closeParagraph();
      fence = { char: fenceMatch[1]!.charAt(0), length: fenceMatch[1]!.length, owner: container, content: [] };
      continue;
    }
    const heading = ATX.exec(content);
    if (heading) {
      if (container) decline(); // a heading inside a list
      closeParagraph();
      const start = line.start + indent;
      // `# #`: the space after the opening sequence also opens the closing one, so the heading is empty.
      const inner = heading[3] === undefined && /^#+$/.test(heading[2] ?? '') ? '' : (heading[2] ?? '');
      const innerStart = inner === '' ? start : line.start + line.text.indexOf(inner, indent + heading[1]!.length);
      const scanned: ScannedHeading = { depth: heading[1]!.length, text: '', start, end: line.start + line.text.length }; // remark counts trailing blanks in
      headings.push(scanned);
      pendingHeadings.push({ heading: scanned, start: innerStart, end: innerStart + inner.length });
      continue;
    }
    const definition = DEFINITION.exec(content);
    if (definition && !paragraph) {
      if (container) decline(); // definitions inside lists: leave them to remark
      const label = normalizeLabel(definition[1]!);
      if (!definitions.has(label)) definitions.set(label, definition[2]!);
      const start = line.start + indent;
      links.push({ kind: 'definition', url: definition[2]!, range: { start, end: line.start + line.text.length } }); // trailing blanks included, as remark
      continue;
    }
    // What looks like a definition but is not one of the simple forms (`[1]: a.md[b](c)`): remark decides.
    if (!paragraph && content.startsWith('[') && content.includes(']:')) decline();
    const marker = LIST_MARKER.exec(content);
    if (marker) {
      const [, bullet, spaces, rest] = marker as unknown as [string, string, string, string];
      if (spaces.length >= 5 || rest.trim() === '' || (rest.startsWith('[') && rest.includes(']:')) || THEMATIC_BREAK.test(rest)) decline();
      // An ordered item interrupts a paragraph in its own container only if it is numbered 1: leave the rest to remark.
      if (paragraph && paragraph.owner === container && /^\d/.test(bullet) && Number(bullet.slice(0, -1)) !== 1) decline();
      closeParagraph();
      const item: OpenItem = { contentIndent: indent + bullet.length + spaces.length };
      const checkbox = CHECKBOX.exec(rest);
      const restStart = line.start + indent + bullet.length + spaces.length;
      if (checkbox) {
        const parts: Array<string | Paragraph> = [];
        let folded: string | undefined;
        const task: ScannedItem = {
          checked: checkbox[1] !== ' ',
          start: line.start + indent,
          line: current,
          checkbox: restStart,
          inlines: [],
          // Folded on first read: `check` never needs an item's plain text.
          get text() {
            return (folded ??= foldText(parts.map((part) => (typeof part === 'string' ? part : (part.plain ?? ''))).join(' ')));
          },
          descendants: [],
        };
        textParts.set(task, parts);
        for (const open of stack) open.task?.descendants.push(task);
        items.push(task);
        item.task = task;
      } else if (/^\[[ xX]\]/.test(rest)) {
        decline(); // a checkbox not followed by text
      }
      stack.push(item);
      const textStart = checkbox ? restStart + checkbox[0].length : restStart;
      const firstBlock = text.slice(textStart, line.start + line.text.length);
      // A block of its own as the item's first line (a fence, a heading, a list, a block quote): remark decides.
      if (FENCE.test(firstBlock) || ATX.test(firstBlock) || LIST_MARKER.test(firstBlock) || /^ *>/.test(firstBlock)) decline();
      paragraph = { owner: item, start: textStart, end: line.start + line.text.length };
      continue;
    }
    // A paragraph line.
    if (paragraph) {
      paragraph.end = line.start + line.text.length;
    } else {
      paragraph = { owner: container, start: line.start + indent, end: line.start + line.text.length };
    }
  }
  if (fence) decline(); // an unclosed fence runs to the end of its container: leave that to remark
  closeParagraph();
  for (const pending of pendingHeadings) pending.heading.text = scanInlines(text, pending.start, pending.end, links, definitions).plain.trim();
  for (const block of paragraphs) {
    const { inlines, plain } = scanInlines(text, block.start, block.end, links, definitions);
    block.plain = plain;
    // One by one: spreading an unbounded array into a call overflows the stack (150,000 code spans on a line).
    const own = block.owner?.task?.inlines;
    if (own) for (const inline of inlines) own.push(inline);
  }
  links.sort((a, b) => a.range.start - b.range.start);
  return { items, links, headings };
}

/** 1-based line of an offset (counting CRLF, LF and lone CR). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) line++;
    }
  }
  return line;
}

/**
 * Scans the inline content between two offsets: code spans, links and images, and the text between them.
 * Links and images are added to `links`.
 * @returns the inline pieces (for citations) and the plain text (code span contents, link texts, text)
 */
function scanInlines(text: string, start: number, end: number, links: ScannedLink[], definitions: Definitions): { inlines: Inline[]; plain: string } {
  const inlines: Inline[] = [];
  let plain = '';
  let textStart = start;
  const flushText = (until: number): void => {
    if (until > textStart) {
      const segment = text.slice(textStart, until);
      if (MAYBE_UNSUPPORTED_TEXT.test(segment) && UNSUPPORTED_TEXT.test(segment)) decline();
      if (segment.trim() !== '') inlines.push({ type: 'text', range: trimmedRange(text, textStart, until) });
      plain += segment;
    }
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '`') {
      const open = runLength(text, i, end, '`');
      const close = findClosingRun(text, i + open, end, open);
      if (close === -1) {
        i += open; // an unmatched run is literal text
        continue;
      }
      const raw = text.slice(i + open, close);
      if (/[\r\n]/.test(raw)) decline();
      flushText(i);
      const value = /^ .* $/.test(raw) && raw.trim() !== '' ? raw.slice(1, -1) : raw;
      inlines.push({ type: 'code', value, range: { start: i, end: close + open } });
      plain += value;
      i = close + open;
      textStart = i;
      continue;
    }
    if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      const image = c === '!';
      const open = image ? i + 1 : i;
      const link = parseLink(text, open, end, definitions, image);
      if (link) {
        flushText(i);
        const range = { start: i, end: link.end };
        // References are not links of their own (their definition is); a reference's citation is its definition's URL.
        if (!link.reference) links.push({ kind: image ? 'image' : 'link', url: link.url, range });
        if (!image) inlines.push({ type: 'link', url: link.url, range });
        plain += link.label; // a link's text, or an image's alt text
        i = link.end;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  flushText(end);
  return { inlines, plain };
}

/** A text range without the whitespace at its ends, as mdast text nodes are placed. */
function trimmedRange(text: string, start: number, end: number): SourceRange {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

function runLength(text: string, at: number, end: number, char: string): number {
  let n = 0;
  while (at + n < end && text[at + n] === char) n++;
  return n;
}

/** The offset of the next backtick run of exactly `length`, or -1. */
function findClosingRun(text: string, from: number, end: number, length: number): number {
  let i = from;
  while (i < end) {
    if (text[i] === '`') {
      const n = runLength(text, i, end, '`');
      if (n === length) return i;
      i += n;
    } else {
      i++;
    }
  }
  return -1;
}

/** Labels match case-insensitively with whitespace folded (CommonMark). */
function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `(destination)` or `(destination "title")`, in the simple form: a plain destination, a one-line title. */
const INLINE_TAIL = /^\(([A-Za-z0-9\-._~/#?=+:,;!$%]*)(?: +(?:"[^"\n]*"|'[^'\n]*'))? *\)/;

/**
 * A link (or image) starting at `[`: inline `[label](destination "title")`, or a reference `[label][ref]`,
 * `[label][]` or `[label]` whose definition exists. Only the simple forms: no nested brackets, backticks or line
 * breaks in the label, no `<…>` destination, no parentheses or spaces in it.
 * @returns `undefined` when the bracket does not start a link (it is literal text); declines on the complex forms
 */
function parseLink(text: string, open: number, end: number, definitions: Definitions, image: boolean): { label: string; url: string; end: number; reference: boolean } | undefined {
  const close = text.indexOf(']', open + 1);
  if (close === -1 || close >= end) return undefined;
  const label = text.slice(open + 1, close);
  const complex = /[[`\r\n]/.test(label);
  const next = text[close + 1];
  if (next === '(') {
    if (complex) decline();
    const tail = INLINE_TAIL.exec(text.slice(close + 1, end));
    if (!tail) decline();
    const url = tail![1]!;
    if (/%(?![0-9A-Fa-f]{2})/.test(url)) decline();
    if (MAYBE_UNSUPPORTED_TEXT.test(label) && UNSUPPORTED_TEXT.test(label)) decline();
    return { label, url, end: close + 1 + tail![0].length, reference: false };
  }
  if (next === '[') {
    if (complex || image) decline();
    const refClose = text.indexOf(']', close + 2);
    if (refClose === -1 || refClose >= end) decline();
    const ref = text.slice(close + 2, refClose);
    if (/[[`\r\n]/.test(ref)) decline();
    const url = definitions.get(normalizeLabel(ref === '' ? label : ref));
    if (url === undefined) decline(); // an undefined reference leaves brackets that only a full parse reads right
    if (MAYBE_UNSUPPORTED_TEXT.test(label) && UNSUPPORTED_TEXT.test(label)) decline();
    return { label, url: url!, end: refClose + 1, reference: true };
  }
  if (complex) decline(); // brackets and code spans interleave in ways only a full parse settles
  const url = definitions.get(normalizeLabel(label));
  if (url === undefined) return undefined; // literal text, such as `[x]` in prose
  if (image) decline();
  if (MAYBE_UNSUPPORTED_TEXT.test(label) && UNSUPPORTED_TEXT.test(label)) decline();
  return { label, url, end: close + 1, reference: true };
}
