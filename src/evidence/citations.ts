/**
 * The evidence grammar: what in a task item's own text counts as a citation.
 *
 * - an inline code span or link target that names a repo-relative path. A path that resolves (a file, or a
 *   directory holding a `manifest.json`) is always a citation; one that does not is a citation only when the
 *   item marks it as evidence: a link, a word such as `see`, `evidence:`, `validated via` or `logged in`
 *   before it in the same clause, or the shape of a run's output (decided by the verifier, which knows the
 *   run-manifest globs). An unmarked path that names nothing is a description of what the task touches, not
 *   a citation. A path may be relative to a folder named in the same item or in the task's `Files:` list (or
 *   a parent folder of one), or, last, to the citing file's folder or one above it.
 * - a 7 to 40 character hex commit hash (in plain text it must mix digits and letters, so that numbers and
 *   words are not taken for hashes);
 * - an issue or pull-request reference (`owner/repo#12`; a bare `#636` as the preset's `issue_refs` says)
 *   or a URL: evidence that cannot be checked offline.
 *
 * Not paths, whatever they are marked with: slash commands (`/opsx:continue`), routes (`/api/health`,
 * `/users/:id`), time zones (`Asia/Shanghai`), code expressions (`actionCommand.opts().json`), bare suffixes
 * (`.web.tsx`), and tokens the item negates (`must not create .cursor/rules`). A product-like name
 * (`Backlog.md`, `Next.js`) is a citation only when it resolves. `file.ts:81`, `file.ts:81-90`,
 * `file.ts:81,115` and `file.ts#L81` cite `file.ts`.
 *
 * Code span paths are read from the repository root; link targets from the citing file's folder, as markdown
 * renders them (a leading `/` means the repository root). A path that is absolute, or that leaves the
 * repository with `..`, is never evidence. This module reads no files: what resolves is the verifier's to say.
 */
import path from 'node:path';
import type { Inline, ScannedItem } from '../markdown/body-scan.js';
import type { SourceRange } from '../document/metadata.js';

/** One thing a task item cites. `range` is where it is written, as offsets in the file. */
export type Citation =
  /**
   * `marked`: the item marks it as evidence (a link, or an evidence word before it), so it is a citation even
   * when it names nothing; `bases`: folders it may be relative to (named in the item or its `Files:` list).
   */
  | { type: 'path'; raw: string; path: string; range: SourceRange; marked: boolean; bases?: string[] }
  /** `absolute` is set for an absolute path, which the verifier judges against the repository's location. */
  | { type: 'outside'; raw: string; reason: string; absolute?: string; range: SourceRange; marked: boolean }
  | { type: 'commit'; raw: string; sha: string; range: SourceRange }
  | { type: 'external'; raw: string; what: 'issue' | 'url'; range: SourceRange };

type PathCitation = Extract<Citation, { type: 'path' }>;

/**
 * How a bare `#12` is read. `bare`: as an issue or pull-request reference (GitHub's reading). `qualified`:
 * only with context: right after an issue word (`PR #12`, `fixes #12`), a preposition or an evidence word
 * (`from #12`, `see #12`), in parentheses (`(#12)`), or listed after such a reference (`#1, #2 and #3`).
 * Never: a number with a leading zero (`#000000`, a colour) or one that numbers a noun before it (`gap #5`).
 */
export type IssueRefs = 'bare' | 'qualified';

/** How {@link extractCitations} reads an item. */
export interface CitationOptions {
  /** Default `qualified`. */
  issueRefs?: IssueRefs;
  /** The code spans of the task's `Files:` list (see {@link filesListOf}): folders a path may be relative to. */
  filesList?: readonly string[];
}

/** Where a token was written, which decides how a path in it is read. */
type Origin = 'code' | 'link';

/** How a code span and a link stand in an item's text while its words are read. */
const PLACEHOLDER_CODE = ' \u0001 ';
const PLACEHOLDER_LINK = ' \u0002 ';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const WINDOWS_ABSOLUTE = /^(?:[a-z]:[\\/]|\\\\)/i;
const ISSUE_REF = /^(?:([\w.-]+\/[\w.-]+)?#(\d+))$/;
const HEX = /^[0-9a-f]{7,40}$/i;
const PATH_CHARS = /^[^\s<>*?[\]{}|"'`]+$/;
/** Words with a slash that are not paths. */
const NOT_PATHS = /^(?:n\/a|and\/or|w\/o|i\/o|y\/n|on\/off|yes\/no|true\/false|read\/write|input\/output)$/i;
/** File endings that make a token without a slash read as a file name. */
const FILE_EXTENSIONS = new Set(
  'md markdown mdx txt log json jsonl ndjson yaml yml toml ini cfg conf xml html htm css csv tsv sql ts tsx mts cts js jsx mjs cjs py rb go rs java kt swift c h cc cpp hpp cs php sh bash zsh ps1 lock env png jpg jpeg gif svg pdf zip gz tgz sarif junit diff patch'.split(' '),
);
/** A line suffix after a path: `:81`, `:81-90`, `:L10-L20`, `:81,115,121`, `:81:5`, `#L81`, `#L81-L90`. */
const LINE_SUFFIX = /(?::L?\d+(?:-L?\d+)?(?:,\s*L?\d+(?:-L?\d+)?)*(?::\d+)?|#L\d+(?:-L?\d+)?)$/;
/** A slash command (`/opsx:continue`, `/help`): one segment after the slash, no file ending. */
const SLASH_COMMAND = /^\/[a-z][\w-]*(?::[\w-]+)*$/i;
/** A route: an absolute path with a `:param` segment, or under `/api/` or a version (`/v1/`). */
const ROUTE = /^\/(?:(?:api|v\d+|graphql|rest)(?:\/|$)|.*\/:[a-z])/i;
/** An IANA time zone (`Asia/Shanghai`, `America/Argentina/Buenos_Aires`, `Etc/UTC`). */
const TIME_ZONE = /^(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile)\/[A-Z][A-Za-z_+-]*(?:\/[A-Z][A-Za-z_+-]*)?$/;
/** A code expression: a call (`opts()`, `a.b().c`) or an assignment or comparison. */
const EXPRESSION = /[\w$]\(|\)[.[]|\)$|[=!]=|=>|^\w+=/;
/** Escape sequences (`\\r`, `\\r\\n`, `\\u2011`), whose backslash is no folder separator. */
const ESCAPES = /^(?:\\[a-z0-9]+)+$/i;
/** The first part of a bare suffix of several parts (`.web.tsx`, `.test.ts`, `.d.ts`). */
const SUFFIX_WORDS = new Set('web native ios android test tests spec specs stories story d module e2e server client mock mocks snap unit int integration min generated gen page layout component config'.split(' '));
/** A name like a product's (`Backlog.md`, `Next.js`, `Socket.io`): cited only when such a file exists. */
const PRODUCT_NAME = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*\.(?:md|js|io|ts|ai|dev|net|sh|py|rs|go)$/;

/**
 * Lists the citations in a task item's own inline content.
 * @param inlines - from the body scan (code spans, links, text ranges)
 * @param text - the whole file, to read text as written (offsets stay exact)
 * @param documentPath - repo-relative path of the citing file
 */
export function extractCitations(inlines: readonly Inline[], text: string, documentPath: string, options: CitationOptions = {}): Citation[] {
  const citations: Citation[] = [];
  const fromCode: PathCitation[] = [];
  const reading = new ItemReading(options.issueRefs ?? 'qualified');
  for (const inline of inlines) {
    if (inline.type === 'text') {
      const source = text.slice(inline.range.start, inline.range.end);
      scanText(citations, source, inline.range.start, reading);
      reading.append(source);
      continue;
    }
    const raw = (inline.type === 'code' ? inline.value : inline.url).trim();
    const issue = ISSUE_REF.exec(raw);
    const before = reading.seen();
    reading.append(inline.type === 'code' ? PLACEHOLDER_CODE : PLACEHOLDER_LINK);
    if (issue) {
      if (reading.isIssueRef(issue[1], issue[2]!, before, reading.length)) citations.push({ type: 'external', raw, what: 'issue', range: inline.range });
      continue;
    }
    const state = reading.state(before);
    if (state === 'negated') continue;
    // `x` in `packages/ui/`: the second names where the first is, not evidence of its own.
    const located = inline.type === 'code' && LOCATION.test(before.tail.slice(-24));
    const citation = classifyToken(raw, inline.type, inline.range, documentPath, inline.type === 'link' || (state === 'marked' && !located));
    if (!citation) continue;
    citations.push(citation);
    if (inline.type === 'code' && citation.type === 'path') fromCode.push(citation);
  }
  // A path in a code span may be relative to a folder the item or its task's `Files:` list names, or, last, to
  // the citing file's folder or one above it (Backlog.md names `config.yml` of its `backlog/` folder).
  if (fromCode.length === 0) return citations;
  const named = [...citations.flatMap((c) => (c.type === 'path' ? [c.path] : [])), ...(options.filesList ?? []).flatMap((f) => pathOfListed(f))];
  const bases = basesOf(named);
  for (const folder of basesOf([path.posix.dirname(documentPath)])) if (!bases.includes(folder)) bases.push(folder);
  for (const citation of fromCode) {
    const own = bases.filter((base) => base !== citation.path && !citation.path.startsWith(`${base}/`));
    if (own.length > 0) citation.bases = own;
  }
  return citations;
}

/**
 * Where a cited path may be, in the order tried: as cited (from the root), then below each folder the item or its
 * `Files:` list names ({@link Citation} `bases`); never above the root.
 */
export function candidatePaths(citation: Pick<PathCitation, 'path' | 'bases'>): string[] {
  const joined = (citation.bases ?? []).map((base) => path.posix.normalize(`${base}/${citation.path}`)).filter((p) => !p.startsWith('../'));
  return [...new Set([citation.path, ...joined])];
}

/** The citations of one task item: {@link extractCitations} with the item's `Files:` list read from the file. */
export function itemCitations(item: ScannedItem, text: string, documentPath: string, options: Omit<CitationOptions, 'filesList'> = {}): Citation[] {
  const filesList = filesListOf(text, item.start);
  return extractCitations(item.inlines, text, documentPath, { ...options, ...(filesList.length > 0 ? { filesList } : {}) });
}

/**
 * Classifies one code span value or link target.
 * @param marked - whether the item marks it as evidence (default: a link is marked, a code span is not)
 * @returns the citation, or `undefined` when the token cites nothing (a command, a word, a route)
 */
export function classifyToken(raw: string, origin: Origin, range: SourceRange, documentPath: string, marked = origin === 'link'): Citation | undefined {
  const token = raw.trim();
  if (token === '') return undefined;
  if (URL_SCHEME.test(token)) {
    if (/^file:/i.test(token)) return { type: 'outside', raw: token, reason: 'a file:// URL points outside the repository', range, marked };
    return { type: 'external', raw: token, what: 'url', range };
  }
  if (/^mailto:/i.test(token)) return undefined;
  if (ISSUE_REF.test(token)) return { type: 'external', raw: token, what: 'issue', range };
  if (origin === 'link' && token.startsWith('#')) return undefined;
  if (HEX.test(token)) return { type: 'commit', raw: token, sha: token.toLowerCase(), range };
  // A link target is a URL: judge its shape as written (`my%20notes.md`), then decode it to the file name.
  let candidate = (origin === 'link' ? token.replace(/[?#].*$/, '') : token).replace(LINE_SUFFIX, '');
  // A `<my notes.md>` destination keeps its space; judge it as the URL it stands for.
  let decoded = candidate;
  if (origin === 'link') {
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      // Not percent-encoded after all: keep it as written.
    }
  }
  // An encoded path (`..%2f..%2fetc%2fpasswd`) is judged by what it decodes to as well, so that encoding cannot hide a path.
  if (!looksLikePath(origin === 'link' ? candidate.replace(/ /g, '%20') : candidate) && !(decoded !== candidate && looksLikePath(decoded))) return undefined;
  candidate = decoded;
  if (notAPath(candidate, origin)) return undefined;
  if (origin === 'code' && PRODUCT_NAME.test(candidate)) marked = false;
  if (WINDOWS_ABSOLUTE.test(candidate) || candidate.startsWith('~')) {
    return { type: 'outside', raw: token, reason: 'an absolute path is never evidence; cite a repo-relative path', range, marked };
  }
  let joined: string;
  if (candidate.startsWith('/')) {
    if (origin === 'code') return { type: 'outside', raw: token, reason: 'an absolute path is never evidence', absolute: candidate, range, marked };
    joined = candidate.replace(/^\/+/, '');
  } else {
    joined = origin === 'link' ? path.posix.join(path.posix.dirname(documentPath), candidate.replace(/\\/g, '/')) : candidate.replace(/\\/g, '/');
    if (joined.startsWith('/')) return { type: 'outside', raw: token, reason: 'an absolute path is never evidence', absolute: joined, range, marked };
  }
  const normalized = normalize(joined);
  if (normalized === '..' || normalized.startsWith('../')) {
    return { type: 'outside', raw: token, reason: 'it leaves the repository with `..`', range, marked };
  }
  return { type: 'path', raw: token, path: normalized.replace(/\/$/, '') || '.', range, marked };
}

/** Most paths need no normalizing (no `.` or `..` segment, no doubled slash); skip the work for them. */
function normalize(joined: string): string {
  return /(?:^|\/)\.{1,2}(?:\/|$)|\/\//.test(joined) ? path.posix.normalize(joined) : joined;
}

function looksLikePath(token: string): boolean {
  if (!PATH_CHARS.test(token) || NOT_PATHS.test(token)) return false;
  if (token.startsWith('-') || token.startsWith('@') || !/[a-z]/i.test(token)) return false;
  if (/^\.{1,2}$/.test(token)) return false;
  if (token.includes('/') || token.includes('\\')) return true;
  if (/^\.[a-z0-9_-]+$/i.test(token)) return true; // a dotfile or dot-folder: .env, .runs
  const extension = /\.([a-z0-9]+)$/i.exec(token)?.[1]?.toLowerCase();
  return extension !== undefined && FILE_EXTENSIONS.has(extension);
}

/** Path-shaped tokens that are something else: a slash command, a route, a time zone, an expression, a suffix. */
function notAPath(token: string, origin: Origin): boolean {
  // A link's leading `/` is the repository root, so only a code span holds commands and routes.
  if (origin === 'code' && (SLASH_COMMAND.test(token) || ROUTE.test(token))) return true;
  if (TIME_ZONE.test(token) || EXPRESSION.test(token) || ESCAPES.test(token)) return true;
  const suffix = /^((?:\.[a-z0-9]+)+)$/i.exec(token)?.[1];
  if (!suffix) return false;
  const parts = suffix.slice(1).toLowerCase().split('.');
  if (parts.length === 1) return parts[0] !== 'env' && FILE_EXTENSIONS.has(parts[0]!);
  return FILE_EXTENSIONS.has(parts[parts.length - 1]!) && SUFFIX_WORDS.has(parts[0]!);
}

/** Words that mark what follows them in the clause as evidence. */
const MARKER =
  /\b(?:see(?:\s+also)?|cf\.|evidence(?:\s*:|\s+(?:in|at|under|is)\b)|proof\s*:|(?:proven|proved)\s+(?:by|in)|(?:validated|verified|confirmed|demonstrated|checked|tested)\s+(?:via|by|in|with|against)|(?:logged|recorded|captured|documented|attached)\s+(?:in|to|at|under)|(?:logs?|manifests?|runs?|reports?|outputs?|results?)\s*:)(?=\W|$)/gi;
/** Words that negate what follows them in the clause. */
const NEGATION = /\b(?:not|never|no|without|nor|instead\s+of|rather\s+than)\b|n['’]t\b/gi;
/** The end of a clause: a sentence's end (not an abbreviation's), a semicolon, a dash between words. */
const BOUNDARY = /(?<!\b(?:e\.g|i\.e|etc|vs|cf|incl|approx|esp|resp))\.(?=\s|$)|[;!?](?=\s|$)|\s(?:[—–]|--)(?=\s|$)/g;

/**
 * Where the last clause of `text` starts, looking from about `from` on (-1 when no clause ends there). A text may
 * be cut at either side of its spaces (the scans differ there), so a boundary is one as the text ends, too.
 */
function clauseEnd(text: string, from: number): number {
  let start = -1;
  BOUNDARY.lastIndex = Math.max(0, from - 2);
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) start = m.index + m[0].length;
  return start;
}
/** Characters before new text read again, so that an evidence word or negation across the seam is seen. */
const SEAM = 40;
/** How far back in one text, past what was read before, a token looks for the words that mark or negate it. */
const LOOKBACK = 400;
/** How many of the last characters of an item's text are kept: every look back stays within them. */
const KEPT = 1024;

/**
 * The end of an item's text read so far: its `length` in characters and its last characters, `tail` (all of
 * them up to {@link KEPT}, more for a text being read). Only the tail is kept, since a growing string that a
 * pattern reads is copied whole each time (V8 flattens it): keeping it all made an item quadratic in its length.
 */
interface Seen {
  readonly length: number;
  readonly tail: string;
}

/** Where `seen.tail` starts in the item's text. */
function base(seen: Seen): number {
  return seen.length - seen.tail.length;
}

/** {@link clauseEnd} on a tail, in the item's positions (-1: none). */
function clauseEndIn(seen: Seen, from: number): number {
  const found = clauseEnd(seen.tail, from - base(seen));
  return found < 0 ? -1 : found + base(seen);
}

/** {@link lastEnd} on a tail, in the item's positions (-1: none). */
function lastEndIn(pattern: RegExp, seen: Seen, start: number): number {
  const found = lastEnd(pattern, seen.tail, start - base(seen));
  return found < 0 ? -1 : found + base(seen);
}

/** Where the last match of a global pattern in `text`, at or after `start`, ends; -1 when none. */
function lastEnd(pattern: RegExp, text: string, start: number): number {
  let end = -1;
  pattern.lastIndex = Math.max(0, start);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) end = m.index + m[0].length;
  return end;
}

/** A code span right after another and a word of place (`x` in `packages/ui/`, `y` of `core`). */
const LOCATION = /\u0001\s*(?:in|of|under|inside|within|from|at)\s*$/i;
/** Words after which a bare `#12` is a reference (issue words, prepositions, evidence words), or an opening parenthesis. */
const ISSUE_CONTEXT =
  /(?:\b(?:issues?|prs?|pull\s+requests?|pulls?|mrs?|merge\s+requests?|bugs?|tickets?|fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|references?|gh|see|cf\.?|in|via|from|by|per|after|merged)\s*:?\s*|\(\s*)$/i;
/** Nouns that a `#N` after them numbers (`gap #5`, `step #2`, `criterion #1`): never a reference. */
const ORDINAL_NOUN =
  /\b(?:gaps?|steps?|items?|phases?|stages?|parts?|points?|options?|strateg(?:y|ies)|criteri(?:on|a)|acs?|dods?|no\.?|numbers?|ranks?|priorit(?:y|ies)|tiers?|levels?|rounds?|waves?|sprints?|iterations?|attempts?|lines?|rows?|pages?|sections?|scenarios?|cases?|rules?|requirements?|stor(?:y|ies)|questions?|findings?|slides?|entr(?:y|ies)|players?|teams?|places?)\s*$/i;
/** What may stand between two references of one list (`#1, #2 and #3`), spaces folded and trimmed. */
const LIST_GAP = /^(?:[,&/]|,? ?and|,? ?or)?$/i;

/** The words read so far in one item, and what the current clause says about the tokens in it. */
class ItemReading {
  /** The item's text so far (its length and its last characters); code spans and links stand as `\u0001` and `\u0002`. */
  private text: Seen = { length: 0, tail: '' };
  private clauseStart = 0;
  private lastReferenceEnd = -1;
  private readonly issueRefs: IssueRefs;

  constructor(issueRefs: IssueRefs) {
    this.issueRefs = issueRefs;
  }

  /** Where the last evidence word and the last negation read so far end, in the item's text (-1: none). */
  private markerEnd = -1;
  private negationEnd = -1;

  /** How many characters of the item's text were read. */
  get length(): number {
    return this.text.length;
  }

  /** The item's text read so far. */
  seen(): Seen {
    return this.text;
  }

  append(source: string): void {
    const from = this.text.length;
    const joined = this.with(source);
    this.clauseStart = Math.max(this.clauseStart, clauseEndIn(joined, from - 1));
    // Only the new text is read (and a few characters before it, for a word across the seam): linear in the item.
    const start = Math.max(this.clauseStart, from - SEAM);
    this.markerEnd = Math.max(this.markerEnd, lastEndIn(MARKER, joined, start));
    this.negationEnd = Math.max(this.negationEnd, lastEndIn(NEGATION, joined, start));
    this.text = { length: joined.length, tail: joined.tail.slice(-KEPT) };
  }

  /**
   * The text read so far followed by `source`, its spaces folded (also where the two meet, since one scan of
   * the markdown keeps the spaces around a text that the other leaves out).
   */
  with(source: string): Seen {
    const folded = source.replace(/\s+/g, ' ');
    const added = this.text.tail.endsWith(' ') && folded.startsWith(' ') ? folded.slice(1) : folded;
    return { length: this.text.length + added.length, tail: this.text.tail + added };
  }

  /**
   * {@link with} for the first `at` characters of `source`, when `at` is past {@link KEPT}: the length comes from
   * `lengths` (see {@link foldedLengths}), and only the last {@link KEPT} folded characters are folded again.
   */
  withPrefix(source: string, at: number, lengths: Int32Array): Seen {
    const joinsSpace = this.text.tail.endsWith(' ') && WHITESPACE.test(source.charAt(0)) ? 1 : 0;
    const want = lengths[at]! - KEPT;
    if (want <= 0) return this.with(source.slice(0, at));
    let low = 0;
    let high = at;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lengths[middle]! <= want) low = middle;
      else high = middle - 1;
    }
    // Cut inside a run of spaces, the run's one space is already counted before the cut.
    const inRun = WHITESPACE.test(source.charAt(low - 1)) && WHITESPACE.test(source.charAt(low));
    const tail = source.slice(low, at).replace(/\s+/g, ' ').slice(inRun ? 1 : 0);
    return { length: this.text.length + lengths[at]! - joinsSpace, tail };
  }

  /** `marked` after an evidence word in the clause that ends `before`, `negated` after a negation; the later one wins. */
  state(before: Seen = this.text): 'marked' | 'negated' | undefined {
    let from = Math.min(this.clauseStart, before.length);
    let marker = this.markerEnd >= from && this.markerEnd <= before.length ? this.markerEnd : -1;
    let negation = this.negationEnd >= from && this.negationEnd <= before.length ? this.negationEnd : -1;
    if (before.length > this.text.length) {
      // The text after what append() has seen (a token in the middle of a text) may end a clause, or mark or
      // negate what follows: read its last stretch (bounded, so that many tokens in one text stay linear).
      const clause = clauseEndIn(before, Math.max(this.text.length, before.length - LOOKBACK) - 1);
      if (clause > from) {
        from = clause;
        marker = -1;
        negation = -1;
      }
      const start = Math.max(from, this.text.length - SEAM, before.length - LOOKBACK);
      marker = Math.max(marker, lastEndIn(MARKER, before, start));
      negation = Math.max(negation, lastEndIn(NEGATION, before, start));
    }
    if (marker < 0 && negation < 0) return undefined;
    return marker > negation ? 'marked' : 'negated';
  }

  /**
   * Whether a `#N` is an issue reference.
   * @param owner - the `owner/repo` before it, if any
   * @param before - the item's text up to the reference
   * @param end - where the reference ends in the item's text
   */
  isIssueRef(owner: string | undefined, number: string, before: Seen, end: number): boolean {
    if (/^0/.test(number)) return false;
    if (owner) return this.accept(end);
    const preceding = before.tail.slice(-60);
    if (ORDINAL_NOUN.test(preceding)) return false;
    // A gap that starts before the tail is longer than a list's separator anyway.
    const gap = this.lastReferenceEnd >= base(before) && this.lastReferenceEnd <= before.length ? before.tail.slice(this.lastReferenceEnd - base(before)) : undefined;
    const listed = gap !== undefined && gap.length <= 12 && LIST_GAP.test(gap.replace(/\s+/g, ' ').trim());
    if (this.issueRefs === 'bare' || listed || ISSUE_CONTEXT.test(preceding) || this.state(before) === 'marked') return this.accept(end);
    return false;
  }

  private accept(end: number): true {
    this.lastReferenceEnd = end;
    return true;
  }
}

const TEXT_TOKENS = /(?<![\w./#-])(?:(([\w.-]+\/[\w.-]+)?#(\d+))\b|([0-9a-f]{7,40}))(?![\w/-])/gi;

const WHITESPACE = /^\s$/;

/** For each position `i` of `source` (and its end), the length of `source.slice(0, i)` with its spaces folded. */
function foldedLengths(source: string): Int32Array {
  const lengths = new Int32Array(source.length + 1);
  let folded = 0;
  let inSpace = false;
  for (let i = 0; i < source.length; i += 1) {
    lengths[i] = folded;
    const space = WHITESPACE.test(source[i]!);
    if (!space || !inSpace) folded += 1;
    inSpace = space;
  }
  lengths[source.length] = folded;
  return lengths;
}

/** Finds commit hashes and issue references in plain text, as written in the source. */
function scanText(into: Citation[], source: string, offset: number, reading: ItemReading): void {
  let lengths: Int32Array | undefined;
  for (const match of source.matchAll(TEXT_TOKENS)) {
    const at = match.index ?? 0;
    const start = offset + at;
    const range = { start, end: start + match[0].length };
    if (match[1]) {
      // Far into a long text, only the last characters before the token are folded again: many tokens stay linear.
      const before = at <= KEPT ? reading.with(source.slice(0, at)) : reading.withPrefix(source, at, (lengths ??= foldedLengths(source)));
      if (reading.isIssueRef(match[2], match[3]!, before, before.length + match[1].length)) into.push({ type: 'external', raw: match[1], what: 'issue', range });
    } else if (match[4] && /\d/.test(match[4]) && /[a-f]/i.test(match[4])) {
      into.push({ type: 'commit', raw: match[4], sha: match[4].toLowerCase(), range });
    }
  }
}

/** The path a listed file (`orchestrator/src/*.ts`, `adapters/<language>/x`) stands for, up to its first wildcard. */
function pathOfListed(listed: string): string[] {
  const cut = listed.trim().replace(LINE_SUFFIX, '').split('/');
  const fixed: string[] = [];
  for (const part of cut) {
    if (/[*?<>{}[\]]/.test(part)) break;
    fixed.push(part);
  }
  const joined = normalize(fixed.join('/').replace(/^\.?\//, ''));
  return joined && !joined.startsWith('..') && !/\s/.test(joined) ? [joined] : [];
}

/** At most this many folders are tried for a path that does not resolve from the root. */
const MAX_BASES = 12;

/**
 * The folders a path may be relative to: each named path and its parent folders, nearest first, in the order
 * they are named (the item's own before its `Files:` list's); never the root.
 */
function basesOf(named: readonly string[]): string[] {
  const bases: string[] = [];
  for (const name of named) {
    let trimmed = name;
    while (trimmed.endsWith('/')) trimmed = trimmed.slice(0, -1);
    if (trimmed === '' || trimmed === '.' || trimmed.startsWith('/') || trimmed.startsWith('.runs')) continue;
    for (let at = trimmed; at !== '.' && at !== '' && at !== '/'; at = path.posix.dirname(at)) {
      if (!bases.includes(at)) bases.push(at);
      if (bases.length >= MAX_BASES) return bases;
    }
  }
  return bases;
}

/** The last text {@link mayListFiles} looked at (the items of one file are read one after another), and its answer. */
let lastText: { text: string; answer: boolean } | undefined;

/** Whether a file has a `Files:` line at all: most have none, and their items need not look upwards. */
function mayListFiles(text: string): boolean {
  if (lastText?.text !== text) lastText = { text, answer: /files(?:\s+(?:touched|changed))?(?:\*\*|__)?\s*:/i.test(text) };
  return lastText.answer;
}

/** A `Files:` line (`- Files: ...`, `- **Files**: ...`, `- Relevant files: ...`). */
const FILES_LABEL = /^(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__)?(?:relevant\s+|touched\s+|changed\s+)?files(?:\s+(?:touched|changed))?(?:\*\*|__)?\s*:(?:\*\*|__)?(.*)$/i;

/**
 * The code spans of the `Files:` list of the task an item belongs to: seed 004 writes, under each task,
 * `- Files: \`orchestrator/src/manager.ts\`, \`orchestrator/tests\`` beside the task's ticked box. Read upwards
 * from the item among its siblings (lines as indented as it), stopping at its parent, a sibling task item, a
 * heading, or a line at the left margin that is not a list item; the nearest `Files:` line wins, with the
 * more indented lines right under it.
 * @param text - the whole file
 * @param itemStart - offset of the item's list marker
 */
export function filesListOf(text: string, itemStart: number): string[] {
  if (!mayListFiles(text)) return [];
  const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
  const indent = itemStart - lineStart;
  const lines: string[] = [];
  let end = lineStart - 1;
  // Upwards, one line at a time; bounded by the text before the item and a hundred lines.
  while (end > 0 && lines.length < 100) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    lines.unshift(text.slice(start, end).replace(/\r$/, ''));
    end = start - 1;
    const line = lines[0]!;
    if (line.trim() === '') continue;
    const lead = line.length - line.trimStart().length;
    const body = line.trimStart();
    if (/^#{1,6}\s/.test(body) && lead < 4) return [];
    const listItem = /^(?:[-*+]|\d{1,9}[.)])[ \t]/.test(body);
    if (lead < indent && listItem) return [];
    if (lead === 0 && !listItem && indent > 0) return [];
    if (lead !== indent || !listItem) continue;
    if (/^(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/.test(body)) return [];
    const label = FILES_LABEL.exec(body);
    if (!label) continue;
    const below = lines.slice(1).filter((l, i, all) => all.slice(0, i + 1).every((m) => m.trim() === '' || m.length - m.trimStart().length > lead));
    return [...`${label[1]} ${below.join(' ')}`.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim());
  }
  return [];
}
