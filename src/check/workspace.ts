/**
 * A repository opened for reading: config, every document of a known kind
 * loaded and validated, and the shared services (evidence, safe paths, git)
 * that `check` and `brief` both use.
 */
import { evidenceSettingsOf } from '../evidence/settings.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig, SinceBound, SpecguardConfig } from '../config/config.js';
import { loadConfig, resolveConfig } from '../config/load-config.js';
import { SpecguardError } from '../errors.js';
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { nodeFileSystem, type FileSystem } from '../fs/file-system.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { lazyHistory, type HistoryIndex } from '../git/history-index.js';
import { openRepository, SAFE_REVISION, type GitRepository } from '../git/repository.js';
import { KIND, type KindDefinition } from '../kinds/kind.js';
import { resolveNow } from '../time/clock.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import { discoverFiles, type DiscoveredFile } from './discover.js';
import { loadInParallel, threadsFor } from './parallel-load.js';
import { loadDocument } from './load.js';
import { resolveKind, validateDocument } from './validate.js';

/** Options shared by every command that reads a repository. */
export interface WorkspaceOptions {
  /** The repository (absolute, or relative to the process's working directory). Default: the working directory. */
  root?: string;
  /** A config file to use instead of looking for `specguard.config.{yaml,yml,json}` at the root; relative to `root`. */
  configFile?: string;
  /** A config object to use instead of any file (already valid against `schemas/config.schema.json`). */
  config?: SpecguardConfig;
  /** The clock: a Date, or an ISO 8601 date or date-time. Default: `SOURCE_DATE_EPOCH` from `env`, else now. */
  now?: Date | string;
  /** Environment variables (for `SOURCE_DATE_EPOCH`). Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** The file system to read through. Default: node's. */
  fs?: FileSystem;
  /** Loads only the discovered files this accepts (a command that needs a few kinds or one task's folder). */
  only?: (file: DiscoveredFile) => boolean;
  /**
   * A cheap look at a file's bytes before it is parsed (after `only`): files it refuses are not loaded. For
   * commands that want the documents of one task, whose id must appear in their text.
   */
  admit?: (file: DiscoveredFile, bytes: Buffer) => boolean;
  /**
   * The configs of the folders above `root` that its config inherits from, absolute, outermost first (a
   * package of a monorepo checked from the top: see `check()`).
   */
  inheritConfigFrom?: string[];
  /** Folders (relative to `root`) whose files are not this run's: packages with configs of their own. */
  excludeFolders?: string[];
  /**
   * The git repository holding `root`, already being opened by the caller (`openRepository(root)`), so that its
   * listing of the work tree is read once; opened on first use otherwise.
   */
  git?: Promise<GitRepository | undefined>;
  /**
   * Hold only boxes ticked after this to the evidence rules: a date (`2026-11-01`, or an ISO 8601 date-time) or a
   * commit (a sha, branch or tag), judged by git blame. Older ticked boxes are counted in one note.
   */
  since?: string;
}

/** An opened repository. */
export interface Workspace {
  /** Absolute repository root. */
  root: string;
  config: ResolvedConfig;
  now: Date;
  /** How many files the kinds' globs found. */
  fileCount: number;
  /** Documents that loaded, sorted by path. */
  documents: CheckedDocument[];
  /** Files that could not be loaded. */
  failures: LoadFailure[];
  evidence: EvidenceAnalyzer;
  paths: RepoPaths;
  /** The git repository, opened on first call; `undefined` outside git or without git installed. */
  git(): Promise<GitRepository | undefined>;
  /** HEAD's history, read once (one `git log`) on first call; `undefined` outside git or without commits. */
  history(): Promise<HistoryIndex | undefined>;
  registry: SchemaRegistry;
}

/** A repository opened for reading, before any document is loaded. */
export interface RepositoryReader {
  /** Absolute repository root. */
  root: string;
  config: ResolvedConfig;
  now: Date;
  fs: FileSystem;
  /** The files of a known kind (after `only`), in discovery order. */
  files: DiscoveredFile[];
  registry: SchemaRegistry;
  /** Loads, resolves the kind of, and validates one file; never throws. */
  /** Loads and checks one file; with `content`, from those bytes (a version git holds) instead of the work tree. */
  load(relativePath: string, globKind: KindDefinition | undefined, content?: Buffer): CheckedDocument | LoadFailure;
  /** The git repository, opened on first call; `undefined` outside git or without git installed. */
  git(): Promise<GitRepository | undefined>;
  /** HEAD's history, read once (one `git log`) on first call; `undefined` outside git or without commits. */
  history(): Promise<HistoryIndex | undefined>;
}

/**
 * Opens a repository for reading: resolves the root and the clock, loads the config, compiles every kind's
 * schema and discovers the files. Nothing is loaded yet.
 * @param compileSchemas - compile every kind's schema now, so that a broken schema stops the run before any
 *   file is read (default true; a caller that knows the schemas compiled before may defer it)
 * @throws SpecguardError `USAGE` when `root` is not a folder or `now` does not parse;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function openReader(options: WorkspaceOptions = {}, compileSchemas = true): Promise<RepositoryReader> {
  const root = path.resolve(options.root ?? process.cwd());
  assertFolder(root);
  const now = resolveNow(options.now, options.env ?? process.env);
  const fs = options.fs ?? nodeFileSystem;
  const registry = new SchemaRegistry(root);
  const loaded = options.config ? resolveConfig(options.config, root, undefined) : loadConfig(root, registry, options.configFile, options.inheritConfigFrom);
  if (compileSchemas) for (const kind of loaded.kinds) registry.validator(kind.schemaPath);

  let git: Promise<GitRepository | undefined> | undefined;
  const openGit = (): Promise<GitRepository | undefined> => (git ??= options.git ?? openRepository(root));
  const config: ResolvedConfig = options.since !== undefined ? { ...loaded, since: await resolveSince(options.since, openGit) } : loaded;
  const discovered = await discoverFiles(config, options.fs ? undefined : await openGit());
  const excluded = (options.excludeFolders ?? []).map((folder) => `${folder}/`);
  const own = excluded.length > 0 ? discovered.filter((file) => !excluded.some((folder) => file.path.startsWith(folder))) : discovered;
  const files = options.only ? own.filter(options.only) : own;
  const readHistory = lazyHistory(openGit, root);
  return {
    root,
    config,
    now,
    fs,
    files,
    registry,
    load: (relativePath, globKind, content) => loadChecked(relativePath, globKind, { root, fs, config, registry }, content),
    git: openGit,
    history: readHistory,
  };
}

/**
 * Loads one file, resolves its kind and validates its metadata.
 * @param content - the file's bytes, already read (an earlier version of it, from git): the file system is not read
 * @returns the checked document, or why it could not be loaded
 */
export function loadChecked(
  relativePath: string,
  globKind: KindDefinition | undefined,
  reading: { root: string; fs: FileSystem; config: ResolvedConfig; registry: SchemaRegistry },
  content?: Buffer,
): CheckedDocument | LoadFailure {
  const lenientYaml = globKind?.yaml === 'lenient';
  const result = loadDocument(relativePath, globKind?.format ?? 'markdown', { root: reading.root, fs: reading.fs, maxFileBytes: reading.config.maxFileBytes, lenientYaml }, content);
  return result.ok ? validateDocument(result.document, resolveKind(result.document, reading.config.kinds, globKind), reading.registry) : { path: result.path, message: result.message };
}

/**
 * Opens a repository: loads its config and every document of a known kind.
 * @throws SpecguardError `USAGE` when `root` is not a folder or `now` does not parse;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  return loadWorkspace(await openReader(options), options);
}

/**
 * Loads the documents of an opened repository ({@link openReader}): the second half of {@link openWorkspace}, for
 * a caller that starts other work (reading git history) between the two.
 * @param options - the options the reader was opened with (`admit`, `fs` and `env` are read here)
 */
export async function loadWorkspace(reader: RepositoryReader, options: WorkspaceOptions = {}): Promise<Workspace> {
  const { root, config, now, fs, registry } = reader;
  const admit = options.admit;
  const files = admit ? reader.files.filter((file) => admits(admit, file, root, fs, reader.config.maxFileBytes)) : reader.files;
  const cache = new Map<string, CheckedDocument | LoadFailure>();
  const load = (relativePath: string, globKind: KindDefinition | undefined, content?: Buffer): CheckedDocument | LoadFailure => {
    if (content) return reader.load(relativePath, globKind, content);
    let loaded = cache.get(relativePath);
    if (!loaded) {
      loaded = reader.load(relativePath, globKind);
      cache.set(relativePath, loaded);
    }
    return loaded;
  };
  const threads = options.fs ? 1 : threadsFor(files.length, options.env ?? process.env);
  const loaded =
    threads > 1
      ? await loadInParallel(files, config, threads, (file) => {
          const result = load(file.path, file.kind);
          if ('schemaProblems' in result) result.body(); // scan here too, as the workers do
          return result;
        })
      : files.map((file) => load(file.path, file.kind));
  // Documents loaded by workers join the cache, so that a cited manifest is not read twice.
  loaded.forEach((result) => cache.set(result.path, result));
  const paths = new RepoPaths(root, fs);
  const verifier = new EvidenceVerifier({
    paths,
    git: reader.git,
    manifestKind: manifestKindOf(config),
    documents: load,
  });
  return {
    root,
    config,
    now,
    fileCount: files.length,
    documents: loaded.filter(isChecked),
    failures: loaded.filter((d): d is LoadFailure => !isChecked(d)),
    evidence: new EvidenceAnalyzer(verifier, undefined, evidenceSettingsOf(config)),
    paths,
    git: reader.git,
    history: reader.history,
    registry,
  };
}

function admits(admit: NonNullable<WorkspaceOptions['admit']>, file: DiscoveredFile, root: string, fs: FileSystem, maxFileBytes: number): boolean {
  try {
    const absolute = path.join(root, ...file.path.split('/'));
    // A symlink or a file over the size limit is not read here: the loader decides, and reports it.
    const stats = fs.lstat(absolute);
    if (!stats.isFile() || stats.size > maxFileBytes) return true;
    return admit(file, fs.readFile(absolute));
  } catch {
    return true; // unreadable: load it, so that the failure is reported
  }
}

/** The run-manifest kind of a config (always present: it is built in). */
export function manifestKindOf(config: ResolvedConfig): KindDefinition {
  return config.kinds.find((kind) => kind.name === KIND.RUN_MANIFEST)!;
}

/** Whether a load result is a document (rather than a failure). */
export function isChecked(result: CheckedDocument | LoadFailure): result is CheckedDocument {
  return 'schemaProblems' in result;
}

function assertFolder(root: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new SpecguardError('USAGE', `${root}: not a folder (give the repository to check)`);
}

/**
 * Resolves `--since`: a date first, else a revision of the repository.
 * @throws SpecguardError `USAGE` when it is neither a date nor a commit of the repository
 */
async function resolveSince(raw: string, openGit: () => Promise<GitRepository | undefined>): Promise<SinceBound> {
  if (/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(raw)) {
    const date = Date.parse(/T/.test(raw) ? raw : `${raw}T00:00:00Z`);
    if (!Number.isNaN(date)) return { raw, date };
  }
  const git = await openGit();
  const commit = git && SAFE_REVISION.test(raw) ? await git.resolveCommit(raw) : undefined;
  if (commit === undefined) {
    throw new SpecguardError('USAGE', `--since: \`${raw.replace(/[\x00-\x1f\x7f]/g, '?')}\` is neither a date (YYYY-MM-DD) nor a commit of ${git ? 'this repository' : 'a git repository (this folder is not in one)'}`);
  }
  return { raw, commit };
}
