/**
 * Verifies citations: a path must exist inside the repository (symlinks
 * included), a folder must hold a `manifest.json`, a cited run manifest must
 * pass its schema, record `succeeded` and belong to the citing task, and a
 * commit must be in git history. A path the item does not mark as evidence
 * and that names nothing is no citation at all (a description); a path that
 * does not resolve from the root is tried below the folders the item names.
 * Results are cached for the run.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { CheckedDocument, LoadFailure } from '../check/checked-document.js';
import { metadataRecord, stringField } from '../document/source-document.js';
import type { PathKind, RepoPaths } from '../fs/repo-paths.js';
import type { GitRepository } from '../git/repository.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { CommitStatus, DependencyRecorder } from '../cache/dependencies.js';
import { Ticks } from './at-tick.js';
import type { ItemEvidence } from './analyze.js';
import { candidatePaths, type Citation } from './citations.js';
import { commandProblems, resolveLog, type CommandProblem } from './run-integrity.js';

/** What a citation proved. */
export type Verdict =
  | { status: 'ok' }
  /** The cited file, folder or commit does not exist. */
  | { status: 'missing'; message: string }
  /** The citation points outside the repository and was not read. */
  | { status: 'outside'; message: string }
  /** The cited run manifest exists but does not prove success for this task. */
  | { status: 'failed'; message: string }
  /** Cannot be checked here: an issue reference, a URL, a commit without git history. */
  | { status: 'unverifiable'; message: string }
  /**
   * Missing today, but present in the tree of the commit that ticked the box: moved (to `movedTo`, when git's
   * rename detection finds it) or deleted after the claim, by commit `by`. Evidence at the time of the claim.
   */
  | { status: 'moved'; message: string; movedTo?: string; by?: string };

/**
 * Loads (and validates) a document by repo-relative path, once per run; with `content`, from those bytes (a
 * version git holds, for a file outside a sparse checkout) instead of the work tree.
 */
export type DocumentSource = (relativePath: string, kind: KindDefinition, content?: Buffer) => CheckedDocument | LoadFailure;

/** What the verifier needs. */
export interface VerifierOptions {
  paths: RepoPaths;
  /** Opens the repository on first use; resolves to `undefined` outside a git repository. */
  git: () => Promise<GitRepository | undefined>;
  /** The run-manifest kind (its globs say which cited files are manifests). */
  manifestKind: KindDefinition;
  documents: DocumentSource;
  /** Told which paths, manifests and commits each document's verdicts rest on (for the cache). */
  recorder?: DependencyRecorder;
}

/** Verifies citations for one run. */
export class EvidenceVerifier {
  private readonly options: VerifierOptions;
  private readonly isManifestGlob: (p: string) => boolean;
  private readonly pathVerdicts = new Map<string, PathMemo>();
  private readonly runs = new Map<string, RunIntegrity>();
  /** The `governs` globs of each mini-spec read this run. */
  private readonly governs = new Map<string, string[]>();
  private readonly commitVerdicts = new Map<string, Verdict>();
  /** When each box was ticked, and citations judged at that time; shared by every rule of the run. */
  readonly ticks: Ticks;

  constructor(options: VerifierOptions) {
    this.options = options;
    this.ticks = new Ticks({ git: options.git, paths: options.paths });
    this.isManifestGlob = picomatch(options.manifestKind.globs as string[], { dot: true });
  }

  /**
   * Looks up, with one git call, whether these commits exist, so that {@link verify} can answer for them.
   * @param shas - lower-case hex, 7 to 40 digits
   */
  async resolveCommits(shas: readonly string[]): Promise<void> {
    const wanted = [...new Set(shas)].filter((sha) => !this.commitVerdicts.has(sha));
    if (wanted.length === 0) return;
    const git = await this.options.git();
    if (!git) {
      for (const sha of wanted) this.commitVerdicts.set(sha, { status: 'unverifiable', message: `Commit \`${sha}\` cannot be checked: this is not a git repository.` });
      return;
    }
    const exists = await git.commitsExist(wanted);
    const shallow = await git.isShallow();
    for (const sha of wanted) {
      if (exists.get(sha)) this.commitVerdicts.set(sha, { status: 'ok' });
      else if (shallow) this.commitVerdicts.set(sha, { status: 'unverifiable', message: `Commit \`${sha}\` is not in this shallow clone's history; fetch more history to check it.` });
      else this.commitVerdicts.set(sha, { status: 'missing', message: `Commit \`${sha}\` is not in git history.` });
    }
  }

  /**
   * Judges one citation of a document. Commits must have been looked up with {@link resolveCommits}.
   * @param task - the citing document's task id, if it has one; a cited manifest must carry the same `task_id`
   * @returns the verdict, with the path it resolved to when that is not the cited one (a path relative to a
   * folder the item names); `undefined` when the token is no citation after all: a path the item does not mark
   * as evidence and that names nothing in the repository (nor below a folder it may be relative to), which
   * describes what the task touches
   * @throws Error for a commit that was not looked up first (a bug in the caller)
   */
  judge(citation: Citation, task: string | undefined): { verdict: Verdict; path?: string } | undefined {
    switch (citation.type) {
      case 'outside': {
        if (citation.absolute === undefined) return citation.marked || this.looksLikeRunOutput(citation.raw) ? { verdict: { status: 'outside', message: `\`${citation.raw}\` is not evidence: ${citation.reason}.` } } : undefined;
        // An absolute path inside the repository is evidence written the wrong way; one outside it is not evidence at all.
        const inside = this.options.paths.relativeOf(citation.absolute);
        if (inside === undefined && !citation.marked && !this.looksLikeRunOutput(citation.raw)) return undefined;
        return {
          verdict: {
            status: 'outside',
            message: inside !== undefined ? `\`${citation.raw}\` is not evidence: an absolute path is never evidence; write it repo-relative, as \`${inside}\`.` : `\`${citation.raw}\` is not evidence: it is outside the repository.`,
          },
        };
      }
      case 'external':
        return {
          verdict: { status: 'unverifiable', message: `\`${citation.raw}\` is ${citation.what === 'issue' ? 'an issue or pull-request reference' : 'a URL'}, which cannot be checked offline.` },
        };
      case 'commit': {
        const verdict = this.commitVerdicts.get(citation.sha);
        if (!verdict) throw new Error(`commit ${citation.sha} was not resolved before verification`);
        this.options.recorder?.current?.commits.set(citation.sha, verdict.status as CommitStatus);
        return { verdict };
      }
      case 'path': {
        const [first, ...below] = candidatePaths(citation);
        let resolved = first!;
        let verdict = this.verifyPath(resolved);
        for (const candidate of verdict.status === 'missing' ? below : []) {
          const there = this.verifyPath(candidate);
          if (there.status !== 'missing') {
            resolved = candidate;
            verdict = there;
            break;
          }
        }
        if (verdict.status === 'missing' && !citation.marked && !this.isRunOutput(citation.path)) return undefined;
        const at = resolved === citation.path ? {} : { path: resolved };
        if (verdict.status === 'ok' && verdict.manifest) return { verdict: this.checkManifestTask(verdict.manifest, citation.raw, task), ...at };
        return { verdict: verdict.status === 'ok' ? { status: 'ok' } : verdict, ...at };
      }
    }
  }

  /**
   * Judges a path now, while its document is at hand, so that later citations of it need not load it again.
   * Records nothing.
   */
  prime(relativePath: string): void {
    const recorder = this.options.recorder;
    const current = recorder?.current;
    if (recorder) recorder.current = undefined;
    this.verifyPath(relativePath);
    if (recorder) recorder.current = current;
  }

  /**
   * Judges again, from git's index, the missing path citations of ticked items that lie outside a sparse
   * checkout's cone (tracked, but not in the work tree): a file there holds; a run manifest there (or a run
   * folder's) is judged from its bytes in the index, as one in the work tree would be.
   * @param task - the citing document's task id, if it has one
   * @returns how many citations were judged from the index
   */
  async judgeOutsideCone(items: readonly ItemEvidence[], task: string | undefined): Promise<number> {
    const ticked = items.filter((e) => e.item.checked);
    const missing = (e: ItemEvidence): boolean => e.citations.some((c) => c.citation.type === 'path' && c.verdict.status === 'missing') || (e.described?.length ?? 0) > 0;
    if (!ticked.some(missing)) return 0;
    const git = await this.options.git();
    if (!git) return 0;
    const { outsideCone } = await git.treeLayout(this.options.paths.absolute('.'));
    if (outsideCone.size === 0) return 0;
    // A path the item names but does not mark names something after all when the index holds it: a citation.
    for (const e of ticked) {
      const named = (e.described ?? []).filter((c) => c.type === 'path' && (outsideCone.has(c.path) || outsideCone.has(`${c.path}/manifest.json`)));
      if (named.length === 0) continue;
      e.citations.push(...named.map((citation) => ({ citation, verdict: { status: 'missing', message: '' } as Verdict })));
      e.citations.sort((a, b) => a.citation.range.start - b.citation.range.start);
      const left = (e.described ?? []).filter((c) => !named.includes(c));
      if (left.length > 0) e.described = left;
      else delete e.described;
    }
    const pending = ticked.flatMap((e) => e.citations.filter((c) => c.citation.type === 'path' && c.verdict.status === 'missing'));
    let judged = 0;
    for (const cited of pending) {
      const citation = cited.citation;
      if (citation.type !== 'path') continue;
      const at = candidatePaths(citation).find((p) => outsideCone.has(p) || outsideCone.has(`${p}/manifest.json`));
      if (at === undefined) continue;
      const manifest = outsideCone.has(`${at}/manifest.json`) ? `${at}/manifest.json` : path.posix.basename(at) === 'manifest.json' || this.isManifestGlob(at) ? at : undefined;
      let verdict: Verdict = { status: 'ok' };
      if (manifest !== undefined) {
        const blob = outsideCone.get(manifest)!;
        const bytes = (await git.readBlobBytes([blob])).get(blob);
        const inspected = bytes ? this.inspectManifest(manifest, [], bytes) : ({ status: 'failed', message: `Run manifest \`${manifest}\` cannot be read from the index.` } as PathVerdict);
        verdict = inspected.status === 'ok' && inspected.manifest ? this.checkManifestTask(inspected.manifest, citation.raw, task) : inspected.status === 'ok' ? { status: 'ok' } : inspected;
      }
      cited.verdict = verdict;
      if (at !== citation.path) cited.path = at;
      judged++;
    }
    return judged;
  }

  /** The verdict of a commit looked up with {@link resolveCommits}; `undefined` when it was not. */
  commitVerdict(sha: string): Verdict | undefined {
    return this.commitVerdicts.get(sha);
  }

  /**
   * Whether a path names a run's output (a run manifest, a run folder, anything under `.runs/`, a log), which a
   * run would have recorded: such a path is cited as evidence by its shape alone.
   */
  isRunOutput(relativePath: string): boolean {
    return this.isManifestGlob(relativePath) || this.isManifestGlob(`${relativePath}/manifest.json`) || relativePath.endsWith('.log') || /^\.runs(?:\/|$)/.test(relativePath);
  }

  /** {@link isRunOutput} for a path as written, outside the repository or not. */
  private looksLikeRunOutput(raw: string): boolean {
    return /\.log$/i.test(raw) || /(?:^|\/)\.runs\//.test(raw);
  }

  private verifyPath(relativePath: string): PathVerdict {
    const memo = this.memo(relativePath);
    const into = this.options.recorder?.current;
    if (into) {
      for (const [consultedPath, kind] of memo.consulted) into.paths.set(consultedPath, kind);
      if (memo.manifest !== undefined) into.manifests.add(memo.manifest);
      for (const log of memo.read) into.manifests.add(log);
    }
    return memo.verdict;
  }

  /** A path's verdict with what it rests on, judged once per run. */
  private memo(relativePath: string): PathMemo {
    let memo = this.pathVerdicts.get(relativePath);
    if (!memo) {
      const consulted: Array<[string, PathKind]> = [];
      const found: { manifest?: string; read: string[] } = { read: [] };
      const verdict = this.inspectPath(relativePath, consulted, found);
      memo = { verdict, consulted, ...found };
      this.pathVerdicts.set(relativePath, memo);
    }
    return memo;
  }

  private inspectPath(relativePath: string, consulted: Array<[string, PathKind]>, found: { manifest?: string; read: string[] }): PathVerdict {
    const kind = this.options.paths.kind(relativePath);
    consulted.push([relativePath, kind]);
    switch (kind) {
      case 'missing':
        return { status: 'missing', message: `Cited evidence \`${relativePath}\` does not exist; ${this.isRunOutput(relativePath) ? 'record the run' : 'fix the path'}, or cite evidence that exists.` };
      case 'outside':
        return { status: 'outside', message: `\`${relativePath}\` is a symlink that leads out of the repository; it was not read.` };
      case 'loop':
        return { status: 'outside', message: `\`${relativePath}\` is a symlink loop; it was not followed.` };
      case 'directory': {
        const manifestPath = relativePath === '.' ? 'manifest.json' : `${relativePath}/manifest.json`;
        const inner = this.memo(manifestPath);
        consulted.push(...inner.consulted);
        if (inner.manifest !== undefined) found.manifest = inner.manifest;
        found.read.push(...inner.read);
        const manifest = inner.verdict;
        if (manifest.status === 'missing') return { status: 'missing', message: `Cited folder \`${relativePath}/\` holds no manifest.json, so it proves nothing; cite a run folder with a manifest, or a file.` };
        return manifest;
      }
      case 'file':
        if (path.posix.basename(relativePath) === 'manifest.json' || this.isManifestGlob(relativePath)) {
          found.manifest = relativePath;
          return this.inspectManifest(relativePath, found.read);
        }
        return { status: 'ok' };
    }
  }

  private inspectManifest(relativePath: string, read: string[], content?: Buffer): PathVerdict {
    const document = this.options.documents(relativePath, this.options.manifestKind, content);
    const failed = (why: string): PathVerdict => ({ status: 'failed', message: `Run manifest \`${relativePath}\` ${why}` });
    if (!('schemaProblems' in document)) return failed(`cannot be read: ${document.message}`);
    if (document.metadata?.syntaxError) return failed('is not valid JSON, so it proves nothing.');
    if (document.schemaProblems.length > 0) return failed(`fails the run-manifest schema (${document.schemaProblems[0]!.message}), so it proves nothing.`);
    const record = metadataRecord(document);
    const status = stringField(record, 'status');
    if (status !== 'succeeded') return failed(`records status \`${status}\`, not \`succeeded\`.`);
    const integrity = this.integrity(relativePath, record);
    read.push(...integrity.read);
    const problem = integrity.problems[0];
    if (problem) return failed(problem.message);
    return { status: 'ok', manifest: { path: relativePath, task: stringField(record, 'task_id') } };
  }

  /**
   * The problems of a run manifest's commands (a `succeeded` run over a failing command, a log that does not
   * match its `log_sha256`), judged once per run; the logs read are recorded as dependencies of the document at hand.
   * @param record - the manifest's parsed JSON
   */
  commandProblems(manifestPath: string, record: Record<string, unknown>): CommandProblem[] {
    const { problems, read } = this.integrity(manifestPath, record);
    const into = this.options.recorder?.current;
    if (into) for (const log of read) into.manifests.add(log);
    return problems;
  }

  /**
   * The `governs` globs of a mini-spec, read through the run's document loader and recorded as a dependency of the
   * document at hand.
   * @param specPath - repo-relative path of the mini-spec
   * @returns the globs; empty when the file cannot be loaded or governs nothing
   */
  governsOf(specPath: string, specKind: KindDefinition): string[] {
    if (this.options.paths.kind(specPath) !== 'file') return [];
    this.options.recorder?.current?.manifests.add(specPath);
    let globs = this.governs.get(specPath);
    if (!globs) {
      const spec = this.options.documents(specPath, specKind);
      const governs = 'schemaProblems' in spec ? metadataRecord(spec).governs : undefined;
      globs = Array.isArray(governs) ? governs.filter((g): g is string => typeof g === 'string' && g !== '') : [];
      this.governs.set(specPath, globs);
    }
    return globs;
  }

  /**
   * What a run manifest this run has judged records: the logs its commands name, resolved (relative to the
   * manifest's folder, else to the root), and the commit it says it ran at.
   * @returns `undefined` for a path that is not a manifest judged this run
   */
  runOf(manifestPath: string): RunRecord | undefined {
    const known = this.runs.get(manifestPath);
    return known ? { logs: known.logs, ...(known.commit !== undefined ? { commit: known.commit } : {}) } : undefined;
  }

  private integrity(manifestPath: string, record: Record<string, unknown>): RunIntegrity {
    let known = this.runs.get(manifestPath);
    if (!known) {
      const read: string[] = [];
      const problems = commandProblems(manifestPath, record, this.options.paths, (log) => read.push(log));
      const commands = Array.isArray(record.commands) ? (record.commands as unknown[]) : [];
      const logs = commands.flatMap((c) => {
        const log = typeof c === 'object' && c !== null ? (c as Record<string, unknown>).log : undefined;
        const at = typeof log === 'string' ? resolveLog(manifestPath, log, this.options.paths) : undefined;
        return at === undefined ? [] : [at];
      });
      const commit = stringField(record, 'commit');
      known = { problems, read, logs, ...(commit !== undefined ? { commit } : {}) };
      this.runs.set(manifestPath, known);
    }
    return known;
  }

  private checkManifestTask(manifest: { path: string; task: string | undefined }, raw: string, task: string | undefined): Verdict {
    if (task === undefined || manifest.task === undefined || manifest.task === task) return { status: 'ok' };
    const via = raw.replace(/\/$/, '') === manifest.path ? '' : ` (cited as \`${raw}\`)`;
    return { status: 'failed', message: `Run manifest \`${manifest.path}\`${via} belongs to task \`${manifest.task}\`, not to this task \`${task}\`.` };
  }
}

/** What a judged run manifest records: the logs its commands name (repo-relative) and the commit it ran at. */
export interface RunRecord {
  logs: string[];
  /** The manifest's `commit`, as written (7 to 64 hex digits). */
  commit?: string;
}

/** A run manifest's record with its command problems and the logs read to find them. */
interface RunIntegrity extends RunRecord {
  problems: CommandProblem[];
  read: string[];
}

/** A path's verdict, with the paths it consulted, the manifest it read and the logs it hashed (for the cache). */
interface PathMemo {
  verdict: PathVerdict;
  consulted: Array<[string, PathKind]>;
  manifest?: string;
  read: string[];
}

/** A path verdict; an ok manifest also says which task it belongs to. */
type PathVerdict = Exclude<Verdict, { status: 'ok' }> | { status: 'ok'; manifest?: { path: string; task: string | undefined } };
