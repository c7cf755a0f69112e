/**
 * The cache as one `check` run uses it: opens the file, hashes the files,
 * tells which cached results still hold, collects this run's results, and
 * saves them. See src/cache/ for the file and the dependency rules.
 */
import path from 'node:path';
import { cacheSecret, type CacheSecret } from '../cache/cache-secret.js';
import { cacheKey, contentHash, DEFAULT_CACHE_FILE, hashFiles, openCache, readCacheFile, saveCache, type CacheEntry, type OpenedCache, type ReadCache, type RepositoryEntry } from '../cache/check-cache.js';
import { storedDependencies, type RecordedDependencies } from '../cache/dependencies.js';
import { dependenciesHold, reusableEntries, type ReuseContext } from '../cache/reuse-entries.js';
import { VERSION } from '../cli/version.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { RepoPaths } from '../fs/repo-paths.js';
import type { Rule } from '../rules/rule.js';
import type { LoadFailure } from './checked-document.js';
import type { DiscoveredFile } from './discover.js';
import type { DocumentOutcome, StagedFinding } from './document-stage.js';
import { manifestKindOf, type RepositoryReader } from './workspace.js';

/** The cache file, read and its signature checked early (see {@link prereadCache}). */
export interface PrereadCache {
  root: string;
  location: true | string;
  secret: CacheSecret;
  read: ReadCache;
}

/** The cache file of a run: absolute, and as shown in notes (repo-relative, or absolute outside the repository). */
function cacheFileOf(root: string, location: true | string): { file: string; shown: string } {
  const file = path.resolve(root, location === true ? DEFAULT_CACHE_FILE : location);
  return { file, shown: path.relative(root, file).split(path.sep).join('/') || file };
}

/**
 * Reads and verifies the cache file before the run's config is loaded, for a caller with time to spare: while
 * git lists the work tree in its own processes, this thread would otherwise wait.
 * @param location - as {@link RunCache}'s
 * @param env - the run's environment (where this user's cache secret is kept)
 */
export function prereadCache(root: string, location: true | string, env: Record<string, string | undefined>): PrereadCache {
  const { file, shown } = cacheFileOf(root, location);
  const secret = cacheSecret(env);
  return { root, location, secret, read: readCacheFile(file, shown, secret) };
}

/** A run's use of the cache. */
export class RunCache {
  private readonly reader: RepositoryReader;
  private readonly opened: OpenedCache;
  private readonly key: string;
  /** The files the run checks: the discovered files without the cache file itself. */
  readonly files: DiscoveredFile[];
  /** The cache file, repo-relative (or absolute when it lies outside the repository). */
  readonly shown: string;
  private readonly startedAt: number;
  private readonly hashes: Map<string, string>;
  private readonly stats: Map<string, [number, number]>;
  private readonly context: ReuseContext;
  private reused = new Map<string, CacheEntry>();
  /** This user's cache secret on this machine, which signs the file. */
  private readonly secret: CacheSecret;
  private readonly recorded: Array<{ outcome: DocumentOutcome; hash: string }> = [];
  private repository: RepositoryEntry | undefined;
  private repositoryReused = false;

  /**
   * Opens the cache of a run and hashes every discovered file.
   * @param location - `true` for `.specguard-cache` at the root, or a path (relative to the root, or absolute)
   * @param note - receives a note when the file is there but cannot be trusted
   * @param env - the run's environment: where this user's cache secret is kept (see `cacheSecretDir`)
   * @throws SpecguardError `SCHEMA` when the cache was written with other schemas and one no longer compiles
   */
  constructor(
    reader: RepositoryReader,
    location: true | string,
    rules: readonly Rule[],
    note: (message: string) => void,
    env: Record<string, string | undefined>,
    preread?: PrereadCache,
  ) {
    this.reader = reader;
    const { root, config, fs } = reader;
    const early = preread && preread.root === root && preread.location === location ? preread : undefined;
    const { file, shown } = cacheFileOf(root, location);
    this.shown = shown;
    // The cache file is no document, even where a kind's globs find it: a warm run must not check the file
    // a cold run had not yet written.
    this.files = reader.files.filter((f) => f.path !== this.shown);
    this.key = cacheKey(VERSION, config, rules);
    this.secret = early?.secret ?? cacheSecret(env);
    this.opened = openCache(file, this.key, this.shown, this.secret, early?.read);
    if (this.opened.note) note(this.opened.note);
    // Schemas compile on first use when the cache was written with the same schemas (they compiled then).
    if (!this.opened.matched) for (const kind of config.kinds) reader.registry.validator(kind.schemaPath);
    this.startedAt = Date.now();
    const hashed = hashFiles(
      this.files.map((f) => f.path),
      (relativePath) => path.join(root, ...relativePath.split('/')),
      fs,
      this.opened,
    );
    this.hashes = hashed.hashes;
    this.stats = hashed.stats;
    const paths = new RepoPaths(root, fs);
    // A cited manifest is a discovered file too: the lstat that hashing made answers what it is.
    for (const file of hashed.regular) paths.knownFile(file);
    let head: Promise<string> | undefined;
    this.context = {
      hashes: this.hashes,
      paths,
      verifier: new EvidenceVerifier({ paths, git: reader.git, manifestKind: manifestKindOf(config), documents: reader.load }),
      now: reader.now,
      head: () => (head ??= reader.git().then(async (git) => (git ? ((await git.head())?.sha ?? '') : ''))),
      manifestHash: (relativePath) => this.hashes.get(relativePath) ?? hashOf(paths, relativePath, fs),
    };
  }

  /** Finds the cached results that still hold; call once, before {@link entry}. */
  async prepare(): Promise<void> {
    this.reused = await reusableEntries(this.opened.entries, this.context);
  }

  /** The reusable entry of a file, if any. */
  entry(relativePath: string): CacheEntry | undefined {
    return this.reused.get(relativePath);
  }

  /** Keeps a freshly checked file's outcome for the cache (failures are not cached: they are loaded again). */
  record(outcome: DocumentOutcome): void {
    const hash = this.hashes.get(outcome.path);
    if (!outcome.failure && hash !== undefined) this.recorded.push({ outcome, hash });
  }

  /**
   * The signature of what the repository-wide rules read this run.
   * @param read - repo-relative paths of the documents they read
   */
  signature(read: readonly string[], failures: readonly LoadFailure[]): string {
    const lines = [...read].sort().map((file) => `${file}\0${this.hashes.get(file) ?? ''}`);
    // A failure's finding is fingerprinted with the file's first line: its bytes count too, not just the message.
    lines.push(...failures.map((failure) => `!${failure.path}\0${this.hashes.get(failure.path) ?? ''}\0${failure.message}`));
    return contentHash(lines.join('\n'));
  }

  /** The cached repository-wide result for this signature, when it and its dependencies still hold. */
  async repositoryResult(signature: string): Promise<{ findings: StagedFinding[]; notes: string[] } | undefined> {
    const cached = this.opened.repository;
    if (!cached || cached.signature !== signature || !(await dependenciesHold(cached.dependencies, this.context))) return undefined;
    this.repository = cached;
    this.repositoryReused = true;
    return cached;
  }

  /** Keeps this run's repository-wide result. */
  async recordRepository(signature: string, findings: StagedFinding[], notes: string[], dependencies: RecordedDependencies): Promise<void> {
    const head = dependencies.usesHistory ? await this.context.head() : '';
    this.repository = { signature, findings, notes, dependencies: storedDependencies(dependencies, this.context.manifestHash, this.reader.now, head) };
  }

  /**
   * Writes the cache when anything in it changed.
   * @returns a note when it could not be written
   */
  async save(): Promise<string | undefined> {
    const usesHistory = this.recorded.some(({ outcome }) => outcome.dependencies?.usesHistory);
    const head = usesHistory ? await this.context.head() : '';
    const entries = new Map<string, CacheEntry>();
    for (const file of this.files) {
      const entry = this.reused.get(file.path);
      const stat = this.stats.get(file.path);
      if (entry) entries.set(file.path, stat ? { ...entry, stat } : entry);
    }
    for (const { outcome, hash } of this.recorded) {
      const stat = this.stats.get(outcome.path);
      entries.set(outcome.path, {
        hash,
        ...(stat ? { stat } : {}),
        ...(outcome.kind !== undefined ? { kind: outcome.kind } : {}),
        findings: outcome.findings,
        notes: outcome.notes,
        keep: outcome.keep,
        dependencies: outcome.dependencies ? storedDependencies(outcome.dependencies, this.context.manifestHash, this.reader.now, head) : {},
      });
    }
    const old = this.opened;
    // Nothing new, nothing gone, and no file whose stat data should be refreshed: the file already says all this.
    const same =
      old.matched &&
      this.repositoryReused &&
      this.recorded.length === 0 &&
      entries.size === old.entries.size &&
      [...entries].every(([file, entry]) => old.entries.get(file)?.stat?.join() === entry.stat?.join() && entry.stat![1] < old.savedAt - 2000);
    return same ? undefined : saveCache(old, this.key, entries, this.repository, this.shown, this.startedAt, this.secret);
  }
}

function hashOf(paths: RepoPaths, relativePath: string, fs: RepositoryReader['fs']): string | undefined {
  if (paths.kind(relativePath) !== 'file') return undefined;
  try {
    return contentHash(fs.readFile(paths.absolute(relativePath)));
  } catch {
    return undefined;
  }
}
