/**
 * Values a task document declares about itself: its status and dates, in
 * frontmatter keys (`status: Done`, Backlog.md) or in body lines, as
 * spec-kit writes them (`**Status**: Draft`, `> Status: Implemented`,
 * `**Created**: 2025-09-01`) and as many hand-kept task files do
 * (`- **Status**: Done`, `**Status:** done`).
 */
import { metadataRecord, stringField, type SourceDocument } from '../document/source-document.js';
import { trimTrailing } from '../strings.js';

/** A value as written, and where. `line` and `column` are 1-based. */
export interface DeclaredValue {
  value: string;
  file: string;
  line: number;
  column: number;
  /** Offset of the value in its file's text. */
  offset: number;
  /** Where it was read: a frontmatter key or a body label. */
  from: { key: string } | { label: string };
}

/** How far a declared status says the task has come. */
export type StatusCategory = 'done' | 'in-progress' | 'not-started' | 'abandoned' | 'unknown';

/** Words of each category, compared after {@link statusWords} (lower case, `_` and `-` as spaces). */
const CATEGORY_WORDS: ReadonlyArray<[StatusCategory, readonly string[]]> = [
  ['abandoned', ["won't do", 'wont do', 'will not do', 'cancelled', 'canceled', 'superseded', 'rejected', 'obsolete', 'deprecated', 'dropped', 'abandoned', 'withdrawn']],
  ['not-started', ['draft', 'to do', 'todo', 'not started', 'proposed', 'planned', 'pending', 'backlog', 'new', 'ready', 'ready for implementation', 'idea', 'open']],
  ['in-progress', ['in progress', 'wip', 'active', 'started', 'doing', 'in review', 'review', 'blocked', 'ongoing', 'partial', 'partially implemented']],
  ['done', ['done', 'complete', 'completed', 'implemented', 'closed', 'finished', 'resolved', 'shipped', 'merged', 'released', 'delivered', 'verified', 'archived']],
];

/**
 * The leading words of a status as written, normalised: markdown emphasis, code ticks, emoji and other
 * symbols dropped, lower case, `_` and `-` (and the non-breaking hyphen U+2011) read as spaces, cut at the
 * first punctuation that starts an aside (`Implemented (web); FR-009 deferred` gives `implemented`).
 */
export function statusWords(written: string): string {
  const plain = written
    .replace(/[*`~]+/g, '')
    .replace(/[_\u2010\u2011\u2012\u2013-]/g, ' ')
    .toLowerCase();
  // Leading symbols (emoji, check marks, brackets) go; the words run until punctuation that starts an aside.
  const start = plain.search(/\p{L}/u);
  if (start < 0) return '';
  const words = /^[\p{L}\p{N}' ]+/u.exec(plain.slice(start))?.[0] ?? '';
  return words.replace(/\s+/g, ' ').trim();
}

/**
 * The category of a status as written; `unknown` when no known word starts it. A status that is a checkbox
 * alone (`**Status**: [x]`, `[ ]`, as TheMonk's task lists write one per task) is done when ticked and not
 * started when not; words after the box decide over it (`[x] ✅ **COMPLETED**`).
 */
export function statusCategory(written: string): StatusCategory {
  const box = /^\s*\[([ xX])\]/.exec(written);
  const words = statusWords(box ? written.slice(box[0].length) : written);
  if (words === '') return box ? (box[1] === ' ' ? 'not-started' : 'done') : 'unknown';
  for (const [category, list] of CATEGORY_WORDS) {
    if (list.some((word) => words === word || words.startsWith(`${word} `))) return category;
  }
  return 'unknown';
}

/**
 * The first of `keys` that the document's frontmatter holds as a string (or number).
 * @returns the value and where its value starts, or `undefined`
 */
export function frontmatterValue(document: SourceDocument, keys: readonly string[]): DeclaredValue | undefined {
  const record = metadataRecord(document);
  for (const key of keys) {
    const value = stringField(record, key);
    if (value === undefined || value.trim() === '') continue;
    const at = document.metadata?.locate([key])?.value.start ?? 0;
    const place = document.lines.place(at);
    return { value: value.trim(), file: document.path, line: place.line, column: place.column, offset: at, from: { key } };
  }
  return undefined;
}

/** Escapes a label (letters, spaces and hyphens, as `schemas/preset.schema.json` allows) for a regular expression. */
function labelPattern(label: string): string {
  return label.replace(/[-]/g, '\\-').replace(/ +/g, ' +');
}

/**
 * The pattern of a body line that gives one of `labels` a value; group 1 is the label as written, and the
 * match ends where the value starts. Bounded, non-nested pieces only: a line is read in one pass whatever it holds.
 */
export function bodyLabelLine(labels: readonly string[]): RegExp {
  return new RegExp(`^[ \\t]{0,3}(?:>[ \\t]?)*(?:[-*+][ \\t]+)?[*_]{0,2}(${labels.map(labelPattern).join('|')})[ \\t]*(?::[*_]{1,2}|[*_]{0,2}[ \\t]*:)[ \\t]*`, 'i');
}

/**
 * The first body line that gives one of `labels` a value: `**Status**: Draft`, `**Status:** Draft`,
 * `> Status: Implemented`, `- **Status**: Done`, `Status: Done`, `*Status: Ready*` (case-insensitive),
 * outside fenced code, above the document's first `##` heading and first task item (below them a status line
 * is one item's). The value is the rest of the line, trimmed, emphasis around it kept as written. Else a
 * `#` or `##` heading that is the label (`## Status`, as a README writes it) gives its first line of text.
 * @returns the value and where it starts, or `undefined`
 */
export function bodyValue(document: SourceDocument, labels: readonly string[]): DeclaredValue | undefined {
  if (labels.length === 0 || document.format !== 'markdown') return undefined;
  const bodyStart = document.frontmatter ? document.frontmatter.bodyOffset : 0;
  const above = labelValueIn(document, labels, bodyStart, document.text.length, true);
  if (above) return above;
  // A section of the document named by the label (`## Status`, as a README writes it): its first line of text.
  const label = headingLabelLine(labels);
  const headings = document.body().headings;
  for (const [i, heading] of headings.entries()) {
    const named = heading.depth <= 2 ? label.exec(heading.text) : null;
    if (!named) continue;
    const value = firstLineBelow(document, heading.end, headings[i + 1]?.start ?? document.text.length);
    if (value) return { ...value, from: { label: named[1]! } };
  }
  return undefined;
}

/** A heading's text that is one of `labels` and nothing else (`Status`, `**Status**`); group 1 is the label. */
export function headingLabelLine(labels: readonly string[]): RegExp {
  return new RegExp(`^[*_]{0,2}(${labels.map(labelPattern).join('|')})[*_]{0,2}:?$`, 'i');
}

/** The first line of plain text from an offset (blank lines skipped; a heading, list item or fence ends the search). */
function firstLineBelow(document: SourceDocument, from: number, to: number): Omit<DeclaredValue, 'from'> | undefined {
  const text = document.text;
  for (let start = from; start < to; ) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const content = text.slice(start, end);
    if (content.trim() !== '') {
      if (/^[ \t]{0,3}(?:#|`{3}|~{3}|[-*+][ \t]|\d{1,9}[.)][ \t])/.test(content)) return undefined;
      const lead = content.length - content.trimStart().length;
      const value = trimTrailing(content.slice(lead), ' \t\r');
      const offset = start + lead;
      const place = document.lines.place(offset);
      return { value, file: document.path, line: place.line, column: place.column, offset };
    }
    start = end + 1;
  }
  return undefined;
}

/** A section of a document that declares its own status: a heading with a status line right under it. */
export interface SectionStatus {
  /** The heading's text. */
  heading: string;
  /** The status line's value and place. */
  value: DeclaredValue;
  /** Offsets the section spans: from its heading to the next heading of its level or above (or the end). */
  start: number;
  end: number;
}

/**
 * The sections (`##` to `######` headings) that declare a status of their own, as TheMonk's process task lists
 * write each task: `#### Task 1.1: …`, then `**Status**: ✅ Completed` above the task's own items. The status line
 * must come before the section's first task item and first sub-heading.
 */
export function sectionStatuses(document: SourceDocument, labels: readonly string[]): SectionStatus[] {
  if (labels.length === 0 || document.format !== 'markdown') return [];
  const headings = document.body().headings;
  const out: SectionStatus[] = [];
  headings.forEach((heading, i) => {
    if (heading.depth < 2) return;
    const next = headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    const own = headings[i + 1]?.start ?? document.text.length;
    const value = labelValueIn(document, labels, heading.end, own, false);
    if (value) out.push({ heading: heading.text, value, start: heading.start, end: next?.start ?? document.text.length });
  });
  return out;
}

/**
 * The first line between two offsets that gives a label a value, outside fenced code; the scan stops at the
 * first task item (and, with `stopAtSections`, at the first `##` heading: below them a status line is a
 * section's or an item's, not the document's).
 */
function labelValueIn(document: SourceDocument, labels: readonly string[], from: number, to: number, stopAtSections: boolean): DeclaredValue | undefined {
  const text = document.text;
  const line = bodyLabelLine(labels);
  let fence: string | undefined;
  for (let start = from; start < to; ) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const content = text.slice(start, end);
    const fenceMark = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(content)?.[1];
    if (fenceMark && (fence === undefined || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) fence = fence === undefined ? fenceMark : undefined;
    else if (fence === undefined) {
      // The document's own status stands above its sections and its tasks: past the first `##` heading or
      // task item, a `**Status**:` line is one item's (TheMonk-style `#### Task 1` … `**Status**: ✅ Completed`).
      if ((stopAtSections && /^[ \t]{0,3}#{2,6}[ \t]/.test(content)) || /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/.test(content)) break;
      const match = line.exec(content);
      if (match) {
        const value = trimTrailing(content.slice(match[0].length), ' \t\r');
        if (value !== '') {
          const offset = start + match[0].length;
          const place = document.lines.place(offset);
          return { value, file: document.path, line: place.line, column: place.column, offset, from: { label: match[1]! } };
        }
      }
    }
    start = end + 1;
  }
  return undefined;
}
