/**
 * Reads the loops of an open-loops file (seed 002's `state/L3/OPEN_LOOPS.md`:
 * loose ends the operator keeps in view, such as the `hp-restore-smoke.timer`
 * entry "noting 23+ days stale").
 *
 * A loop is an entry: a top-level list item with everything indented under it
 * (its notes, its dated progress), or a heading that names the loop itself,
 * whose own list items are its fields (`Status: open`, `**Owner:** ops`) or its
 * dated log (`- 2026-04-10: ...`), or that has only paragraphs. Headings with
 * sub-headings, a level-1 title and headings named like a section (`Open`,
 * `Closed loops`, `Active`) group entries and are never one. A loop is closed
 * when it is ticked (`[x]`), struck through (`~~...~~`), marked with ✅ or
 * `Status: closed` (done, resolved, fixed, cancelled, ...), or when it lies
 * under a heading such as `Closed`, `Done`, `Resolved` or `Archive`. Its dates
 * are the `YYYY-MM-DD` dates written anywhere in it, outside fenced code and
 * HTML comments; `window: 30 days` in it sets its own window.
 *
 * The file is read line by line in one pass (no markdown parser), so any size
 * reads in linear time.
 */

/** A `YYYY-MM-DD` written in a loop, with its offsets in the whole text. */
export interface LoopDate {
  date: string;
  start: number;
  end: number;
}

/** One loop of an open-loops file. */
export interface OpenLoop {
  /** What the entry calls the loop: its first code span, else its bold lead, else its first words ('' when it has none). */
  name: string;
  /** Offset of the entry's list marker or heading. */
  start: number;
  closed: boolean;
  /** Every `YYYY-MM-DD` in the entry (not necessarily a real calendar date), in text order. */
  dates: LoopDate[];
  /** The entry's own window in days (`window: 30 days`), when it says one. */
  windowDays?: number;
}

/** One line of the body, as the reader classifies it. */
interface Line {
  start: number;
  /** The line without its end of line; HTML comments blanked out (offsets kept). */
  text: string;
  /** Leading whitespace in columns (a tab advances to the next multiple of 4). */
  indent: number;
  blank: boolean;
  /** Inside a fenced code block, or one of its fences: its dates do not count. */
  code: boolean;
  heading?: { depth: number; text: string };
  /** A list item: the column its content starts at, and its content (after the marker). */
  item?: { contentColumn: number; content: string };
}

/** How a heading groups what is under it, by its name. */
type SectionName = 'open' | 'closed' | undefined;

const DATE = /(?<![\d-])(\d{4}-\d{2}-\d{2})(?!\d)/g;
const HEADING = /^(#{1,6})(?:[ \t]|$)/;
const ITEM = /^([-*+]|\d{1,9}[.)])(?:([ \t]+)|$)/;
const CHECKBOX = /^\[([ xX])\](?:[ \t]|$)/;
const WINDOW = /\bwindow\b:?[ \t]*(\d{1,4})[ \t]*(?:days?|d)\b/i;
const STATUS = /^(?:status|state)[ \t]*:[ \t]*([A-Za-z][A-Za-z'-]*)/i;
const CLOSED_WORDS = new Set(['closed', 'done', 'resolved', 'fixed', 'cancelled', 'canceled', 'wontfix', "won't", 'dropped', 'complete', 'completed', 'superseded', 'obsolete']);
// A section is named by its first word (and a noun such as `loops`), then nothing or no more words:
// `Closed`, `Closed loops (April)`, `Done:`; not `Done criteria for backups`.
const CLOSED_SECTION = /^(?:recently[ \t]+)?(?:closed|done|resolved|archived?|completed|fixed)(?:[ \t]+(?:loops?|items?|threads?|entries))?(?:$|[ \t]*[^A-Za-z \t])/i;
const OPEN_SECTION = /^(?:open|active|current|pending|ongoing|in[ \t]+progress|todo|to[ \t]+do)(?:[ \t]+(?:loops?|items?|threads?|entries|questions))?(?:$|[ \t]*[^A-Za-z \t])/i;
/** Plain labels of a loop's fields. */
const FIELD_LABELS = new Set(
  ['status', 'state', 'owner', 'owners', 'assignee', 'opened', 'created', 'updated', 'last checked', 'last touched', 'last update', 'last updated', 'due', 'next', 'next step', 'next action', 'priority', 'area', 'context', 'impact', 'window', 'note', 'notes', 'blocker', 'blockers', 'blocked by', 'link', 'links', 'source', 'since', 'closed', 'severity', 'trigger', 'evidence', 'issue', 'ticket', 'pr'],
);
const LEADING_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * The loops of an open-loops file, in text order.
 * @param text - the whole file
 * @param from - where the body starts (after the frontmatter)
 */
export function readOpenLoops(text: string, from: number): OpenLoop[] {
  const lines = readLines(text, from);
  const owners = topLevelItems(lines);
  const loops: OpenLoop[] = [];
  // Enclosing headings of the current line, outermost first; `entry` when the heading is a loop itself.
  const stack: Array<{ depth: number; section: SectionName; entry: boolean }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.heading) {
      while (stack.length > 0 && stack.at(-1)!.depth >= line.heading.depth) stack.pop();
      const underClosed = closedBySection(stack);
      const end = headingEntryEnd(lines, owners, i);
      stack.push({ depth: line.heading.depth, section: sectionName(line.heading.text), entry: end !== undefined });
      if (end !== undefined) loops.push(entry(lines, i, end, line.heading.text, underClosed));
      continue;
    }
    // The list items of a heading that is a loop are its fields and log, not loops of their own.
    if (line.item && owners[i] === i && !stack.at(-1)?.entry) {
      let end = i + 1;
      while (end < lines.length && owners[end] === i) end++;
      loops.push(entry(lines, i, end, line.item.content, closedBySection(stack)));
    }
  }
  return loops;
}

/** Splits the body into classified lines. */
function readLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let start = from;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    const blanked = blankComments(raw, inComment);
    inComment = blanked.inComment;
    const body = blanked.text.trimStart();
    const indent = columns(blanked.text.slice(0, blanked.text.length - body.length));
    const line: Line = { start, text: blanked.text, indent, blank: body.trim() === '', code: fence !== undefined };
    const opening = /^(`{3,}|~{3,})/.exec(body);
    if (fence) {
      if (opening && opening[1]![0] === fence.char && opening[1]!.length >= fence.length && body.slice(opening[1]!.length).trim() === '') fence = undefined;
    } else if (opening) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length };
      line.code = true;
    } else if (!line.blank) {
      const heading = indent <= 3 ? HEADING.exec(body) : null;
      const item = heading ? null : ITEM.exec(body);
      if (heading) line.heading = { depth: heading[1]!.length, text: headingText(body.slice(heading[0].length)) };
      else if (item) {
        const gap = item[2] === undefined ? 1 : columns(item[2]) > 4 ? 1 : columns(item[2]);
        line.item = { contentColumn: indent + item[1]!.length + gap, content: body.slice(item[0].length).trim() };
      }
    }
    lines.push(line);
    if (end >= text.length) break;
    start = end + 1;
  }
  return lines;
}

/** A line with its HTML comments (`<!-- ... -->`, possibly spanning lines) replaced by spaces. */
function blankComments(line: string, inComment: boolean): { text: string; inComment: boolean } {
  let out = '';
  let at = 0;
  let open = inComment;
  while (at < line.length) {
    if (open) {
      const close = line.indexOf('-->', at);
      const stop = close === -1 ? line.length : close + 3;
      out += ' '.repeat(stop - at);
      at = stop;
      open = close === -1;
    } else {
      const begin = line.indexOf('<!--', at);
      const stop = begin === -1 ? line.length : begin;
      out += line.slice(at, stop);
      at = stop;
      open = begin !== -1;
    }
  }
  return { text: out, inComment: open };
}

/** Columns of leading whitespace; a tab advances to the next multiple of 4. */
function columns(whitespace: string): number {
  let column = 0;
  for (const c of whitespace) column = c === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
}

/** A heading's text without its closing `#` sequence. */
function headingText(rest: string): string {
  let text = rest.trim();
  let hashes = text.length;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < text.length && (hashes === 0 || text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) text = text.slice(0, hashes).trim();
  return text;
}

/**
 * For each line, the index of the top-level list item it belongs to (the item's own line included), or -1.
 * A line belongs to the item above it when it is indented to the item's content, or continues its paragraph.
 */
function topLevelItems(lines: readonly Line[]): number[] {
  const owners: number[] = [];
  let current: number | undefined;
  let afterBlank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A fenced block goes where its opening fence goes.
    if (line.code && i > 0 && lines[i - 1]!.code) {
      owners.push(owners[i - 1]!);
      continue;
    }
    const column = current === undefined ? 0 : lines[current]!.item!.contentColumn;
    if (line.heading) current = undefined;
    else if (line.item) {
      if (current === undefined || line.indent < column) current = i;
    } else if (!line.blank && current !== undefined && line.indent < column && afterBlank) current = undefined;
    owners.push(current ?? -1);
    afterBlank = line.blank;
  }
  return owners;
}

/** What a heading's name says about what is under it. */
function sectionName(text: string): SectionName {
  const words = plain(text).replace(/^[^A-Za-z]+/, '');
  if (CLOSED_SECTION.test(words)) return 'closed';
  if (OPEN_SECTION.test(words)) return 'open';
  return undefined;
}

/** Whether the nearest enclosing heading named like a section closes what is under it. */
function closedBySection(stack: ReadonlyArray<{ section: SectionName }>): boolean {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.section) return stack[i]!.section === 'closed';
  return false;
}

/**
 * Where the heading entry that starts at line `at` ends (exclusive), or `undefined` when the heading is not an
 * entry: a title (level 1), a heading named like a section, one with sub-headings, one with a task item, or one
 * whose list items are mostly not its fields or log (they are loops of their own).
 */
function headingEntryEnd(lines: readonly Line[], owners: readonly number[], at: number): number | undefined {
  const heading = lines[at]!.heading!;
  if (heading.depth === 1 || sectionName(heading.text) !== undefined) return undefined;
  let end = at + 1;
  while (end < lines.length && !lines[end]!.heading) end++;
  if (end < lines.length && lines[end]!.heading!.depth > heading.depth) return undefined;
  let items = 0;
  let fields = 0;
  for (let i = at + 1; i < end; i++) {
    if (owners[i] !== i) continue;
    const content = lines[i]!.item!.content;
    if (CHECKBOX.test(content)) return undefined;
    items++;
    if (fieldOrLog(content)) fields++;
  }
  return fields * 2 >= items ? end : undefined;
}

/**
 * A list item that is a field of its heading's loop or a line of its log: a bold label (`**Owner:** ops`,
 * `**Owner**: ops`), a label loops are described by (`Status: open`, `Last checked: ...`), or a leading date.
 */
function fieldOrLog(content: string): boolean {
  if (LEADING_DATE.test(content.replace(/^[*_[(]+/, ''))) return true;
  if (/^(?:\*\*|__)[^*_:]{1,40}(?::(?:\*\*|__)|(?:\*\*|__):)/.test(content)) return true;
  const colon = content.indexOf(':');
  return colon > 0 && FIELD_LABELS.has(content.slice(0, colon).trim().toLowerCase());
}

/** Text without strong emphasis and strike-through markers. */
function plain(text: string): string {
  return text.replace(/\*\*|__|~~/g, '').trim();
}

/** The loop of lines `[from, to)`, whose first line's text (after a list marker or `#`s) is `lead`. */
function entry(lines: readonly Line[], from: number, to: number, lead: string, underClosed: boolean): OpenLoop {
  const checkbox = CHECKBOX.exec(lead);
  const title = checkbox ? lead.slice(checkbox[0].length).trim() : lead;
  let closed = underClosed || checkbox?.[1] === 'x' || checkbox?.[1] === 'X' || title.startsWith('~~') || title.startsWith('✅');
  const dates: LoopDate[] = [];
  let windowDays: number | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.code) continue;
    for (const match of line.text.matchAll(DATE)) dates.push({ date: match[1]!, start: line.start + match.index, end: line.start + match.index + 10 });
    const window = windowDays === undefined ? WINDOW.exec(line.text) : null;
    if (window) windowDays = Number(window[1]) > 0 ? Number(window[1]) : undefined;
    const field = STATUS.exec(plain(line.text.trim().replace(/^(?:[-*+]|\d{1,9}[.)])[ \t]+/, '')));
    if (field && CLOSED_WORDS.has(field[1]!.toLowerCase())) closed = true;
  }
  return { name: loopName(title), start: lines[from]!.start, closed, dates, ...(windowDays !== undefined ? { windowDays } : {}) };
}

/** What an entry calls its loop, from its first line. */
function loopName(title: string): string {
  const code = /`([^`]+)`/.exec(title);
  if (code) return code[1]!.trim();
  const lead = /^(?:~~|\*\*|__)([^*_~]+)(?:~~|\*\*|__)/.exec(title);
  if (lead) return lead[1]!.trim().replace(/:$/, '');
  let text = plain(title).replace(/^✅[ \t]*/, '');
  const date = LEADING_DATE.exec(text);
  if (date) text = text.slice(date[0].length).replace(/^[ \t:–—-]+/, '');
  for (const separator of [' — ', ' – ', ' - ', ': ', ' (']) {
    const at = text.indexOf(separator);
    if (at > 0) text = text.slice(0, at);
  }
  text = text.replace(/`/g, '').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
