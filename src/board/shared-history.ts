/**
 * One git history pass shared by the briefs of many tasks. `brief` asks git,
 * per task, for the commits that mention the task (`git log --grep`), the
 * commits that touched its checkpoint folder (`git log -- <folder>`), the
 * depth of the history and the blobs of earlier checkpoint versions. For a
 * board of thousands of tasks that would be thousands of processes; this
 * repository answers those questions from one `git log` of every local branch
 * and HEAD, read once, and reads the blobs that tasks ask for at about the
 * same time with one `git cat-file --batch`. It spawns nothing itself: every
 * git call goes through the wrapped {@link GitRepository}.
 *
 * The answers equal git's: a `--grep` pattern (POSIX ERE, case-insensitive)
 * is matched line by line against each message, as git does, after
 * {@link ereToRegExp} has translated it; a pattern it cannot translate
 * exactly, a path with pathspec magic, `after` or `headOnly` go to git
 * unchanged. One difference remains by design: `git log -- <folder>`
 * simplifies history, so it leaves out the commits of a deleted side branch
 * whose changes to the folder a merge discarded; read from the whole history,
 * those versions of a checkpoint are listed too.
 */
import { countReachable, type CommitRecord } from '../git/log.js';
import { ereToRegExp } from '../tasks/commit-mentions.js';
import type { GitRepository, HeadInfo, HistoryInfo, LogQuery } from '../git/repository.js';

/** A path that git's pathspec reads literally (no glob characters, no `:` magic). */
function literalPath(pathspec: string): boolean {
  return pathspec !== '' && !/[*?[\]\\]/.test(pathspec) && !pathspec.startsWith(':');
}

/** Whether a file lies at or under a literal pathspec. */
function underPathspec(file: string, pathspec: string): boolean {
  const folder = pathspec.endsWith('/') ? pathspec : `${pathspec}/`;
  return file === pathspec.replace(/\/$/, '') || file.startsWith(folder);
}

/**
 * Wraps a repository so that many `brief`s share one history pass.
 * @param git - the repository to read through
 * @returns a repository with the same answers: `log` (without `after` or `headOnly`) filters one
 *   memoized `git log --branches HEAD`; `head`, `history` and `isShallow` are asked once; `readBlobs`
 *   calls made before the event loop turns are read together, and blobs are cached
 */
export function sharedHistory(git: GitRepository): GitRepository {
  let head: Promise<HeadInfo | undefined> | undefined;
  let history: Promise<HistoryInfo> | undefined;
  let whole: Promise<CommitRecord[]> | undefined;
  let reachable: Promise<number> | undefined;
  const blobs = new Map<string, string | undefined>();
  const queued = new Set<string>();
  let batch: Promise<void> | undefined;
  const readQueued = (): Promise<void> =>
    (batch ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const wanted = [...queued];
      queued.clear();
      batch = undefined;
      const read = await git.readBlobs(wanted);
      for (const id of wanted) blobs.set(id, read.get(id));
    }));
  const shared: GitRepository = {
    topLevel: git.topLevel,
    commitsExist: (shas) => git.commitsExist(shas),
    existedAt: (queries) => git.existedAt(queries),
    isShallow: () => git.isShallow(),
    head: () => (head ??= git.head()),
    userName: () => git.userName(),
    originUrl: () => git.originUrl(),
    workTreeStatus: (dir) => git.workTreeStatus(dir),
    async log(query: LogQuery) {
      const matchers = (query.grep ?? []).map(ereToRegExp);
      const paths = query.paths ?? [];
      if (query.commits && query.grep === undefined && query.paths === undefined) {
        const wanted = new Set(query.commits);
        const found = new Map((await (whole ??= git.log({}))).filter((c) => wanted.has(c.sha)).map((c) => [c.sha, c]));
        if (found.size === wanted.size) return query.commits.flatMap((sha) => found.get(sha) ?? []);
      }
      if (query.commits || query.after !== undefined || query.headOnly || query.movesOnly || matchers.some((m) => m === undefined) || !paths.every(literalPath)) return git.log(query);
      let commits = await (whole ??= git.log({}));
      if (matchers.length > 0) commits = commits.filter((c) => c.message.split('\n').some((line) => matchers.some((m) => m!.test(line))));
      if (paths.length > 0) {
        // As `git log --raw -- <paths>`: a commit that touched none of them is left out, and so are its other files.
        commits = commits.flatMap((c) => {
          const files = c.files.filter((f) => paths.some((p) => underPathspec(f.path, p)));
          return files.length > 0 ? [{ ...c, files }] : [];
        });
      }
      return commits;
    },
    async walkHistory(query) {
      if (!query.paths.every(literalPath)) return git.walkHistory(query);
      const commits = await (whole ??= git.log({}));
      // As `git log --full-history --sparse --raw -- <paths>`: every commit, its files limited to the paths.
      const kept: CommitRecord[] = [];
      for (const c of commits) {
        const files = c.files.filter((f) => query.paths.some((p) => underPathspec(f.path, p)));
        if (query.keep(c.message, files.length > 0)) kept.push({ ...c, files });
      }
      reachable ??= shared.head().then((tip) => (tip ? countReachable(new Map(commits.map((c) => [c.sha, c.parents])), tip.sha) : 0));
      return { kept, reachableFromHead: await reachable };
    },
    async readBlobs(ids) {
      const missing = ids.filter((id) => !blobs.has(id));
      if (missing.length > 0) {
        missing.forEach((id) => queued.add(id));
        await readQueued();
      }
      const found = new Map<string, string>();
      for (const id of ids) {
        const text = blobs.get(id);
        if (text !== undefined) found.set(id, text);
      }
      return found;
    },
    readBlobBytes: (ids) => git.readBlobBytes(ids),
    history: () => (history ??= git.history()),
    resolveCommit: (revision) => git.resolveCommit(revision),
    changesSince: (base) => git.changesSince(base),
    commitsAfter: (base) => git.commitsAfter(base),
    commitIdentities: (shas) => git.commitIdentities(shas),
    blame: (file, revision) => git.blame(file, revision),
    listFiles: (dir) => git.listFiles(dir),
    treeLayout: (dir) => git.treeLayout(dir),
  };
  return shared;
}
