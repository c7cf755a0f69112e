/**
 * The `--cache` file of `check`: per file, the SHA-256 of its bytes, the
 * findings and notes of its own rules, and what those rest on (see
 * {@link Dependencies}). The whole cache is keyed by the tool's version, the
 * resolved config, the rules and every kind's schema: when any of them
 * changes, nothing in it is reused.
 *
 * A cache file is only trusted when its signature (HMAC-SHA256 under this
 * user's secret on this machine, see `cache-secret.ts`) holds, and it
 * parses, names this format and version, and carries the expected key: a
 * cache committed to the repository, or edited, is not reused. A file that
 * does not look like a specguard cache at all is never overwritten (it may be
 * the user's); a specguard cache that is corrupt, stale or foreign is replaced.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StagedFinding } from '../check/document-stage.js';
import type { ResolvedConfig } from '../config/config.js';
import type { FileSystem } from '../fs/file-system.js';
import type { Rule } from '../rules/rule.js';
import { signCache, type CacheSecret } from './cache-secret.js';
import type { Dependencies } from './dependencies.js';

/** The `format` field of a cache file. */
export const CACHE_FORMAT = 'specguard-cache';
/** The layout version of the cache file; a different one is ignored. 2: signed with the user's cache secret. */
export const CACHE_VERSION = 2;
/** Default cache file, relative to the repository root. */
export const DEFAULT_CACHE_FILE = '.specguard-cache';

/** One file's cached result. */
export interface CacheEntry {
  /** SHA-256 (hex) of the file's bytes. */
  hash: string;
  /** Size (bytes) and modification time (ms since the epoch) of the file when it was hashed. */
  stat?: [number, number];
  /** Resolved kind name. */
  kind?: string;
  findings: StagedFinding[];
  notes: string[];
  /** Whether a repository-wide rule reads this document (it is loaded again on a warm run). */
  keep: boolean;
  dependencies: Dependencies;
}

/** The cached result of the repository-wide rules. */
export interface RepositoryEntry {
  /** SHA-256 over what they read: the documents they read (path and hash), the files that failed to load. */
  signature: string;
  findings: StagedFinding[];
  notes: string[];
  dependencies: Dependencies;
}

/** The file as written. */
interface CacheFile {
  format: typeof CACHE_FORMAT;
  version: typeof CACHE_VERSION;
  key: string;
  /** When the run that wrote it started (ms since the epoch): a file modified less than 2 s before is hashed again. */
  savedAt: number;
  entries: Record<string, CacheEntry>;
  repository?: RepositoryEntry;
}

/** A cache opened for a run. */
export interface OpenedCache {
  /** Absolute path of the cache file. */
  file: string;
  /** Entries that may be reused (their own hash and dependencies are still to be checked). */
  entries: Map<string, CacheEntry>;
  /** Why nothing was reused, when the file was there but not trusted. */
  note?: string;
  /** False when the file is not a specguard cache: it is left alone. */
  writable: boolean;
  /** The repository-wide rules' result, when the file holds one (to be checked against its signature). */
  repository?: RepositoryEntry;
  /** True when the file was written by a run with the same key (same version, config, rules and schemas). */
  matched: boolean;
  /** When the run that wrote the file started (ms since the epoch); 0 when nothing was read. */
  savedAt: number;
}

/**
 * The key of a run's cache: SHA-256 over the tool's version, the resolved config, the active rules and their
 * severities, and the bytes of every kind's schema.
 * @throws never; an unreadable schema contributes its error code (the run then fails when compiling it)
 */
export function cacheKey(version: string, config: ResolvedConfig, rules: readonly Rule[]): string {
  const hash = createHash('sha256');
  hash.update(`specguard ${version}\0`);
  hash.update(JSON.stringify(config));
  hash.update(`\0${rules.map((rule) => `${rule.id}=${config.severities[rule.id] ?? rule.defaultSeverity}`).join(',')}\0`);
  for (const kind of config.kinds) {
    try {
      hash.update(readFileSync(kind.schemaPath));
    } catch (error) {
      hash.update(`unreadable ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** SHA-256 (hex) of bytes. */
export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A cache file read and its signature checked, before the run's key is known: {@link readCacheFile}'s answer,
 * which {@link openCache} finishes. Either the run's whole answer (a missing, foreign or untrusted file), or the
 * signed contents.
 */
export type ReadCache = { opened: OpenedCache } | { file: string; parsed: Partial<CacheFile> & { entries: Record<string, unknown> } };

/**
 * Opens the cache file. Never throws: a missing file is an empty cache; an unreadable, corrupt, foreign or
 * stale one is an empty cache with a note.
 * @param file - absolute path
 * @param key - this run's {@link cacheKey}
 * @param shown - the path as the user wrote it, for notes
 * @param secret - this user's cache secret on this machine; without one, nothing is reused or written
 * @param read - the file as {@link readCacheFile} read it earlier (while git listed the files); read now otherwise
 */
export function openCache(file: string, key: string, shown: string, secret: CacheSecret, read: ReadCache = readCacheFile(file, shown, secret)): OpenedCache {
  if ('opened' in read) return read.opened;
  const { parsed } = read;
  if (parsed.key !== key) return { file, entries: new Map(), writable: true, matched: false, savedAt: 0 }; // another version, config or schema: a cold run
  const entries = new Map<string, CacheEntry>();
  for (const [file_, entry] of Object.entries(parsed.entries)) if (isEntry(entry)) entries.set(file_, entry);
  const repository = parsed.repository && typeof parsed.repository.signature === 'string' && Array.isArray(parsed.repository.findings) ? parsed.repository : undefined;
  return { file, entries, writable: true, matched: true, savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : 0, ...(repository ? { repository } : {}) };
}

/**
 * Reads the cache file and checks its signature (the part of {@link openCache} that needs no key, and most of
 * its time: a file of several MB is hashed and parsed). Never throws.
 */
export function readCacheFile(file: string, shown: string, secret: CacheSecret): ReadCache {
  const empty = (note?: string, writable = true): ReadCache => ({ opened: { file, entries: new Map(), ...(note ? { note } : {}), writable, matched: false, savedAt: 0 } });
  if ('missing' in secret) {
    return empty(`cache ${shown} was neither used nor written: there is no secret to sign it with (${secret.missing}); set SPECGUARD_CACHE_SECRET_DIR to a folder this user can write.`, false);
  }
  let text: string;
  try {
    // A FIFO or a device there (a pull request can commit one at the default path) would block or never end a read.
    if (!statSync(file).isFile()) return empty(`${shown} is not a regular file; it was neither used nor overwritten (give --cache-location another path).`, false);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return empty();
    return empty(`cache ${shown} could not be read (${code ?? String(error)}); every file was checked.`, false);
  }
  if (text.trim() === '') return empty();
  if (!looksLikeCache(text)) return empty(`${shown} is not a specguard cache; it was neither used nor overwritten (give --cache-location another path).`, false);
  const signed = signedPayload(text);
  let parsed: Partial<CacheFile>;
  try {
    // Read before its signature is checked only to say what is wrong with it; nothing in it is used unless it holds.
    parsed = JSON.parse(signed?.payload ?? text) as Partial<CacheFile>;
  } catch {
    return empty(`cache ${shown} is corrupt; it was ignored and rebuilt.`);
  }
  if (parsed.version !== CACHE_VERSION || typeof parsed.entries !== 'object' || parsed.entries === null || Array.isArray(parsed.entries)) {
    return empty(`cache ${shown} has another layout; it was ignored and rebuilt.`);
  }
  if (signed === undefined || !timingSafeEqual(Buffer.from(signCache(secret.key, signed.payload), 'hex'), Buffer.from(signed.mac, 'hex'))) {
    return empty(`cache ${shown} was not written by this user on this machine (its signature does not hold); it was ignored and rebuilt.`);
  }
  return { file, parsed: parsed as Partial<CacheFile> & { entries: Record<string, unknown> } };
}

/**
 * Writes the cache atomically (a temporary file renamed over it), unless {@link OpenedCache.writable} is false.
 * @param startedAt - when this run started hashing files (ms since the epoch)
 * @returns a note when it could not be written (the run's results stand)
 */
export function saveCache(
  cache: OpenedCache,
  key: string,
  entries: ReadonlyMap<string, CacheEntry>,
  repository: RepositoryEntry | undefined,
  shown: string,
  startedAt: number,
  secret: CacheSecret,
): string | undefined {
  if (!cache.writable || 'missing' in secret) return undefined;
  // Another process may have put a foreign file there since it was opened: look again right before replacing it.
  if (!mayReplace(cache.file)) return `${shown} is not a specguard cache; it was not overwritten.`;
  const body: CacheFile = { format: CACHE_FORMAT, version: CACHE_VERSION, key, savedAt: startedAt, entries: Object.fromEntries(entries), ...(repository ? { repository } : {}) };
  // Not replaceFile (src/fs/): a cache needs no fsync on every run, and a torn one is only ignored as corrupt.
  // A random name: a file committed at a predictable one (CI's process ids repeat) could otherwise block every write.
  const temporary = path.join(path.dirname(cache.file), `.${path.basename(cache.file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const payload = JSON.stringify(body);
    writeFileSync(temporary, `${payload.slice(0, -1)}${MAC_FIELD}${signCache(secret.key, payload)}"}`, { flag: 'wx' });
    renameSync(temporary, cache.file);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing to clean up
    }
    return `cache ${shown} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).`;
  }
}

function mayReplace(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, head.length, 0);
    const start = head.subarray(0, n).toString('utf8');
    return start.trim() === '' || looksLikeCache(start);
  } finally {
    closeSync(fd);
  }
}

/** The signature closes the file: `<payload without its final brace>,"mac":"<64 hex digits>"}`. */
const MAC_FIELD = ',"mac":"';

/** The payload a cache file's signature covers, and the signature; `undefined` when the file carries none. */
function signedPayload(text: string): { payload: string; mac: string } | undefined {
  const at = text.lastIndexOf(MAC_FIELD);
  if (at === -1) return undefined;
  const mac = text.slice(at + MAC_FIELD.length, at + MAC_FIELD.length + 64);
  if (!/^[0-9a-f]{64}$/.test(mac) || text.slice(at + MAC_FIELD.length + 64).trim() !== '"}') return undefined;
  return { payload: `${text.slice(0, at)}}`, mac };
}

/** A specguard cache file starts with its format field (JSON.stringify of {@link CacheFile} writes it first). */
function looksLikeCache(text: string): boolean {
  return text.startsWith(`{"format":"${CACHE_FORMAT}"`);
}

function isEntry(value: unknown): value is CacheEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Partial<CacheEntry>;
  return (
    typeof entry.hash === 'string' &&
    Array.isArray(entry.findings) &&
    Array.isArray(entry.notes) &&
    typeof entry.keep === 'boolean' &&
    typeof entry.dependencies === 'object' &&
    entry.dependencies !== null
  );
}

/**
 * The SHA-256 of each file's bytes. A file whose size and modification time equal its entry's, and that was
 * last modified at least 2 s before that entry's run began, keeps the entry's hash without being read (as git's
 * index trusts unchanged stat data, and for the same racy-modification reason re-reads recent files).
 * @param files - repo-relative paths
 * @returns hashes and stat data by path (files that cannot be read are left out: they are checked again), and the
 *   files that are regular files themselves, no symlinks (see `RepoPaths.knownFile`)
 */
export function hashFiles(
  files: readonly string[],
  absolute: (relativePath: string) => string,
  fs: Pick<FileSystem, 'lstat' | 'stat' | 'readFile'>,
  cache: OpenedCache,
): { hashes: Map<string, string>; stats: Map<string, [number, number]>; regular: string[] } {
  const hashes = new Map<string, string>();
  const stats = new Map<string, [number, number]>();
  const regular: string[] = [];
  const trustedBefore = cache.savedAt - 2000;
  for (const file of files) {
    try {
      const target = absolute(file);
      // One lstat: a symlink's own data would not change with its target, so only a link is stat'ed through.
      const own = fs.lstat(target);
      const info = own.isSymbolicLink() ? fs.stat(target) : own;
      if (own.isFile()) regular.push(file);
      const stat: [number, number] = [info.size, info.mtimeMs];
      const entry = cache.entries.get(file);
      const unchanged = entry?.stat && entry.stat[0] === stat[0] && entry.stat[1] === stat[1] && stat[1] < trustedBefore;
      hashes.set(file, unchanged ? entry.hash : contentHash(fs.readFile(target)));
      stats.set(file, stat);
    } catch {
      // unreadable: no entry, so it is loaded (and reported) again
    }
  }
  return { hashes, stats, regular };
}
