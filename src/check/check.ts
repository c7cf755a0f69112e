/**
 * `check()`: discover (see {@link openReader}) → with `cache`, reuse what
 * still holds → load, resolve kind, validate and run each document's rules,
 * batch by batch, on one or more threads (see {@link checkFiles}) →
 * repository-wide rules on the documents they read → the change's findings
 * (`changedSince`) → baseline → report; with `cache`, save the cache.
 */
import path from 'node:path';
import { applyBaseline, type Baseline } from '../baseline/baseline.js';
import { cacheKey, contentHash, DEFAULT_CACHE_FILE, openCache, saveCache, type CacheEntry } from '../cache/check-cache.js';
import { storedDependencies } from '../cache/dependencies.js';
import { reusableEntries } from '../cache/reuse-entries.js';
import { VERSION } from '../cli/version.js';
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { buildReport, type BaselineOutcome, type Finding, type Report } from '../findings/finding.js';
import type { FileSystem } from '../fs/file-system.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import { isNewLine, resolveChanges, type ChangeSet } from './changes.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import type { DiscoveredFile } from './discover.js';
import { reporter, severityOf, type DocumentOutcome, type StagedFinding } from './document-stage.js';
import { checkFiles } from './parallel-check.js';
import { threadsFor } from './parallel-load.js';
import { createStageRunner } from './stage-runner.js';
import { manifestKindOf, openReader, type RepositoryReader, type WorkspaceOptions } from './workspace.js';

/** Options of {@link check}. */
export interface CheckOptions extends WorkspaceOptions {
  /** The rules to run. Default: every built-in rule. */
  rules?: readonly Rule[];
  /**
   * Pull-request mode: report only findings in files changed since the merge base of this ref and HEAD
   * (committed, staged, unstaged, untracked), or findings those changes bring in; and run `spec-required`.
   */
  changedSince?: string;
  /** Leave out the findings this baseline holds (a box ticked in the change is never left out). */
  baseline?: Baseline;
  /** How the baseline is named in the report. */
  baselineFile?: string;
  /**
   * Reuse the results of files that did not change since the last run with a cache, and save this run's.
   * `true` uses `.specguard-cache` at the root; a string is the cache file (relative to `root`, or absolute).
   */
  cache?: boolean | string;
}

/**
 * Checks a repository.
 *
 * @returns the report (version 1 of the JSON contract); problems in the checked files are findings, never throws
 * @throws SpecguardError `USAGE` when `root` is not a folder, `now` does not parse, or `changedSince` names no commit;
 *   `CONFIG` when the config is invalid; `SCHEMA` when a kind's schema cannot be compiled
 */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const reader = await openReader(options);
  const { root, config, now, fs, files } = reader;
  const changes = options.changedSince !== undefined ? await resolveChanges(await reader.git(), root, options.changedSince) : undefined;
  const rules = (options.rules ?? BUILTIN_RULES).filter((rule) => severityOf(rule, config) !== 'off');
  const notes = new Set<string>();
  const staged: StagedFinding[] = [];
  const kept: CheckedDocument[] = [];
  const failures: LoadFailure[] = [];

  const cacheFile = options.cache === undefined || options.cache === false ? undefined : path.resolve(root, options.cache === true ? DEFAULT_CACHE_FILE : options.cache);
  const cacheShown = cacheFile ? toPosix(path.relative(root, cacheFile)) || cacheFile : '';
  const key = cacheFile ? cacheKey(VERSION, config, rules) : '';
  const cache = cacheFile ? openCache(cacheFile, key, cacheShown) : undefined;
  if (cache?.note) notes.add(cache.note);
  const hashes = cache ? hashFiles(files, root, fs) : new Map<string, string>();
  const plainPaths = new RepoPaths(root, fs);
  const manifestHash = (relativePath: string): string | undefined => hashes.get(relativePath) ?? hashOf(plainPaths, relativePath, fs);
  let head: Promise<string> | undefined;
  const headSha = (): Promise<string> => (head ??= reader.git().then(async (git) => (git ? ((await git.head())?.sha ?? '') : '')));
  const reused = cache
    ? await reusableEntries(cache.entries, {
        hashes,
        paths: plainPaths,
        verifier: new EvidenceVerifier({ paths: plainPaths, git: reader.git, manifestKind: manifestKindOf(config), documents: reader.load }),
        now,
        head: headSha,
        manifestHash,
      })
    : new Map<string, CacheEntry>();

  const fresh = new Map<string, CacheEntry>();
  const toLoad: DiscoveredFile[] = [];
  for (const file of files) {
    const entry = reused.get(file.path);
    if (!entry) continue;
    staged.push(...entry.findings);
    entry.notes.forEach((note) => notes.add(note));
    if (entry.keep) toLoad.push(file);
  }
  const pending = files.filter((file) => !reused.has(file.path));
  const record = cache !== undefined;
  const runner = createStageRunner({ root, config, now, fs, registry: reader.registry, rules, record, git: reader.git, history: reader.history });
  const builtIn = rules.every((rule) => BUILTIN_RULES.includes(rule));
  const threads = options.fs || !builtIn ? 1 : threadsFor(pending.length, options.env ?? process.env);
  const recorded: Array<{ outcome: DocumentOutcome; hash: string }> = [];
  await checkFiles(
    pending,
    threads,
    runner,
    (outcome, document) => {
      staged.push(...outcome.findings);
      outcome.notes.forEach((note) => notes.add(note));
      if (outcome.failure) failures.push(outcome.failure);
      if (document) kept.push(document);
      const hash = hashes.get(outcome.path);
      if (record && !outcome.failure && hash !== undefined) recorded.push({ outcome, hash });
    },
    { config, now, rules, record },
  );
  // Documents a repository-wide rule reads come back from their files when their own results were reused.
  for (const file of toLoad) {
    const loaded = reader.load(file.path, file.kind);
    if ('schemaProblems' in loaded) kept.push(loaded);
  }
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await runRepositoryRules(rules, { reader, kept, failures, changes, notes, staged });

  let reported = changes ? staged.filter(({ finding }) => inChange(finding, changes)) : staged;
  let baseline: BaselineOutcome | undefined;
  if (options.baseline) {
    const newlyTicked = new Set(reported.filter((r) => changes && r.checkboxLine !== undefined && isNewLine(changes, r.finding.file, r.checkboxLine)).map((r) => r.finding));
    const applied = applyBaseline(
      reported.map((r) => r.finding),
      options.baseline,
      (finding) => newlyTicked.has(finding),
      options.baselineFile,
    );
    const survivors = new Set(applied.findings);
    reported = reported.filter((r) => survivors.has(r.finding));
    baseline = applied.outcome;
  }
  if (cache) {
    const head_ = recorded.some(({ outcome }) => outcome.dependencies?.usesHistory) ? await headSha() : '';
    const entries = new Map<string, CacheEntry>();
    for (const file of files) {
      const entry = reused.get(file.path);
      if (entry) entries.set(file.path, entry);
    }
    for (const { outcome, hash } of recorded) {
      entries.set(outcome.path, {
        hash,
        ...(outcome.kind !== undefined ? { kind: outcome.kind } : {}),
        findings: outcome.findings,
        notes: outcome.notes,
        keep: outcome.keep,
        dependencies: outcome.dependencies ? storedDependencies(outcome.dependencies, manifestHash, now, head_) : {},
      });
    }
    const problem = saveCache(cache, key, entries, cacheShown);
    if (problem) notes.add(problem);
  }
  return buildReport(
    reported.map((r) => r.finding),
    files.length,
    {
      notes: [...notes],
      ...(changes ? { changedSince: { ref: changes.ref, base: changes.base, files: changes.files.size } } : {}),
      ...(baseline ? { baseline } : {}),
    },
  );
}

/** A finding belongs to the change when its file changed, or a file it depends on did. */
function inChange(finding: Finding, changes: ChangeSet): boolean {
  return changes.files.has(finding.file) || (finding.related ?? []).some((file) => changes.files.has(file));
}

async function runRepositoryRules(
  rules: readonly Rule[],
  run: { reader: RepositoryReader; kept: CheckedDocument[]; failures: LoadFailure[]; changes: ChangeSet | undefined; notes: Set<string>; staged: StagedFinding[] },
): Promise<void> {
  const repositoryRules = rules.filter((rule) => rule.checkRepository);
  if (repositoryRules.length === 0) return;
  const { reader, kept, failures, changes, notes, staged } = run;
  const paths = new RepoPaths(reader.root, reader.fs);
  const verifier = new EvidenceVerifier({ paths, git: reader.git, manifestKind: manifestKindOf(reader.config), documents: reader.load });
  const evidence = new EvidenceAnalyzer(verifier);
  await evidence.prepare(kept);
  const byPath = new Map(kept.map((document) => [document.path, document]));
  const known = new Set(reader.files.map((file) => file.path));
  const firstLine = (file: string): string => {
    const document = byPath.get(file);
    if (document) return document.text.split(/\r\n|\r|\n/, 1)[0] ?? '';
    return known.has(file) ? firstLineOf(paths, file, reader.fs) : '';
  };
  for (const rule of repositoryRules) {
    const context: RuleContext = {
      config: reader.config,
      now: reader.now,
      documents: kept,
      failures,
      evidence,
      paths,
      changes,
      git: reader.git,
      history: reader.history,
      note: (message) => notes.add(message),
      ...reporter(rule, severityOf(rule, reader.config) as 'error' | 'warning', (finding) => staged.push(finding), firstLine),
    };
    await rule.checkRepository!(context);
  }
}

/** SHA-256 of every discovered file's bytes (files that cannot be read are left out: they are checked again). */
function hashFiles(files: readonly DiscoveredFile[], root: string, fs: FileSystem): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of files) {
    try {
      hashes.set(file.path, contentHash(fs.readFile(path.join(root, ...file.path.split('/')))));
    } catch {
      // unreadable: no entry, so it is loaded (and reported) again
    }
  }
  return hashes;
}

function hashOf(paths: RepoPaths, relativePath: string, fs: FileSystem): string | undefined {
  if (paths.kind(relativePath) !== 'file') return undefined;
  try {
    return contentHash(fs.readFile(paths.absolute(relativePath)));
  } catch {
    return undefined;
  }
}

function firstLineOf(paths: RepoPaths, relativePath: string, fs: FileSystem): string {
  if (paths.kind(relativePath) !== 'file') return '';
  try {
    return fs.readFile(paths.absolute(relativePath)).toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  } catch {
    return '';
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
