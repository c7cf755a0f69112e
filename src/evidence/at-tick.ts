/**
 * Evidence judged at the time of the claim. The commit that ticked a box is
 * the one that last changed its line (`git blame`, one pass per file, shared
 * by every rule of a run that asks). A cited path missing from today's tree
 * that existed in that commit's tree was moved or deleted after the claim:
 * it is not missing evidence, and git's rename detection says where it went.
 * Outside git, or for a box ticked in the working tree, today's tree decides.
 */
import path from 'node:path';
import type { RepoPaths } from '../fs/repo-paths.js';
import type { BlameLine, CommitRecord } from '../git/log.js';
import type { GitRepository } from '../git/repository.js';
import { shortSha } from '../git/short-sha.js';
import type { ItemEvidence, VerifiedCitation } from './analyze.js';
import { candidatePaths } from './citations.js';

/** Where a path cited at a tick went afterwards. */
export interface PathAfterTick {
  /** Today's path (relative to the checked folder) when the path was moved and the new one exists. */
  movedTo?: string;
  /** Full sha of the commit that moved it (to `movedTo`) or deleted it, when git's history says. */
  by?: string;
}

/** What this module needs: git on demand, and the checked folder's paths. */
export interface TickSources {
  /** Opens the repository; resolves to `undefined` outside git. */
  git(): Promise<GitRepository | undefined>;
  paths: RepoPaths;
}

const UNCOMMITTED = /^0+$/;

/** Finds when boxes were ticked, and judges their citations at that time; memoized for the run. */
export class Ticks {
  private readonly sources: TickSources;
  private readonly blames = new Map<string, Promise<Map<number, BlameLine>>>();
  private readonly movesAfter = new Map<string, Promise<CommitRecord[]>>();
  private readonly after = new Map<string, Promise<Set<string>>>();
  private readonly resolved = new Map<string, Promise<string | undefined>>();

  constructor(sources: TickSources) {
    this.sources = sources;
  }

  /**
   * The commit that last changed each line of a file (`git blame`, once per file per run).
   * @param absolutePath - the file in the work tree
   * @returns 1-based line → its commit (all-zero sha for an uncommitted line); empty outside git or for an untracked file
   */
  async of(absolutePath: string): Promise<Map<number, BlameLine>> {
    let blame = this.blames.get(absolutePath);
    if (!blame) {
      blame = this.sources.git().then((git) => (git ? git.blame(absolutePath) : new Map<number, BlameLine>()));
      this.blames.set(absolutePath, blame);
    }
    return blame;
  }

  /**
   * The commit that ticked the box on a line: the last commit that changed the line.
   * @returns `undefined` outside git, for an untracked file, or for a line changed in the working tree
   */
  async tickOf(absolutePath: string, line: number): Promise<BlameLine | undefined> {
    const tick = (await this.of(absolutePath)).get(line);
    return tick && !UNCOMMITTED.test(tick.sha) ? tick : undefined;
  }

  /**
   * The commits that came after a commit (`git rev-list <sha>..HEAD`), once per commit per run.
   * @param sha - a full sha (from {@link tickOf})
   * @returns full shas; empty outside git
   */
  async commitsAfter(sha: string): Promise<Set<string>> {
    let after = this.after.get(sha);
    if (!after) {
      after = this.sources.git().then((git) => (git ? git.commitsAfter(sha) : new Set<string>()));
      this.after.set(sha, after);
    }
    return after;
  }

  /**
   * A commit named by a (possibly abbreviated) sha, as a full sha; once per sha per run.
   * @param sha - 7 to 64 hex digits, as a run manifest's `commit` writes it
   * @returns `undefined` outside git, or when no commit has that sha
   */
  async resolve(sha: string): Promise<string | undefined> {
    let full = this.resolved.get(sha);
    if (!full) {
      full = /^[0-9a-f]{7,64}$/i.test(sha) ? this.sources.git().then((git) => git?.resolveCommit(sha.toLowerCase())) : Promise.resolve(undefined);
      this.resolved.set(sha, full);
    }
    return full;
  }

  /**
   * Re-judges the `missing` path citations of a document's ticked items at their tick: one that existed in the
   * ticking commit's tree becomes `moved` (with where it went), in place. Others stay `missing`.
   * @param absolutePath - the document in the work tree
   * @returns how many citations became `moved`
   */
  async judgeMissing(absolutePath: string, items: readonly ItemEvidence[]): Promise<number> {
    const pending = items.flatMap((evidence) =>
      evidence.item.checked ? evidence.citations.filter((c) => c.citation.type === 'path' && c.verdict.status === 'missing').map((c) => ({ evidence, cited: c })) : [],
    );
    if (pending.length === 0) return 0;
    const git = await this.sources.git();
    if (!git) return 0;
    const ticked: Array<{ cited: VerifiedCitation; tick: BlameLine; candidates: string[] }> = [];
    for (const { evidence, cited } of pending) {
      const tick = await this.tickOf(absolutePath, evidence.item.line);
      if (!tick || cited.citation.type !== 'path') continue;
      ticked.push({ cited, tick, candidates: candidatePaths(cited.citation) });
    }
    const queries = ticked.flatMap(({ tick, candidates }) => candidates.map((p) => ({ commit: tick.sha, path: this.topLevelPath(git, p) })));
    const answers = await git.existedAt(queries);
    let at = 0;
    let moved = 0;
    for (const { cited, tick, candidates } of ticked) {
      if (cited.citation.type !== 'path') continue;
      const existed = candidates.filter(() => answers[at++] === true);
      const then = existed[0];
      if (then === undefined) continue;
      const after = await this.whereItWent(git, then, tick.sha);
      cited.verdict = { status: 'moved', message: movedMessage(then, tick.sha, after), ...after };
      if (then !== cited.citation.path) cited.path = then;
      moved++;
    }
    return moved;
  }

  /** Follows a path through the renames and deletions after a commit (`git log -M <tick>..HEAD`), to today. */
  private async whereItWent(git: GitRepository, relativePath: string, tick: string): Promise<PathAfterTick> {
    let log = this.movesAfter.get(tick);
    if (!log) {
      log = git.log({ after: tick, movesOnly: true }).catch(() => []);
      this.movesAfter.set(tick, log);
    }
    const commits = await log;
    let current = this.topLevelPath(git, relativePath);
    let by: string | undefined;
    // Oldest first: each move takes the path where the previous one left it.
    for (let i = commits.length - 1; i >= 0; i--) {
      const commit = commits[i]!;
      for (const file of commit.files) {
        if (file.status === 'R' && file.fromPath !== undefined) {
          if (file.fromPath === current) {
            current = file.path;
            by = commit.sha;
          } else if (file.fromPath.startsWith(`${current}/`) && file.path.endsWith(file.fromPath.slice(current.length))) {
            // A file of a cited folder moved: the folder went where the file went.
            current = file.path.slice(0, file.path.length - (file.fromPath.length - current.length));
            by = commit.sha;
          }
        } else if (file.status === 'D' && file.path === current) {
          by = commit.sha;
        }
      }
    }
    const local = this.localPath(git, current);
    if (local !== undefined && local !== relativePath && this.sources.paths.kind(local) !== 'missing') return { movedTo: local, ...(by ? { by } : {}) };
    return by ? { by } : {};
  }

  private topLevelPath(git: GitRepository, relativePath: string): string {
    return path.relative(git.topLevel, this.sources.paths.absolute(relativePath)).split(path.sep).join('/');
  }

  private localPath(git: GitRepository, topLevelPath: string): string | undefined {
    return this.sources.paths.relativeOf(path.join(git.topLevel, ...topLevelPath.split('/')));
  }
}


function movedMessage(then: string, tick: string, after: PathAfterTick): string {
  const at = `Cited \`${then}\` existed when this box was ticked (\`${shortSha(tick)}\`)`;
  if (after.movedTo !== undefined) return `${at} and was moved to \`${after.movedTo}\`${after.by ? ` in \`${shortSha(after.by)}\`` : ''}; cite the new path.`;
  return `${at} and was ${after.by ? `deleted in \`${shortSha(after.by)}\`` : 'removed since'}; the box stood when it was ticked.`;
}
