/**
 * `check()`: discover (see {@link openReader}) → with `cache`, reuse what
 * still holds → load, resolve kind, validate and run each document's rules,
 * batch by batch, on one or more threads (see {@link checkFiles}) →
 * repository-wide rules on the documents they read → the change's findings
 * (`changedSince`: what it touches, then what it introduces, see
 * {@link introducedFindings}) → baseline → report; with `cache`, save the cache.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import picomatch from 'picomatch';
import { applyBaseline, type Baseline } from '../baseline/baseline.js';
import { DependencyRecorder, type RecordedDependencies } from '../cache/dependencies.js';
import { RecordingPaths } from '../cache/recording-paths.js';
import { EvidenceAnalyzer } from '../evidence/analyze.js';
import { evidenceSettingsOf } from '../evidence/settings.js';
import { EvidenceVerifier } from '../evidence/verify.js';
import { buildReport, type BaselineOutcome, type Finding, type Report } from '../findings/finding.js';
import type { FileSystem } from '../fs/file-system.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import { loadRemark } from '../markdown/remark-loader.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import { SpecguardError } from '../errors.js';
import { assertRevision, broughtIn, resolveChanges, type ChangeSet } from './changes.js';
import type { CheckedDocument, LoadFailure } from './checked-document.js';
import type { DiscoveredFile } from './discover.js';
import { reporter, ruleIsOn, severityFor, type StagedFinding } from './document-stage.js';
import { introducedFindings, newlyTicked } from './introduced.js';
import { tickedInChange } from './ticked-in-change.js';
import { checkFiles } from './parallel-check.js';
import { threadsFor } from './parallel-load.js';
import { prereadCache, RunCache, type PrereadCache } from './run-cache.js';
import { createStageRunner } from './stage-runner.js';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import { assertFolder } from '../fs/assert-folder.js';
import { openRepository } from '../git/repository.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { mergePackageReports, packageFolders } from './packages.js';
import { manifestKindOf, openReader, type RepositoryReader, type WorkspaceOptions } from './workspace.js';
import { reportNotes } from '../findings/notes.js';

/** Options of {@link check}. */
export interface CheckOptions extends WorkspaceOptions {
  /** The rules to run. Default: every built-in rule. */
  rules?: readonly Rule[];
  /**
   * Pull-request mode: the change since the merge base of this ref (a branch, tag or commit) and HEAD, with its
   * committed, staged, unstaged and untracked edits. Reports only the findings the change introduces: in a
   * changed file, those its version at the merge base does not have (per-document rules run again on it there);
   * and findings a changed `related` file brings into other files. Also runs `spec-required`. The report's
   * `changedSince.preexisting` counts the findings in changed files left out as older than the change.
   */
  changedSince?: string;
  /**
   * With `changedSince`: report every finding in a changed file, whether or not the change introduced it
   * (besides those changed `related` files bring in). Default `false`.
   */
  changedFilesAll?: boolean;
  /** Leave out the findings this baseline holds (a box ticked in the change is never left out). */
  baseline?: Baseline;
  /** How the baseline is named in the report. */
  baselineFile?: string;
  /**
   * Reuse the results of files that did not change since the last run with a cache, and save this run's.
   * `true` uses `.specguard-cache` at the root; a string is the cache file (relative to `root`, or absolute).
   */
  cache?: boolean | string;
  /**
   * Told how far the run is: `done` of `total` files checked (reused ones count as done at once). Called after
   * each batch; never called when there is nothing to check.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Told what a run that found nothing to check looked for: no file matched any kind's globs (a repository
   * right after `init`, or a folder outside the layout), with the globs tried and the absolute folder looked
   * in. The run still succeeds.
   */
  onNothingMatched?: (looked: { root: string; globs: string[] }) => void;
  /**
   * `false`: check `root` alone under its config, without looking for packages (folders below with a config of
   * their own). Default: each package is checked under its config and merged into the report.
   */
  packages?: boolean;
  /**
   * Check one shard of the documents: shard `index` (1-based) of `count`, chosen by a hash of each path so that a
   * new file does not move the others. Document rules run on the shard's files; repository-wide rules run in
   * shard 1 only (which loads, without checking them, the other shards' documents those rules read). The report
   * is partial (its `partial` field): `mergeReports` merges the reports of all shards into the report a run
   * without shards gives. Not with a cache, a change (`changedSince`), a baseline (give it to the merge) or
   * package configs.
   */
  shard?: { index: number; count: number };
}

/**
 * Checks a repository.
 *
 * @returns the report (version 1 of the JSON contract); problems in the checked files are findings, never throws
 * @throws SpecguardError `USAGE` when `root` is not a folder, `now` does not parse, `changedSince` names no commit,
 *   or `changedFilesAll` comes without `changedSince`; `CONFIG` when the config is invalid; `SCHEMA` when a kind's
 *   schema cannot be compiled
 */
export async function check(options: CheckOptions = {}): Promise<Report> {
  if (options.shard) assertShard(options);
  if (options.changedSince !== undefined) assertRevision(options.changedSince); // before anything runs git
  else if (options.changedFilesAll) throw new SpecguardError('USAGE', '--changed-files-all needs --changed-since <ref>');
  // A folder below with a config of its own is a package: checked on its own, under that config (which inherits
  // from this one), and merged in. An injected config or file system checks the one folder it describes.
  if (options.config || options.fs || options.packages === false) return checkFolder(options);
  const root = path.resolve(options.root ?? process.cwd());
  assertFolder(root);
  const ownConfig = options.configFile ? path.resolve(root, options.configFile) : findConfigFile(root);
  const ignore = ownConfig ? loadConfig(root, new SchemaRegistry(root), options.configFile, options.inheritConfigFrom).ignore : [];
  const git = openRepository(root);
  const repository = await git;
  // git lists the work tree in its own processes (the listing is kept for the run); meanwhile this thread reads
  // and verifies the cache file, a few MB, which it would otherwise do after the listing.
  repository?.listFiles(root).catch(() => undefined);
  const preread = options.cache === undefined || options.cache === false ? undefined : prereadCache(root, options.cache, options.env ?? process.env);
  const folders = await packageFolders(root, repository, ignore);
  if (folders.length === 0) return checkFolder({ ...options, git }, preread);
  if (options.shard) throw new SpecguardError('USAGE', `--shard: this repository has packages with configs of their own (${folders.slice(0, 3).join(', ')}${folders.length > 3 ? ', …' : ''}); shards do not split a monorepo yet: check each package in its own job`);
  let nothing: { root: string; globs: string[] } | undefined;
  const top = await checkFolder({ ...options, git, root, excludeFolders: [...(options.excludeFolders ?? []), ...folders], onNothingMatched: (looked) => (nothing = looked) }, preread);
  const inherit = [...(options.inheritConfigFrom ?? []), ...(ownConfig ? [ownConfig] : [])];
  const packages: Array<{ folder: string; report: Report }> = [];
  for (const folder of folders) {
    const { configFile: _configFile, excludeFolders: _excluded, onNothingMatched: _nothing, git: _git, ...shared } = options;
    const cache = typeof options.cache === 'string' ? `${path.resolve(root, options.cache)}.${folder.replace(/[^A-Za-z0-9._-]/g, '_')}` : options.cache;
    packages.push({ folder, report: await check({ ...shared, root: path.join(root, ...folder.split('/')), inheritConfigFrom: inherit, ...(cache !== undefined ? { cache } : {}) }) });
  }
  const merged = mergePackageReports(top, packages);
  if (merged.summary.files === 0 && nothing) options.onNothingMatched?.(nothing);
  return merged;
}

/**
 * Checks one folder under its own config, leaving out `excludeFolders` (its packages).
 * @param preread - the cache file, already read (see `prereadCache`)
 */
async function checkFolder(options: CheckOptions, preread?: PrereadCache): Promise<Report> {
  // With a cache, schemas compile on first use: a cache written with the same schemas proves they compile.
  const reader = await openReader(options, options.cache === undefined || options.cache === false);
  const { root, config, now, fs } = reader;
  let changes = options.changedSince !== undefined ? await resolveChanges(await reader.git(), root, options.changedSince) : undefined;
  // A package's files are its own run's: not this folder's change either (spec-required would say it twice).
  const packages = (options.excludeFolders ?? []).map((folder) => `${folder}/`);
  if (changes && packages.length > 0) changes = { ...changes, files: new Set([...changes.files].filter((file) => !packages.some((folder) => file.startsWith(folder)))) };
  const rules = (options.rules ?? BUILTIN_RULES).filter((rule) => ruleIsOn(rule, config));
  // A rule of the caller's may read a document's mdast in this thread.
  if (rules.some((rule) => !BUILTIN_RULES.includes(rule))) await loadRemark();
  const notes = new Set<string>();
  for (const note of await layoutNotes(reader, options.fs !== undefined)) notes.add(note);
  const staged: StagedFinding[] = [];
  /** The findings of repository-wide rules (not run again at the merge base). */
  const repositoryWide = new Set<StagedFinding>();
  const kept: CheckedDocument[] = [];
  const failures: LoadFailure[] = [];

  const cache = options.cache === undefined || options.cache === false ? undefined : new RunCache(reader, options.cache, rules, (note) => notes.add(note), options.env ?? process.env, preread);
  const files = cache ? cache.files : reader.files;
  if (reader.files.length === 0) options.onNothingMatched?.({ root, globs: config.kinds.flatMap((kind) => kind.globs) });
  await cache?.prepare();
  // The cache file is the run's own output, never part of a change (untracked, it would otherwise count).
  if (cache && changes?.files.has(cache.shown)) changes = { ...changes, files: new Set([...changes.files].filter((file) => file !== cache.shown)) };
  const toLoad: DiscoveredFile[] = [];
  const read: string[] = [];
  for (const file of files) {
    const entry = cache?.entry(file.path);
    if (!entry) continue;
    staged.push(...entry.findings);
    entry.notes.forEach((note) => notes.add(note));
    if (entry.keep) {
      toLoad.push(file);
      read.push(file.path);
    }
  }
  const shard = options.shard;
  const inShard = shard ? (file: DiscoveredFile): boolean => shardOf(file.path, shard.count) === shard.index : () => true;
  const pending = (cache ? files.filter((file) => !cache.entry(file.path)) : files).filter(inShard);
  const checked = shard ? pending.length : files.length;
  const record = cache !== undefined;
  const runner = createStageRunner({ root, config, now, fs, registry: reader.registry, rules, record, git: reader.git, history: reader.history });
  const builtIn = rules.every((rule) => BUILTIN_RULES.includes(rule));
  const threads = options.fs || !builtIn ? 1 : threadsFor(pending.length, options.env ?? process.env);
  let done = checked - pending.length;
  const progress = options.onProgress;
  if (progress && checked > 0) progress(done, checked);
  await checkFiles(
    pending,
    threads,
    runner,
    (outcome, document) => {
      staged.push(...outcome.findings);
      outcome.notes.forEach((note) => notes.add(note));
      if (outcome.failure) failures.push(outcome.failure);
      if (document) {
        kept.push(document);
        read.push(document.path);
      }
      cache?.record(outcome);
      done++;
      if (progress && (done % 256 === 0 || done === checked)) progress(done, checked);
    },
    { config, now, rules, record },
  );
  failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // The repository-wide rules' result is reused when what they read is unchanged (never in pull-request mode).
  const signature = cache && !changes ? cache.signature(read, failures) : undefined;
  const cached = signature !== undefined ? await cache!.repositoryResult(signature) : undefined;
  if (shard && shard.index !== 1) {
    // Repository-wide rules are shard 1's.
  } else if (shard) {
    // Shard 1 runs them over every document they read: the other shards' are loaded here, not checked.
    const reads = rules.filter((rule) => rule.checkRepository);
    for (const file of files.filter((f) => !inShard(f))) {
      const loaded = reader.load(file.path, file.kind);
      if (!('schemaProblems' in loaded)) failures.push({ path: loaded.path, message: loaded.message });
      else if (reads.some((rule) => rule.readsDocument?.(loaded, config) ?? true)) kept.push(loaded);
    }
    failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const result = await runRepositoryRules(rules, { reader, kept, failures, changes, record: false });
    staged.push(...result.findings);
    result.notes.forEach((note) => notes.add(note));
  } else if (cached) {
    staged.push(...cached.findings);
    cached.findings.forEach((finding) => repositoryWide.add(finding));
    cached.notes.forEach((note) => notes.add(note));
  } else {
    // Documents a repository-wide rule reads come back from their files when their own results were reused.
    for (const file of toLoad) {
      const loaded = reader.load(file.path, file.kind);
      if ('schemaProblems' in loaded) kept.push(loaded);
    }
    kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const result = await runRepositoryRules(rules, { reader, kept, failures, changes, record: signature !== undefined });
    staged.push(...result.findings);
    result.findings.forEach((finding) => repositoryWide.add(finding));
    result.notes.forEach((note) => notes.add(note));
    if (signature !== undefined) await cache!.recordRepository(signature, result.findings, result.notes, result.dependencies!);
  }
  if (cache) {
    const problem = await cache.save();
    if (problem) notes.add(problem);
  }

  // What the change touches, and of that what it introduces; without a change, everything.
  // Which boxes the change ticked, from the changed files' items at the merge base and now (never from diff text).
  if (changes) {
    const boxed = [...new Set(staged.filter((r) => r.checkboxLine !== undefined && changes!.files.has(r.finding.file)).map((r) => r.finding.file))];
    if (boxed.length > 0) changes = { ...changes, tickedLines: await tickedInChange(reader, changes, boxed) };
  }
  const touched = changes ? staged.filter(({ finding }) => inChange(finding, changes!)) : staged;
  const introduced =
    changes && !options.changedFilesAll
      ? await introducedFindings({ reader, rules, changes, touched, repositoryWide, kinds: new Map(files.map((file) => [file.path, file.kind])), note: (note) => notes.add(note) })
      : new Set(touched);
  let reported = touched.filter((r) => introduced.has(r));
  const held = new Set<StagedFinding>(); // what the change touches that the baseline holds
  let baseline: BaselineOutcome | undefined;
  if (options.baseline) {
    // Every finding answers for its entry, so that an entry counts as fixed only when its finding is gone from the
    // whole repository. Older findings take entries first; a box ticked in the change is never held.
    const ticked = new Set(changes ? staged.filter((r) => newlyTicked(r, changes)).map((r) => r.finding) : []);
    const ordered = [...staged.filter((r) => !introduced.has(r)), ...reported].map((r) => r.finding);
    const applied = applyBaseline(ordered, options.baseline, (finding) => ticked.has(finding), options.baselineFile);
    const survivors = new Set(applied.findings);
    for (const r of touched) if (!survivors.has(r.finding)) held.add(r);
    // Counted over what the change touches, like what is reported.
    baseline = { ...applied.outcome, suppressed: held.size };
    reported = reported.filter((r) => !held.has(r));
  }
  // A finding the baseline holds counts as known, not as older than the change.
  const preexisting = touched.filter((r) => !introduced.has(r) && !held.has(r)).length;
  return buildReport(
    reported.map((r) => r.finding),
    checked,
    {
      notes: reportNotes(notes),
      ...(shard ? { partial: { shard: { ...shard }, notes: [...notes].sort() } } : {}),
      ...(changes ? { changedSince: { ref: changes.ref, base: changes.base, files: changes.files.size, preexisting } } : {}),
      ...(baseline ? { baseline } : {}),
    },
  );
}

/** A finding belongs to the change when its file changed, or a file it depends on did. */
function inChange(finding: Finding, changes: ChangeSet): boolean {
  return changes.files.has(finding.file) || broughtIn(finding, changes);
}

/**
 * Runs the repository-wide rules on the documents they read.
 * @param run.record - record what the result depends on (for the cache)
 */
async function runRepositoryRules(
  rules: readonly Rule[],
  run: { reader: RepositoryReader; kept: CheckedDocument[]; failures: LoadFailure[]; changes: ChangeSet | undefined; record: boolean },
): Promise<{ findings: StagedFinding[]; notes: string[]; dependencies?: RecordedDependencies }> {
  const { reader, kept, failures, changes } = run;
  const findings: StagedFinding[] = [];
  const notes = new Set<string>();
  const recorder = run.record ? new DependencyRecorder() : undefined;
  const dependencies = recorder?.of(REPOSITORY);
  if (recorder) recorder.current = dependencies;
  const paths = recorder ? new RecordingPaths(reader.root, reader.fs, recorder) : new RepoPaths(reader.root, reader.fs);
  const repositoryRules = rules.filter((rule) => rule.checkRepository);
  const verifier = new EvidenceVerifier({ paths, git: reader.git, manifestKind: manifestKindOf(reader.config), documents: reader.load, ...(recorder ? { recorder } : {}) });
  const evidence = new EvidenceAnalyzer(verifier, undefined, evidenceSettingsOf(reader.config));
  // Built-in repository-wide rules read no evidence; a custom one may.
  if (repositoryRules.some((rule) => !BUILTIN_RULES.includes(rule))) await evidence.prepare(kept);
  if (recorder) recorder.current = dependencies; // prepare() records per document; the stage records as one
  const byPath = new Map(kept.map((document) => [document.path, document]));
  const known = new Set(reader.files.map((file) => file.path));
  const firstLine = (file: string): string => {
    const document = byPath.get(file);
    if (document) return document.text.split(/\r\n|\r|\n/, 1)[0] ?? '';
    return known.has(file) ? firstLineOf(paths, file, reader.fs, reader.config.maxFileBytes) : '';
  };
  for (const rule of repositoryRules) {
    const context: RuleContext = {
      config: reader.config,
      get now() {
        if (dependencies) dependencies.usesClock = true;
        return reader.now;
      },
      documents: kept,
      failures,
      evidence,
      paths,
      changes,
      git() {
        if (dependencies) dependencies.usesHistory = true;
        return reader.git();
      },
      history() {
        if (dependencies) dependencies.usesHistory = true;
        return reader.history();
      },
      note: (message) => notes.add(message),
      ...reporter(rule, severityFor(rule, reader.config), (finding) => findings.push(finding), firstLine),
    };
    await rule.checkRepository!(context);
  }
  return { findings, notes: [...notes], ...(dependencies ? { dependencies: dependencies.snapshot() } : {}) };
}

/** The key the repository-wide stage records its dependencies under. */
const REPOSITORY = '\0repository';


function firstLineOf(paths: RepoPaths, relativePath: string, fs: FileSystem, maxFileBytes: number): string {
  if (paths.kind(relativePath) !== 'file') return '';
  try {
    if (fs.stat(paths.absolute(relativePath)).size > maxFileBytes) return ''; // a file over the limit is never read
    return fs.readFile(paths.absolute(relativePath)).toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  } catch {
    return '';
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}


/**
 * What a git layout keeps from the check, one note each: submodules and nested repositories (their files are
 * their own repositories' to check) and files of a known kind outside a sparse checkout's cone (not in the work
 * tree: not read, and not missing either).
 * @param ownFs - the run reads through an injected file system: git's view does not apply
 */
async function layoutNotes(reader: RepositoryReader, ownFs: boolean): Promise<string[]> {
  const git = ownFs ? undefined : await reader.git();
  if (!git) return [];
  const { nested, outsideCone } = await git.treeLayout(reader.root);
  const notes: string[] = [];
  const some = (names: readonly string[]): string => `${names.slice(0, 5).map((n) => `\`${n}\``).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''}`;
  if (nested.length > 0) {
    notes.push(`${nested.length} submodule${nested.length === 1 ? ' or nested repository was' : 's or nested repositories were'} not checked (${some(nested)}): each is a repository of its own; run specguard in it.`);
  }
  if (outsideCone.size > 0) {
    const wanted = picomatch(reader.config.kinds.flatMap((kind) => kind.globs), { dot: true });
    const ignored = picomatch(reader.config.ignore, { dot: true });
    const skipped = [...outsideCone.keys()].filter((file) => wanted(file) && !ignored(file)).sort();
    if (skipped.length > 0) {
      notes.push(`${skipped.length} file${skipped.length === 1 ? '' : 's'} of a known kind lie${skipped.length === 1 ? 's' : ''} outside this sparse checkout and ${skipped.length === 1 ? 'was' : 'were'} not checked (${some(skipped)}); evidence cited there is judged from git's index.`);
    }
  }
  return notes;
}

/**
 * The shard of a path: 1 to `count`, from the first 8 hex digits of its SHA-256, so that adding or removing a file
 * never moves another one.
 */
export function shardOf(relativePath: string, count: number): number {
  return (Number.parseInt(createHash('sha256').update(relativePath).digest('hex').slice(0, 8), 16) % count) + 1;
}

/** @throws SpecguardError `USAGE` for a shard out of range, or one asked for with what shards cannot combine with */
function assertShard(options: CheckOptions): void {
  const { index, count } = options.shard!;
  if (!Number.isInteger(count) || count < 1 || count > 1000 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new SpecguardError('USAGE', `--shard: \`${index}/${count}\` is not a shard; give i/n with 1 ≤ i ≤ n ≤ 1000`);
  }
  const clash = options.cache ? '--cache' : options.changedSince !== undefined ? '--changed-since' : options.baseline ? '--baseline (give it to merge-reports)' : undefined;
  if (clash) throw new SpecguardError('USAGE', `--shard cannot be combined with ${clash}`);
}
