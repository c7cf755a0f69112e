/** Parses `git log --raw -z` output into commit records. */
import { randomBytes } from 'node:crypto';
import { trimTrailing } from '../strings.js';

/** A file a commit touched, from `--raw` output. */
export interface FileChange {
  /** A (added), M (modified), D (deleted), R (renamed), C (copied), T (type changed). */
  status: string;
  /** The path after the commit (the new path of a rename). */
  path: string;
  /** The path before a rename or copy. */
  fromPath?: string;
  /** Blob id before the commit (all zeros when added). */
  oldBlob: string;
  /** Blob id after the commit (all zeros when deleted). */
  newBlob: string;
}

/** One commit. */
export interface CommitRecord {
  /** Full sha. */
  sha: string;
  /** Full shas of its parents (none for a root commit, two or more for a merge). */
  parents: string[];
  /** Author date, strict ISO 8601 with offset. */
  date: string;
  /** Committer date (when the commit landed), strict ISO 8601 with offset. */
  committedAt: string;
  author: string;
  /** First line of the message. */
  subject: string;
  /** The whole message. */
  message: string;
  files: FileChange[];
}

/**
 * The `--format` that {@link parseLog} reads: each commit opens with a boundary token, then its fields, each
 * ended by a NUL (no field can hold one). The boundary is chosen at random for each run ({@link newBoundary}),
 * so that no commit message, however crafted, can open a record of its own.
 * @param boundary - from {@link newBoundary}
 */
export function logFormat(boundary: string): string {
  return `${boundary}%x00%H%x00%P%x00%aI%x00%cI%x00%an%x00%B%x00`;
}

/** A record boundary for {@link logFormat}: 32 random hex digits, unguessable by whoever wrote the history. */
export function newBoundary(): string {
  return `specguard-${randomBytes(16).toString('hex')}`;
}

const FULL_SHA_PATTERN = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Parses the output of `git log --format=<logFormat(boundary)> --raw --no-abbrev -z`. A record whose sha is not
 * a full object id (40 hex digits, 64 in a SHA-256 repository) or whose dates do not parse is dropped, not guessed at.
 */
export function parseLog(output: string, boundary: string): CommitRecord[] {
  const commits: CommitRecord[] = [];
  for (const chunk of output.split(boundary)) {
    const commit = parseLogRecord(chunk);
    if (commit) commits.push(commit);
  }
  return commits;
}

/**
 * Parses one record of {@link logFormat} output: what follows one boundary, up to the next.
 * @returns the commit, or `undefined` for an empty or malformed record
 */
export function parseLogRecord(chunk: string): CommitRecord | undefined {
  if (chunk === '') return undefined;
  const fields = chunk.split('\0');
  // fields[0] is what stood between the boundary and the first NUL: nothing.
  if (fields.length < 8 || fields[0] !== '') return undefined;
  const [, sha, parents, date, committedAt, author, message] = fields as [string, string, string, string, string, string, string];
  if (!FULL_SHA_PATTERN.test(sha) || Number.isNaN(Date.parse(date)) || Number.isNaN(Date.parse(committedAt))) return undefined;
  const parentList = parents === '' ? [] : parents.split(' ');
  if (!parentList.every((parent) => FULL_SHA_PATTERN.test(parent))) return undefined;
  const raw = fields.slice(7).join('\0');
  return { sha, parents: parentList, date, committedAt, author, subject: message.split('\n', 1)[0]!.trim(), message: trimTrailing(message, '\n'), files: parseRaw(raw) };
}

/**
 * The few fields of one {@link logFormat} record that a walk over every commit needs, found with `indexOf`
 * rather than by parsing the record whole ({@link parseLogRecord} does that for the commits kept).
 * @returns `undefined` for a malformed record
 */
export function peekLogRecord(chunk: string): { sha: string; parents: string[]; message: string; hasFiles: boolean } | undefined {
  // '' NUL sha NUL parents NUL author date NUL committer date NUL author NUL message NUL, then the files.
  const ends: number[] = [];
  for (let at = chunk.indexOf('\0'); at !== -1 && ends.length < 7; at = chunk.indexOf('\0', at + 1)) ends.push(at);
  if (ends.length < 7 || ends[0] !== 0) return undefined;
  const sha = chunk.slice(1, ends[1]);
  const parents = chunk.slice(ends[1]! + 1, ends[2]);
  if (!FULL_SHA_PATTERN.test(sha)) return undefined;
  // A commit without files in the output ends with the record's own NUL after the message's.
  return { sha, parents: parents === '' ? [] : parents.split(' '), message: chunk.slice(ends[5]! + 1, ends[6]), hasFiles: chunk.length > ends[6]! + 2 };
}

/**
 * How many commits are reachable from `tip` through their parents, as `git rev-list --count <tip>` counts them
 * (a commit whose parents are absent, a shallow clone's boundary, ends its line).
 * @param parents - commit sha → its parents' shas, for every commit read
 */
export function countReachable(parents: ReadonlyMap<string, readonly string[]>, tip: string): number {
  let count = 0;
  const seen = new Set([tip]);
  const stack = [tip];
  for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
    const next = parents.get(sha);
    if (!next) continue;
    count++;
    for (const parent of next) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
    }
  }
  return count;
}

/** Parses `--raw -z` output (of `git log` or `git diff`): one entry per file. */
export function parseRaw(raw: string): FileChange[] {
  const tokens = raw.split('\0').map((t) => t.replace(/^\n/, ''));
  const files: FileChange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]!;
    if (!meta.startsWith(':')) continue;
    const parts = meta.slice(1).split(' ');
    const oldBlob = parts[2] ?? '';
    const newBlob = parts[3] ?? '';
    const status = (parts[4] ?? '').charAt(0);
    if (status === 'R' || status === 'C') {
      const fromPath = tokens[++i] ?? '';
      const path = tokens[++i] ?? '';
      files.push({ status, path, fromPath, oldBlob, newBlob });
    } else {
      files.push({ status, path: tokens[++i] ?? '', oldBlob, newBlob });
    }
  }
  return files;
}

/** Parses `git cat-file --batch` output into blob id → content (bytes). */
export function parseCatFileBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < output.length) {
    const eol = output.indexOf(10, at);
    if (eol === -1) break;
    const header = output.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0]!, output.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

/** Added lines per file, from `git diff -U0` output: file → 1-based line numbers in the new version. */
export function parseAddedLines(diff: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      // `+++ b/<path>`, with a tab after a path that has spaces, and C-style quotes around an unusual one.
      const target = line.slice(4).replace(/\t$/, '');
      current = target === '/dev/null' ? undefined : new Set();
      if (current) added.set(unquote(target).replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return added;
}

/** Undoes git's C-style quoting of unusual paths (`"b/caf\303\251.md"`): octal escapes are UTF-8 bytes. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = body[i + 1] ?? '';
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** One line's origin, from `git blame --porcelain`. */
export interface BlameLine {
  /** Full sha of the commit that last changed the line; all zeros for uncommitted lines. */
  sha: string;
  /** Committer time of that commit, ms since the epoch. */
  committedAt: number;
}

/** Parses `git blame --porcelain` output: 1-based line number → its origin. */
export function parseBlame(output: string): Map<number, BlameLine> {
  const lines = new Map<number, BlameLine>();
  const times = new Map<string, number>();
  let sha = '';
  let finalLine = 0;
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(line);
    if (header) {
      sha = header[1]!;
      finalLine = Number(header[2]);
      continue;
    }
    if (line.startsWith('committer-time ')) times.set(sha, Number(line.slice(15)) * 1000);
    else if (line.startsWith('\t')) lines.set(finalLine, { sha, committedAt: times.get(sha) ?? 0 });
  }
  return lines;
}
