/**
 * The evidence grammar: what in a task item's own text counts as a citation.
 *
 * - an inline code span or link target that is a repo-relative path (a file,
 *   or a directory holding a `manifest.json`);
 * - a 7 to 40 character hex commit hash (in plain text it must mix digits and
 *   letters, so that numbers and words are not taken for hashes);
 * - an issue or pull-request reference (`#636`, `owner/repo#12`) or a URL:
 *   evidence that cannot be checked offline.
 *
 * Code span paths are read from the repository root; link targets from the
 * citing file's folder, as markdown renders them (a leading `/` means the
 * repository root). A code span path that is absolute, or that leaves the
 * repository with `..`, is never evidence.
 */
import path from 'node:path';
import type { Inline } from '../markdown/body-scan.js';
import type { SourceRange } from '../document/metadata.js';

/** One thing a task item cites. `range` is where it is written, as offsets in the file. */
export type Citation =
  | { type: 'path'; raw: string; path: string; range: SourceRange }
  /** `absolute` is set for an absolute path, which the verifier judges against the repository's location. */
  | { type: 'outside'; raw: string; reason: string; absolute?: string; range: SourceRange }
  | { type: 'commit'; raw: string; sha: string; range: SourceRange }
  | { type: 'external'; raw: string; what: 'issue' | 'url'; range: SourceRange };

/** Where a token was written, which decides how a path in it is read. */
type Origin = 'code' | 'link';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const WINDOWS_ABSOLUTE = /^(?:[a-z]:[\\/]|\\\\)/i;
const ISSUE_REF = /^(?:[\w.-]+\/[\w.-]+)?#\d+$/;
const HEX = /^[0-9a-f]{7,40}$/i;
const PATH_CHARS = /^[^\s<>*?[\]{}|"'`]+$/;
/** Words with a slash that are not paths. */
const NOT_PATHS = /^(?:n\/a|and\/or|w\/o|i\/o|y\/n|on\/off|yes\/no|true\/false|read\/write|input\/output)$/i;
/** File endings that make a token without a slash read as a file name. */
const FILE_EXTENSIONS = new Set(
  'md markdown mdx txt log json jsonl ndjson yaml yml toml ini cfg conf xml html htm css csv tsv sql ts tsx mts cts js jsx mjs cjs py rb go rs java kt swift c h cc cpp hpp cs php sh bash zsh ps1 lock env png jpg jpeg gif svg pdf zip gz tgz sarif junit diff patch'.split(' '),
);

/**
 * Lists the citations in a task item's own inline content.
 * @param inlines - from the body scan (code spans, links, text ranges)
 * @param text - the whole file, to read text as written (offsets stay exact)
 * @param documentPath - repo-relative path of the citing file
 */
export function extractCitations(inlines: readonly Inline[], text: string, documentPath: string): Citation[] {
  const citations: Citation[] = [];
  for (const inline of inlines) {
    if (inline.type === 'code') pushToken(citations, inline.value, 'code', inline.range, documentPath);
    else if (inline.type === 'link') pushToken(citations, inline.url, 'link', inline.range, documentPath);
    else scanText(citations, text.slice(inline.range.start, inline.range.end), inline.range.start);
  }
  return citations;
}

function pushToken(into: Citation[], raw: string, origin: Origin, range: SourceRange, documentPath: string): void {
  const citation = classifyToken(raw, origin, range, documentPath);
  if (citation) into.push(citation);
}

/**
 * Classifies one code span value or link target.
 * @returns the citation, or `undefined` when the token cites nothing (a command, a word)
 */
export function classifyToken(raw: string, origin: Origin, range: SourceRange, documentPath: string): Citation | undefined {
  const token = raw.trim();
  if (token === '') return undefined;
  if (URL_SCHEME.test(token)) {
    if (/^file:/i.test(token)) return { type: 'outside', raw: token, reason: 'a file:// URL points outside the repository', range };
    return { type: 'external', raw: token, what: 'url', range };
  }
  if (/^mailto:/i.test(token)) return undefined;
  if (ISSUE_REF.test(token)) return { type: 'external', raw: token, what: 'issue', range };
  if (origin === 'link' && token.startsWith('#')) return undefined;
  if (HEX.test(token)) return { type: 'commit', raw: token, sha: token.toLowerCase(), range };
  // A link target is a URL: judge its shape as written (`my%20notes.md`), then decode it to the file name.
  let candidate = (origin === 'link' ? token.replace(/[?#].*$/, '') : token).replace(/:L?\d+(?:-L?\d+)?$/, '');
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
  if (WINDOWS_ABSOLUTE.test(candidate) || candidate.startsWith('~')) {
    return { type: 'outside', raw: token, reason: 'an absolute path is never evidence; cite a repo-relative path', range };
  }
  let joined: string;
  if (candidate.startsWith('/')) {
    if (origin === 'code') return { type: 'outside', raw: token, reason: 'an absolute path is never evidence', absolute: candidate, range };
    joined = candidate.replace(/^\/+/, '');
  } else {
    joined = origin === 'link' ? path.posix.join(path.posix.dirname(documentPath), candidate.replace(/\\/g, '/')) : candidate.replace(/\\/g, '/');
  }
  // Most paths need no normalizing (no `.` or `..` segment, no doubled slash); skip the work for them.
  const normalized = /(?:^|\/)\.{1,2}(?:\/|$)|\/\//.test(joined) ? path.posix.normalize(joined) : joined;
  if (normalized === '..' || normalized.startsWith('../')) {
    return { type: 'outside', raw: token, reason: 'it leaves the repository with `..`', range };
  }
  return { type: 'path', raw: token, path: normalized.replace(/\/$/, '') || '.', range };
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

const TEXT_TOKENS = /(?<![\w./#-])(?:((?:[\w.-]+\/[\w.-]+)?#\d+)\b|([0-9a-f]{7,40}))(?![\w/-])/gi;

/** Finds commit hashes and issue references in plain text, as written in the source. */
function scanText(into: Citation[], source: string, offset: number): void {
  for (const match of source.matchAll(TEXT_TOKENS)) {
    const start = offset + (match.index ?? 0);
    const range = { start, end: start + match[0].length };
    if (match[1]) {
      into.push({ type: 'external', raw: match[1], what: 'issue', range });
    } else if (match[2] && /\d/.test(match[2]) && /[a-f]/i.test(match[2])) {
      into.push({ type: 'commit', raw: match[2], sha: match[2].toLowerCase(), range });
    }
  }
}
