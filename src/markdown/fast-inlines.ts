/**
 * Inline content for the fast body scan, as micromark (with GFM) tokenizes it and mdast-util-from-markdown builds
 * it: code spans (CommonMark 0.31 §6.1), emphasis (§6.2, see `emphasis.ts`), links and images with inline
 * destinations, full, collapsed and shortcut references (§6.3–6.4), autolinks (§6.5), raw HTML (§6.6), hard and
 * soft line breaks (§6.7–6.8), backslash escapes (§2.4) and character references (§2.5, see `entities.ts`), GFM
 * autolink literals (GFM §6.9, see `autolink-literal.ts`) and strikethrough (GFM §6.5, only detected).
 *
 * Two readings: `links` reads only what can be a link (any paragraph, table cell or heading whose text holds a `[`,
 * `<`, `@`, `&` or a URL); `full` also yields what a task item or a top-level heading needs: mdast's text nodes
 * (merged as mdast merges them, with its positions), code spans, links and the plain text (mdast-util-to-string).
 *
 * It declines where it would have to guess: strikethrough that forms (in `full`), footnote calls, HTML spanning
 * lines or unknown named character references (in `full`), multi-line reference labels, link destinations or
 * titles on a following line, and text that mdast's autolink-literal transform would turn into links without a
 * position (see {@link transformWouldLink}).
 */
import type { Inline, ScannedLink } from './body-scan.js';
import { emailLiteral, gfmAtext, previousEmail, previousProtocol, previousWww, protocolLiteral, transformWouldLink, wwwLiteral } from './autolink-literal.js';
import { attentionFlags, hasStrikethrough, resolveAttention, strikethroughFlags, type Delimiter } from './emphasis.js';
import { CHARACTER_REFERENCE, decodeReference } from './entities.js';
import { decline, type Span } from './fast-blocks.js';

/** One inline node; `s` and `e` are offsets in the inline source (see {@link InlineSource}). */
export type InlineNode =
  /** A piece of text data (an escape or a reference decoded, a soft line ending); mdast merges neighbours. */
  | { t: 'text'; s: number; e: number; v: string }
  | { t: 'break'; s: number; e: number }
  | { t: 'code' | 'html'; s: number; e: number; v: string }
  /** A link or image; `ref` for a reference (not a link of its own in the scan), `url` its definition's then. */
  | { t: 'link' | 'image'; s: number; e: number; url: string | undefined; ref: boolean; children: InlineNode[] }
  | { t: 'emphasis' | 'strong'; s: number; e: number; children: InlineNode[] }
  | Delimiter
  /** A `[` or `![` that has not (yet) made a link: text. */
  | { t: 'bracket'; s: number; e: number };

/** The link reference definitions of a document. */
export interface LinkDefinitions {
  /** micromark's `defined`: the normalized identifier of every definition's label. */
  defined: Set<string>;
  /** What the remark scan resolves a reference to: by its key (see {@link referenceKey}), the first definition's URL. */
  urls: Map<string, string>;
}

/** micromark-util-normalize-identifier. */
export function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/** How the remark scan looks a reference up: mdast's `identifier`, folded as `body-scan.ts` folds it. */
export function referenceKey(label: string): string {
  return normalizeIdentifier(label).toLowerCase().toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The text an inline parse reads: the lines of a block joined with their own line endings, container prefixes
 * left out; `starts[k]` is where line `k` begins in `src`.
 */
export class InlineSource {
  readonly src: string;
  /** A code span or HTML was tried and not closed before a line ending (set by the parse). */
  failedAcrossLine = false;
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];

  constructor(text: string, lines: readonly Span[]) {
    let src = '';
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      this.starts.push(src.length);
      this.offsets.push(line.start);
      src += text.slice(line.start, k + 1 < lines.length ? line.eol : line.end);
    }
    this.src = src;
  }

  private segment(i: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset in the whole text of the character at `i`. */
  start(i: number): number {
    const k = this.segment(i);
    return this.offsets[k]! + (i - this.starts[k]!);
  }

  /** Whether the line that starts at `i` has a container prefix before its content (text left out of the source). */
  prefixAfter(i: number): boolean {
    const k = this.segment(i);
    return this.starts[k] === i && k > 0 && this.offsets[k]! > this.start(i - 1) + 1;
  }

  /** The offset in the whole text just past the character at `i - 1` (an end). */
  end(i: number): number {
    return i === 0 ? this.start(0) : this.start(i - 1) + 1;
  }
}

const EOF = -1;

/** Most `[` left open at once before the text is left to remark. */
const MAX_OPEN_BRACKETS = 1_000;

const AUTOLINK_URI = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\0- <>\x7f]*)>/y;
/** micromark's `asciiAtext` leaves out `!` (unlike the spec's e-mail grammar). */
const AUTOLINK_EMAIL = /<([a-zA-Z0-9.#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/y;
/** Raw inline HTML (micromark `html-text.js`): open and closing tags, comments, instructions, declarations, CDATA. */
const HTML_INLINE = new RegExp(
  [
    String.raw`<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60][^\s"'=<>\x60/]*|'[^']*'|"[^"]*"))?)*\s*\/?>`,
    String.raw`<\/[A-Za-z][A-Za-z0-9-]*\s*>`,
    String.raw`<!--(?:-?>|[\s\S]*?-->)`,
    String.raw`<\?[\s\S]*?\?>`,
    String.raw`<![A-Za-z][^>]*>`,
    String.raw`<!\[CDATA\[[\s\S]*?\]\]>`,
  ].join('|'),
  'y',
);

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/**
 * Parses the inline content of a block.
 * @param full - read everything (a task item's or top-level heading's text); else only what can be a link
 * @param previous - the character code before the content (-1 when none; `]` after a task item's checkbox)
 */
export function parseInlines(source: InlineSource, full: boolean, previous: number, definitions: LinkDefinitions): InlineNode[] {
  return new InlineParser(source, full, previous, definitions).run();
}

class InlineParser {
  private nodes: InlineNode[] = [];
  private readonly brackets: Array<{ index: number; image: boolean; active: boolean }> = [];
  private dataStart = 0;
  /** Per backtick run length, the position from which no closing run of that length exists. */
  private readonly noCloser = new Map<number, number>();
  private readonly hasAt: boolean;
  private readonly hasWww: boolean;
  private readonly hasHttp: boolean;
  /** Whether the text may hold an autolink literal at all. */
  private readonly literals: boolean;

  private readonly src: string;

  constructor(
    private readonly source: InlineSource,
    private readonly full: boolean,
    private readonly previous: number,
    private readonly definitions: LinkDefinitions,
  ) {
    const src = source.src;
    this.src = src;
    const lower = src.toLowerCase();
    this.hasAt = src.includes('@');
    this.hasWww = lower.includes('www.');
    this.hasHttp = lower.includes('http');
    this.literals = this.hasAt || this.hasWww || this.hasHttp;
  }

  /**
   * A code span or HTML tried at `from` and not closed: micromark's attempt runs over the line endings after it, which
   * can move a text node's end over the next line's container prefix. Read text then declines such an end.
   */
  private noteFailedAttempt(from: number): void {
    if (this.full && /[\r\n]/.test(this.src.slice(from))) this.source.failedAcrossLine = true;
  }

  private prev(i: number): number {
    return i === 0 ? this.previous : this.src.charCodeAt(i - 1);
  }

  private flush(until: number): void {
    if (until > this.dataStart) this.nodes.push({ t: 'text', s: this.dataStart, e: until, v: this.src.slice(this.dataStart, until) });
    this.dataStart = until;
  }

  run(): InlineNode[] {
    const src = this.src;
    const n = src.length;
    let i = 0;
    while (i < n) {
      const c = src.charCodeAt(i);
      switch (c) {
        case 10:
        case 13:
          i = this.lineEnding(i);
          continue;
        case 92 /* \ */: {
          const d = src.charCodeAt(i + 1);
          if (d === 10 || d === 13) {
            this.flush(i);
            const lineEnd = d === 13 && src.charCodeAt(i + 2) === 10 ? i + 3 : i + 2;
            this.nodes.push({ t: 'break', s: i, e: lineEnd });
            i = this.linePrefix(lineEnd);
            continue;
          }
          if (isAsciiPunctuation(d)) {
            this.flush(i);
            this.nodes.push({ t: 'text', s: i, e: i + 2, v: src[i + 1]! });
            i += 2;
            this.dataStart = i;
            continue;
          }
          i++;
          continue;
        }
        case 96 /* ` */:
          i = this.codeSpan(i);
          continue;
        case 60 /* < */:
          i = this.angle(i);
          continue;
        case 91 /* [ */:
          if (src.charCodeAt(i + 1) === 94 /* ^ */) decline('footnote call');
          // Brackets open thousands deep are pathological (remark is quadratic on them): its bounded parse decides.
          if (this.brackets.length >= MAX_OPEN_BRACKETS) decline('brackets nested too deep');
          this.flush(i);
          this.nodes.push({ t: 'bracket', s: i, e: i + 1 });
          this.brackets.push({ index: this.nodes.length - 1, image: false, active: true });
          i++;
          this.dataStart = i;
          continue;
        case 33 /* ! */:
          if (src.charCodeAt(i + 1) === 91) {
            if (src.charCodeAt(i + 2) === 94) decline('footnote call');
            this.flush(i);
            this.nodes.push({ t: 'bracket', s: i, e: i + 2 });
            this.brackets.push({ index: this.nodes.length - 1, image: true, active: true });
            i += 2;
            this.dataStart = i;
            continue;
          }
          i++;
          continue;
        case 93 /* ] */:
          i = this.labelEnd(i);
          continue;
        case 95 /* _ */:
          // An e-mail literal may start with `_` (micromark tries it before emphasis).
          if (this.literals) {
            const literal = this.literal(i, c);
            if (literal) {
              i = this.pushLiteral(i, literal);
              continue;
            }
          }
          i = this.delimiterRun(i, c);
          continue;
        case 42 /* * */:
        case 126 /* ~ */:
          i = this.delimiterRun(i, c);
          continue;
        case 38 /* & */: {
          CHARACTER_REFERENCE.lastIndex = i;
          const match = CHARACTER_REFERENCE.exec(src);
          if (match) {
            const value = decodeReference(match);
            if (value === undefined) {
              if (this.full) decline('unknown character reference');
            } else {
              this.flush(i);
              i += match[0].length;
              this.nodes.push({ t: 'text', s: i - match[0].length, e: i, v: value });
              this.dataStart = i;
              continue;
            }
          }
          i++;
          continue;
        }
        default: {
          if (!this.literals) {
            i++;
            continue;
          }
          const literal = this.literal(i, c);
          if (literal) {
            i = this.pushLiteral(i, literal);
            continue;
          }
          i++;
        }
      }
    }
    this.flushEnd(n);
    if (this.full && hasStrikethrough(this.nodes)) decline('strikethrough');
    return this.full ? this.resolve(this.nodes) : this.nodes;
  }

  private resolve(nodes: InlineNode[]): InlineNode[] {
    try {
      return resolveAttention(nodes);
    } catch (error) {
      if (error instanceof RangeError) decline('too many emphasis markers');
      throw error;
    }
  }

  /** Text data up to the end, without its trailing blanks (micromark's line suffix). */
  private flushEnd(n: number): void {
    let t = n;
    while (t > this.dataStart && (this.src.charCodeAt(t - 1) === 32 || this.src.charCodeAt(t - 1) === 9)) t--;
    this.flush(t);
  }

  /** A line ending inside the content: a hard break after two or more spaces, else a soft one (text). */
  private lineEnding(i: number): number {
    const src = this.src;
    let t = i;
    let tab = false;
    while (t > this.dataStart) {
      const c = src.charCodeAt(t - 1);
      if (c === 9) tab = true;
      else if (c !== 32) break;
      t--;
    }
    this.flush(t);
    const lineEnd = src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (i - t >= 2 && !tab) this.nodes.push({ t: 'break', s: t, e: lineEnd });
    else this.nodes.push({ t: 'text', s: i, e: lineEnd, v: src.slice(i, lineEnd) });
    return this.linePrefix(lineEnd);
  }

  /** Skips the blanks that start a continuation line (not text). */
  private linePrefix(from: number): number {
    let j = from;
    while (j < this.src.length && (this.src.charCodeAt(j) === 32 || this.src.charCodeAt(j) === 9)) j++;
    this.dataStart = j;
    return j;
  }

  private codeSpan(i: number): number {
    const src = this.src;
    let r = i;
    while (src.charCodeAt(r) === 96) r++;
    const size = r - i;
    const known = this.noCloser.get(size);
    let close = -1;
    if (known === undefined || r < known) {
      let j = r;
      for (;;) {
        j = src.indexOf('`', j);
        if (j === -1) break;
        let k = j;
        while (src.charCodeAt(k) === 96) k++;
        if (k - j === size) {
          close = j;
          break;
        }
        j = k;
      }
      if (close === -1) this.noCloser.set(size, r);
    }
    if (close === -1) {
      this.noteFailedAttempt(r);
      return r; // an unmatched run is literal text
    }
    this.flush(i);
    let raw = src.slice(r, close);
    // One space (or line ending) is stripped from each end when both have one and the rest is not all blank.
    if (/^(?: |\r\n|\r|\n)/.test(raw) && /(?: |\r\n|\r|\n)$/.test(raw) && /[^ \r\n]/.test(raw)) {
      raw = raw.slice(raw.startsWith('\r\n') ? 2 : 1, raw.endsWith('\r\n') ? -2 : -1);
    }
    this.nodes.push({ t: 'code', s: i, e: close + size, v: raw });
    this.dataStart = close + size;
    return close + size;
  }

  /** `<`: an autolink, raw HTML, or text. */
  private angle(i: number): number {
    const src = this.src;
    AUTOLINK_URI.lastIndex = i;
    let match = AUTOLINK_URI.exec(src);
    let url = match?.[1];
    if (!match) {
      AUTOLINK_EMAIL.lastIndex = i;
      match = AUTOLINK_EMAIL.exec(src);
      if (match) url = `mailto:${match[1]}`;
    }
    if (match) {
      this.flush(i);
      const end = i + match[0].length;
      this.nodes.push({ t: 'link', s: i, e: end, url, ref: false, children: [{ t: 'text', s: i + 1, e: end - 1, v: match[1]! }] });
      this.dataStart = end;
      return end;
    }
    HTML_INLINE.lastIndex = i;
    const html = HTML_INLINE.exec(src);
    if (!html) {
      this.noteFailedAttempt(i);
      return i + 1;
    }
    if (this.full && /[\r\n]/.test(html[0])) decline('inline HTML across lines');
    this.flush(i);
    const end = i + html[0].length;
    this.nodes.push({ t: 'html', s: i, e: end, v: html[0] });
    this.dataStart = end;
    return end;
  }

  private delimiterRun(i: number, c: number): number {
    const src = this.src;
    let r = i;
    while (src.charCodeAt(r) === c) r++;
    if (!this.full) return r;
    const previous = this.prev(i);
    const next = r < src.length ? src.charCodeAt(r) : EOF;
    if (c === 126) {
      if (r - i > 2) return r;
      this.flush(i);
      this.nodes.push({ t: 'delim', ch: c, s: i, e: r, ...strikethroughFlags(previous, next) });
    } else {
      this.flush(i);
      this.nodes.push({ t: 'delim', ch: c, s: i, e: r, ...attentionFlags(c, previous, next) });
    }
    this.dataStart = r;
    return r;
  }

  /** Adds an autolink literal as a link; returns where it ends. */
  private pushLiteral(i: number, literal: { end: number; kind: 'email' | 'http' | 'www' }): number {
    this.flush(i);
    const raw = this.src.slice(i, literal.end);
    const url = literal.kind === 'www' ? `http://${raw}` : literal.kind === 'email' ? `mailto:${raw}` : raw;
    this.nodes.push({ t: 'link', s: i, e: literal.end, url, ref: false, children: [{ t: 'text', s: i, e: literal.end, v: raw }] });
    this.dataStart = literal.end;
    return literal.end;
  }

  /** A GFM autolink literal starting at `i` (outside any open bracket: micromark's `previousUnbalanced`). */
  private literal(i: number, c: number): { end: number; kind: 'email' | 'http' | 'www' } | undefined {
    if (this.brackets.length > 0) return undefined;
    const lower = c | 32;
    if (!gfmAtext(c)) return undefined;
    const previous = this.prev(i);
    if (this.hasAt && previousEmail(previous)) {
      const end = emailLiteral(this.src, i);
      if (end !== -1) return { end, kind: 'email' };
    }
    if (lower === 104 /* h */ && this.hasHttp && previousProtocol(previous)) {
      const end = protocolLiteral(this.src, i);
      if (end !== -1) return { end, kind: 'http' };
    }
    if (lower === 119 /* w */ && this.hasWww && previousWww(previous)) {
      const end = wwwLiteral(this.src, i);
      if (end !== -1) return { end, kind: 'www' };
    }
    return undefined;
  }

  /** `]`: closes the innermost open bracket as a link or image when what follows makes one (micromark `label-end`). */
  private labelEnd(i: number): number {
    const opener = this.brackets[this.brackets.length - 1];
    if (!opener) return i + 1;
    if (!opener.active) {
      this.brackets.pop();
      return i + 1;
    }
    const src = this.src;
    const openNode = this.nodes[opener.index]!;
    const label = src.slice(openNode.e, i);
    const defined = this.definitions.defined.has(normalizeIdentifier(label));
    if (defined && /[\r\n]/.test(label)) decline('reference label across lines');
    const shortcut = (): { end: number; url: string | undefined; ref: boolean } => ({ end: i + 1, url: this.definitions.urls.get(referenceKey(label)), ref: true });
    let result: { end: number; url: string | undefined; ref: boolean } | undefined;
    const next = src.charCodeAt(i + 1);
    if (next === 40 /* ( */) {
      const resource = this.resource(i + 1);
      result = resource ? { ...resource, ref: false } : defined ? shortcut() : undefined;
    } else if (next === 91 /* [ */) {
      const full = fullReference(src, i + 1);
      if (full !== undefined && this.definitions.defined.has(normalizeIdentifier(full.label))) {
        result = { end: full.end, url: this.definitions.urls.get(referenceKey(full.label)), ref: true };
      } else if (defined && src.charCodeAt(i + 2) === 93 /* ] */) {
        result = { end: i + 3, url: this.definitions.urls.get(referenceKey(label)), ref: true };
      }
      // A defined label followed by a reference that is not one is no link (micromark `referenceNotFull`).
    } else if (defined) {
      result = shortcut();
    }
    if (!result) {
      this.brackets.pop();
      return i + 1;
    }
    const { end, url, ref } = result;
    this.flush(i);
    let children = this.nodes.splice(opener.index + 1);
    this.nodes.pop(); // the bracket
    if (this.full) {
      if (hasStrikethrough(children)) decline('strikethrough');
      children = this.resolve(children);
    }
    this.nodes.push({ t: opener.image ? 'image' : 'link', s: openNode.s, e: end, url, ref, children });
    this.brackets.pop();
    // Links may not contain links: earlier `[` can no longer make one.
    if (!opener.image) for (const b of this.brackets) if (!b.image) b.active = false;
    this.dataStart = end;
    return end;
  }

  /** `(destination "title")` at `i` (micromark `resource`): its end and the decoded destination, or undefined. */
  private resource(i: number): { end: number; url: string } | undefined {
    const src = this.src;
    let j = skipWhitespace(src, i + 1);
    if (src.charCodeAt(j) === 41 /* ) */) return { end: j + 1, url: '' };
    let raw: string;
    if (src.charCodeAt(j) === 60 /* < */) {
      let k = j + 1;
      for (;;) {
        const c = src.charCodeAt(k);
        if (Number.isNaN(c) || c === 10 || c === 13 || c === 60) return undefined;
        if (c === 62) break;
        const d = src.charCodeAt(k + 1);
        k += c === 92 && (d === 60 || d === 62 || d === 92) ? 2 : 1;
      }
      raw = src.slice(j + 1, k);
      j = k + 1;
    } else {
      let k = j;
      let depth = 0;
      for (;;) {
        const c = src.charCodeAt(k);
        if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13) {
          if (depth !== 0) return undefined;
          break;
        }
        if (c === 41) {
          if (depth === 0) break;
          depth--;
        } else if (c === 40) {
          if (depth >= 32) return undefined;
          depth++;
        } else if (c < 32 || c === 127) {
          return undefined;
        }
        k += c === 92 && (src.charCodeAt(k + 1) === 40 || src.charCodeAt(k + 1) === 41 || src.charCodeAt(k + 1) === 92) ? 2 : 1;
      }
      if (k === j) return undefined;
      raw = src.slice(j, k);
      j = k;
    }
    const afterDestination = j;
    j = skipWhitespace(src, j);
    const marker = src.charCodeAt(j);
    if (j > afterDestination && (marker === 34 || marker === 39 || marker === 40)) {
      const close = marker === 40 ? 41 : marker;
      let k = j + 1;
      for (;;) {
        const c = src.charCodeAt(k);
        if (Number.isNaN(c)) return undefined;
        if (c === close) break;
        const d = src.charCodeAt(k + 1);
        k += c === 92 && (d === close || d === 92) ? 2 : 1;
      }
      j = skipWhitespace(src, k + 1);
    }
    if (src.charCodeAt(j) !== 41) return undefined;
    if (/[\r\n]/.test(src.slice(i, j))) decline('link destination across lines');
    return { end: j + 1, url: decodeString(raw) };
  }
}

function skipWhitespace(src: string, i: number): number {
  let j = i;
  for (;;) {
    const c = src.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13) j++;
    else return j;
  }
}

/** `[label]` at `i` (micromark `factoryLabel`: no unescaped `[`, at most 999 characters, not blank). */
function fullReference(src: string, i: number): { label: string; end: number } | undefined {
  let k = i + 1;
  for (;;) {
    const c = src.charCodeAt(k);
    if (Number.isNaN(c) || c === 91 || k - i > 1000) return undefined;
    if (c === 93) break;
    k += c === 92 && (src.charCodeAt(k + 1) === 91 || src.charCodeAt(k + 1) === 92 || src.charCodeAt(k + 1) === 93) ? 2 : 1;
  }
  const label = src.slice(i + 1, k);
  if (!/[^\t\n\r ]/.test(label)) return undefined;
  if (/[\r\n]/.test(label)) decline('reference label across lines');
  return { label, end: k + 1 };
}

/** Decodes backslash escapes and character references in a destination (micromark-util-decode-string). */
export function decodeString(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('&')) return raw;
  return raw.replace(/\\([!-/:-@[-`{-~])|&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g, (whole, escaped: string | undefined) => {
    if (escaped !== undefined) return escaped;
    CHARACTER_REFERENCE.lastIndex = 0;
    const match = CHARACTER_REFERENCE.exec(whole)!;
    const value = decodeReference(match);
    if (value === undefined) decline('unknown character reference');
    return value!;
  });
}

/** What one block's inline content gives the scan. */
export interface InlineReading {
  /** Links and images with a position, in order. */
  links: ScannedLink[];
  /** mdast text nodes, code spans and links outside links, when asked for (a task item's own content). */
  inlines?: Inline[];
  /** The plain text (mdast-util-to-string). */
  plain: string;
}

/**
 * Reads parsed inline nodes as the remark scan reads the mdast built from them.
 * @param taskHead - the nodes are a task item's first paragraph: mdast drops the first character of its first text
 *   node (the blank after the checkbox) and moves its start
 */
export function readInlines(source: InlineSource, nodes: readonly InlineNode[], links: ScannedLink[], inlines: Inline[] | undefined, taskHead: boolean): string {
  const reader = new Reader(source, links, inlines, taskHead);
  reader.read(nodes, false, false);
  reader.flushRun(false, false);
  return reader.plain;
}

class Reader {
  plain = '';
  private run: { s: number; e: number; v: string } | undefined;
  private first = true;

  constructor(
    private readonly source: InlineSource,
    private readonly links: ScannedLink[],
    private readonly inlines: Inline[] | undefined,
    private taskHead: boolean,
  ) {}

  flushRun(inLink: boolean, inImage: boolean): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    let start = this.source.start(run.s);
    let value = run.v;
    if (this.taskHead) {
      this.taskHead = false;
      value = value.slice(1);
      start++;
      if (value === '') return;
    }
    this.plain += value;
    const last = this.source.src.charCodeAt(run.e - 1);
    if ((last === 10 || last === 13) && this.source.failedAcrossLine && this.source.prefixAfter(run.e)) decline('text ending at a line break after an unclosed code span or tag');
    if (!inLink && !inImage) {
      if (transformWouldLink(value)) decline('autolink literal left to the transform');
      this.inlines?.push({ type: 'text', range: { start, end: this.source.end(run.e) } });
    }
  }

  read(nodes: readonly InlineNode[], inLink: boolean, inImage: boolean): void {
    for (const node of nodes) {
      if (node.t === 'text' || node.t === 'delim' || node.t === 'bracket') {
        const v = node.t === 'text' ? node.v : this.source.src.slice(node.s, node.e);
        if (this.run) {
          this.run.e = node.e;
          this.run.v += v;
        } else {
          this.run = { s: node.s, e: node.e, v };
        }
        this.first = false;
        continue;
      }
      this.flushRun(inLink, inImage);
      // mdast slices the first text node only: any other first node ends the special case.
      if (this.first) {
        this.first = false;
        this.taskHead = false;
      }
      switch (node.t) {
        case 'break':
          break;
        case 'code':
          this.plain += node.v;
          if (!inLink && !inImage) this.inlines?.push({ type: 'code', value: node.v, range: { start: this.source.start(node.s), end: this.source.end(node.e) } });
          break;
        case 'html':
          this.plain += node.v;
          break;
        case 'link':
        case 'image': {
          const range = { start: this.source.start(node.s), end: this.source.end(node.e) };
          if (!inImage && !node.ref) this.links.push({ kind: node.t, url: node.url!, range });
          if (node.t === 'link' && !inLink && !inImage && this.inlines) {
            if (node.ref && node.url === undefined) decline('reference without a definition the remark scan finds');
            this.inlines.push({ type: 'link', url: node.url!, range });
          }
          this.read(node.children, inLink || node.t === 'link', inImage || node.t === 'image');
          this.flushRun(inLink || node.t === 'link', inImage || node.t === 'image');
          break;
        }
        case 'emphasis':
        case 'strong':
          this.read(node.children, inLink, inImage);
          this.flushRun(inLink, inImage);
          break;
      }
    }
  }
}
