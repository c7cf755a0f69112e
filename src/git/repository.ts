/**
 * All git access goes through `src/git/` (no other module spawns git).
 * Arguments that come from users (shas, refs, task ids) are validated before
 * they reach git, and `--end-of-options` or `--` keeps them from being read
 * as options.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { countReachable, logFormat, newBoundary, parseAddedLines, parseBlame, parseCatFileBatch, parseLog, parseLogRecord, parseRaw, peekLogRecord, type BlameLine, type CommitRecord } from './log.js';
import { runGit, streamGit } from './run-git.js';
import { trimTrailing } from '../strings.js';

/** What HEAD points at. */
/** Who made a commit, and what vouches for it. */
export interface CommitIdentity {
  sha: string;
  authorName: string;
  authorEmail: string;
  /**
   * git's verdict on the commit's signature (`%G?`): `G` good, `B` bad, `U` good but of unknown validity, `X`/`Y`
   * expired signature or key, `R` revoked key, `E` cannot be checked, `N` no signature.
   */
  signature: string;
  /** The message's trailers, one `Key: value` a line (`Co-authored-by: …`, `Signed-off-by: …`), unfolded. */
  trailers: string[];
}

export interface HeadInfo {
  /** Full sha of the HEAD commit. */
  sha: string;
  /** The checked-out branch, or `undefined` on a detached HEAD. */
  branch?: string;
}

/** How much history a clone holds. */
export interface HistoryInfo {
  shallow: boolean;
  /** Commits reachable from HEAD. */
  commits: number;
  /** Author date (ISO 8601) of the oldest commit present, in a shallow clone. */
  oldest?: string;
  /** Full shas of a shallow clone's boundary commits (their parents are missing). */
  boundary?: string[];
}

/** What {@link GitRepository.walkHistory} found. */
export interface HistoryWalk {
  /** The commits `keep` accepted, newest first. */
  kept: CommitRecord[];
  /** How many commits are reachable from HEAD (in a shallow clone: of those present), as `git rev-list --count HEAD`. */
  reachableFromHead: number;
}

/** What to ask `git log` for. */
export interface LogQuery {
  /**
   * Extended regular expressions (POSIX ERE, case-insensitive) matched against
   * the message; a commit matching any is listed. Callers must escape user input.
   */
  grep?: readonly string[];
  /** Only commits that touch these paths (relative to the top level). */
  paths?: readonly string[];
  /** Only commits reachable from HEAD and not from this commit (7 to 40 hex digits): "since this commit". */
  after?: string;
  /** Only HEAD's history, not every local branch. */
  headOnly?: boolean;
  /**
   * Exactly these commits (full shas, as given; git's `--no-walk=unsorted`), not a walk of history: the files of
   * a few commits found otherwise.
   */
  commits?: readonly string[];
  /**
   * Only renames and deletions, found with git's rename detection (`-M --diff-filter=RD`): a moved file is one
   * `R` entry with its old path, not an `A` and a `D`.
   */
  movesOnly?: boolean;
}

/** What a change touches: files changed since a base commit, in the work tree. */
export interface WorkTreeChanges {
  /** Full sha of the base (the merge base of the ref and HEAD). */
  base: string;
  /** Repo-relative (top-level-relative) paths changed since the base: committed, staged, unstaged or untracked. Deleted paths are left out. */
  files: Set<string>;
  /** Lines added or changed in each file (1-based, in the work tree version); untracked files are absent (every line is new). */
  addedLines: Map<string, Set<number>>;
  /** Untracked files (every line new). */
  untracked: Set<string>;
  /**
   * Each changed file's blob at the base (repo-relative path → full blob id), for reading the file as it was with
   * {@link GitRepository.readBlobBytes}. A file new in the change (committed, staged or untracked) is absent.
   */
  baseBlobs: Map<string, string>;
}

/**
 * A revision a user may name: a branch, a tag, `HEAD~2`, a sha. No leading
 * dash (an option), no whitespace or control characters, no `..` (a range).
 */
export const SAFE_REVISION = /^(?!-)(?!.*\.\.)[^\s\x00-\x1f\x7f~^:?*[\\]+(?:[~^]\d*)*$/;

/** A git repository that specguard reads. */
export interface GitRepository {
  /** Absolute path of the work tree's top level. */
  readonly topLevel: string;
  /**
   * Which of these commits exist in the object database.
   * @param shas - 7 to 40 hex digits each; anything else is reported as absent without asking git
   * @returns a map from each sha (as given) to whether it names a commit
   */
  commitsExist(shas: readonly string[]): Promise<Map<string, boolean>>;
  /** True in a shallow clone, where old commits may be missing though they exist upstream. */
  isShallow(): Promise<boolean>;
  /** HEAD, or `undefined` in a repository with no commits. */
  head(): Promise<HeadInfo | undefined>;
  /** `user.name` from git config, if set. */
  userName(): Promise<string | undefined>;
  /**
   * The URL of the `origin` remote (`remote.origin.url`), with any user name and password removed; `undefined`
   * when there is none.
   */
  originUrl(): Promise<string | undefined>;
  /**
   * Commits on every local branch and HEAD (or since `after`), newest first, each with the files it touched.
   * One `git log` process, whatever the history's length.
   * @throws Error when `after` is not a sha; GitCommandError when git fails (e.g. `after` is not in history)
   */
  log(query: LogQuery): Promise<CommitRecord[]>;
  /**
   * One pass over the commits of every local branch and HEAD, newest first: each commit, with the files it touched
   * among `paths` (git's `--full-history --sparse`: every commit is listed, its file list limited to the paths), is
   * offered to `keep`, and those it accepts are returned. One pass answers which commits touch a folder, which
   * mention a task and how long the history is; the output is parsed as it streams, and only the kept commits are
   * parsed whole and held (besides each commit's id and parents, a few hundred bytes a commit, to count those
   * reachable from HEAD).
   * @param query.paths - relative to the top level; none: no file lists at all
   * @param query.keep - given each commit's whole message and whether it touched any of `paths`
   * @throws GitCommandError when git fails
   */
  walkHistory(query: { paths: readonly string[]; keep: (message: string, touchesPaths: boolean) => boolean }): Promise<HistoryWalk>;
  /** Reads blobs by id with one `git cat-file --batch`; ids not found are left out. Contents are decoded as UTF-8. */
  readBlobs(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Reads blobs by id with one `git cat-file --batch`, as bytes.
   * @param ids - full blob ids (40 or 64 hex digits); others, and ids not found, are left out of the answer
   */
  readBlobBytes(ids: readonly string[]): Promise<Map<string, Buffer>>;
  /** How deep the history goes. */
  history(): Promise<HistoryInfo>;
  /**
   * Resolves a revision to a full commit sha.
   * @returns `undefined` when it names no commit
   * @throws Error when the revision is not {@link SAFE_REVISION} (never passed to git)
   */
  resolveCommit(revision: string): Promise<string | undefined>;
  /**
   * What changed between the merge base of `base` and HEAD, and the work tree (committed, staged, unstaged, untracked).
   * @param base - a full sha from {@link resolveCommit}
   */
  changesSince(base: string): Promise<WorkTreeChanges>;
  /**
   * The commits reachable from HEAD and not from `base` (`git rev-list base..HEAD`): what came after it.
   * @param base - a full sha from {@link resolveCommit}
   * @throws Error when `base` is not a full sha (never passed to git)
   */
  commitsAfter(base: string): Promise<Set<string>>;
  /**
   * Who made each commit, whether git verifies its signature, and its trailers; one git call for all.
   * @param shas - full shas (others are left out)
   * @returns sha → identity, for the commits that exist
   */
  commitIdentities(shas: readonly string[]): Promise<Map<string, CommitIdentity>>;
  /**
   * Per line of a committed file, the commit that last changed it (`git blame --porcelain`); empty when the file is
   * untracked (or absent from `revision`).
   * @param revision - a full sha: blame the file as it is in that commit rather than in the work tree
   * @throws Error when `revision` is given and is not a full sha (never passed to git)
   */
  blame(path: string, revision?: string): Promise<Map<number, BlameLine>>;
  /**
   * Whether each path existed (as a file or a folder) in a commit's tree; one `git cat-file --batch-check` for all.
   * @param queries - a full commit sha and a path relative to the top level each; a path with a newline or a
   * non-sha commit is answered `false` without asking git
   * @returns one answer per query, in order
   */
  existedAt(queries: ReadonlyArray<{ commit: string; path: string }>): Promise<boolean[]>;
  /**
   * The files git sees under a folder: tracked (and still present) plus untracked ones that no ignore rule
   * (.gitignore at any depth, .git/info/exclude, core.excludesFile) excludes.
   * @param dir - absolute path of a folder in the work tree
   * @returns paths relative to `dir`, POSIX separators
   */
  listFiles(dir: string): Promise<string[]>;
  /**
   * The work tree's changes against HEAD under a folder (`git status --porcelain=v1 -z --untracked-files=all
   * --no-renames`): every modified, added, deleted or untracked path that no ignore rule excludes.
   * @param dir - absolute path of a folder in the work tree
   * @returns `XY` status code and path relative to `dir` (POSIX separators), in git's order
   */
  workTreeStatus(dir: string): Promise<Array<{ code: string; path: string }>>;
  /**
   * What git holds under a folder that is not in its work tree to read: tracked files outside a sparse
   * checkout's cone (skip-worktree), with their blob ids in the index; submodules; untracked nested repositories.
   * Shares one listing with {@link listFiles}.
   * @param dir - absolute path of a folder in the work tree
   */
  treeLayout(dir: string): Promise<TreeLayout>;
}

/** What a folder of the work tree holds that is not read from the work tree (see {@link GitRepository.treeLayout}). */
export interface TreeLayout {
  /** Tracked files outside the sparse checkout's cone (relative to the folder) → their blob id in the index. */
  outsideCone: Map<string, string>;
  /** Submodules (gitlinks) and untracked nested git repositories, relative to the folder, without a trailing slash. */
  nested: string[];
}

const SHA = /^[0-9a-f]{7,40}$/i;
/** A full object id: SHA-1 or SHA-256. */
const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Opens the repository that holds `dir`.
 * @returns `undefined` when `dir` is not in a git work tree or git is not installed
 */
export async function openRepository(dir: string): Promise<GitRepository | undefined> {
  let topLevel: string;
  try {
    topLevel = (await runGit(dir, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  } catch {
    return undefined; // not a work tree, or git is not installed
  }
  if (!topLevel) return undefined;
  let shallow: Promise<boolean> | undefined;
  let head: Promise<HeadInfo | undefined> | undefined;
  const text = async (args: string[]): Promise<string> => (await runGit(topLevel, args)).toString('utf8');
  const listings = new Map<string, Promise<{ files: string[]; layout: TreeLayout }>>();
  /**
   * One listing of a folder: `ls-files -t -s` for tracked files (a tag, `S` for skip-worktree; the mode, 160000
   * for a submodule; the blob id), the untracked ones no ignore rule excludes (an embedded repository is listed
   * as `name/`), less those deleted from the work tree.
   */
  const listing = (dir: string): Promise<{ files: string[]; layout: TreeLayout }> => {
    let known = listings.get(dir);
    if (!known) {
      known = (async () => {
        const prefix = path.relative(topLevel, dir).split(path.sep).join('/');
        const scope = prefix ? ['--', `${prefix}/`] : [];
        const nul = (out: string): string[] => out.split('\0').filter(Boolean);
        const [tracked, others, deleted] = await Promise.all([
          text(['-c', 'core.quotePath=false', 'ls-files', '-z', '-t', '-s', '--cached', ...scope]),
          text(['-c', 'core.quotePath=false', 'ls-files', '-z', '--others', '--exclude-standard', ...scope]),
          text(['-c', 'core.quotePath=false', 'ls-files', '-z', '--deleted', ...scope]),
        ]);
        const local = (p: string): string => (prefix ? p.slice(prefix.length + 1) : p);
        const gone = new Set(nul(deleted));
        const files = new Set<string>();
        const outsideCone = new Map<string, string>();
        const nested = new Set<string>();
        for (const entry of nul(tracked)) {
          // `<tag> <mode> <blob> <stage>\t<path>`
          const tab = entry.indexOf('\t');
          if (tab === -1) continue;
          const [tag, mode, blob] = entry.slice(0, tab).split(' ');
          const file = entry.slice(tab + 1);
          if (mode === '160000') nested.add(local(file));
          else if (tag === 'S') outsideCone.set(local(file), blob ?? '');
          else if (!gone.has(file)) files.add(local(file));
        }
        for (const file of nul(others)) {
          if (file.endsWith('/')) nested.add(local(file.slice(0, -1)));
          else files.add(local(file));
        }
        return { files: [...files], layout: { outsideCone, nested: [...nested].sort() } };
      })();
      listings.set(dir, known);
    }
    return known;
  };
  const repository: GitRepository = {
    topLevel,
    async commitsExist(shas) {
      const unique = [...new Set(shas)];
      const valid = unique.filter((sha) => SHA.test(sha));
      const found = new Map<string, boolean>(unique.map((sha) => [sha, false]));
      if (valid.length === 0) return found;
      // One process for all: `cat-file --batch-check` answers "<sha> commit <size>" or "<sha> missing".
      const answer = (await runGit(topLevel, ['cat-file', '--batch-check'], valid.map((sha) => `${sha}^{commit}`).join('\n') + '\n')).toString('utf8');
      answer
        .split('\n')
        .filter(Boolean)
        .forEach((line, i) => found.set(valid[i]!, !/ missing$| ambiguous$/.test(line)));
      return found;
    },
    isShallow() {
      shallow ??= text(['rev-parse', '--is-shallow-repository'])
        .then((out) => out.trim() === 'true')
        .catch(() => false);
      return shallow;
    },
    head() {
      // Read once: a repository object serves one run, during which HEAD does not move.
      head ??= (async () => {
        const [sha, branch] = await Promise.all([
          text(['rev-parse', '--verify', '--quiet', 'HEAD']).then((out) => out.trim(), () => ''),
          text(['symbolic-ref', '--quiet', '--short', 'HEAD']).then((out) => out.trim(), () => ''),
        ]);
        if (!sha) return undefined;
        return branch ? { sha, branch } : { sha };
      })();
      return head;
    },
    async userName() {
      const name = (await text(['config', '--get', 'user.name']).catch(() => '')).trim();
      return name || undefined;
    },
    async originUrl() {
      const url = (await text(['config', '--get', 'remote.origin.url']).catch(() => '')).trim();
      return url ? withoutCredentials(url) : undefined;
    },
    async log(query) {
      if (!(await repository.head())) return [];
      if (query.after !== undefined && !SHA.test(query.after)) throw new Error(`not a commit sha: ${query.after}`);
      if (query.commits) {
        if (query.commits.length === 0) return [];
        const bad = query.commits.find((sha) => !FULL_SHA.test(sha));
        if (bad !== undefined) throw new Error(`not a full sha: ${bad}`);
      }
      const revisions = query.commits ? ['--no-walk=unsorted', ...query.commits] : query.after ? [`${query.after}..HEAD`] : query.headOnly ? ['HEAD'] : ['--branches', 'HEAD'];
      const boundary = newBoundary();
      const renames = query.movesOnly ? ['-M', '--diff-filter=RD'] : ['--no-renames'];
      const args = ['log', ...revisions, `--format=${logFormat(boundary)}`, '--raw', '--no-abbrev', '-z', ...renames];
      if (query.grep && query.grep.length > 0) args.push('-i', '-E', ...query.grep.map((pattern) => `--grep=${pattern}`));
      args.push('--');
      if (query.paths) args.push(...query.paths);
      return parseLog((await runGit(topLevel, args)).toString('utf8'), boundary);
    },
    async walkHistory(query) {
      // HEAD is read beside the walk, not before it: in a repository without commits the walk fails, and says nothing.
      const reading = repository.head();
      const boundary = newBoundary();
      const args = ['log', '--branches', 'HEAD', `--format=${logFormat(boundary)}`, '--no-abbrev', '-z', '--no-renames', '--full-history', '--sparse'];
      if (query.paths.length > 0) args.push('--raw');
      args.push('--', ...query.paths);
      const kept: CommitRecord[] = [];
      const parents = new Map<string, string[]>();
      // Most commits are only counted: only a kept one is parsed whole.
      const take = (record: string): void => {
        const peeked = peekLogRecord(record);
        if (!peeked) return;
        parents.set(peeked.sha, peeked.parents);
        if (!query.keep(peeked.message, peeked.hasFiles)) return;
        const commit = parseLogRecord(record);
        if (commit) kept.push(commit);
      };
      let pending = '';
      try {
        await streamGit(topLevel, args, (text) => {
          const records = (pending + text).split(boundary);
          pending = records.pop()!;
          for (const record of records) take(record);
        });
      } catch (error) {
        if (!(await reading)) return { kept: [], reachableFromHead: 0 };
        throw error;
      }
      take(pending);
      const head = await reading;
      if (!head) return { kept: [], reachableFromHead: 0 };
      return { kept, reachableFromHead: countReachable(parents, head.sha) };
    },
    async readBlobs(ids) {
      const blobs = await repository.readBlobBytes(ids);
      return new Map([...blobs].map(([id, bytes]) => [id, bytes.toString('utf8')]));
    },
    async readBlobBytes(ids) {
      const wanted = [...new Set(ids)].filter((id) => FULL_SHA.test(id) && !/^0+$/.test(id));
      if (wanted.length === 0) return new Map();
      return parseCatFileBatch(await runGit(topLevel, ['cat-file', '--batch'], `${wanted.join('\n')}\n`));
    },
    async history() {
      const isShallow = await repository.isShallow();
      const commits = Number((await text(['rev-list', '--count', 'HEAD']).catch(() => '0')).trim()) || 0;
      if (!isShallow) return { shallow: false, commits };
      const shallowFile = (await text(['rev-parse', '--git-path', 'shallow'])).trim();
      const boundary = (await readFile(path.resolve(topLevel, shallowFile), 'utf8').catch(() => '')).split('\n').filter((s) => SHA.test(s));
      const dates = boundary.length > 0 ? (await text(['show', '-s', '--format=%aI', ...boundary, '--'])).split('\n').filter(Boolean).sort() : [];
      return dates[0] ? { shallow: true, commits, oldest: dates[0], boundary } : { shallow: true, commits, boundary };
    },
    async resolveCommit(revision) {
      if (!SAFE_REVISION.test(revision)) throw new Error(`not a revision: ${revision}`);
      const sha = (await text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).catch(() => '')).trim();
      return sha || undefined;
    },
    async commitIdentities(shas) {
      const wanted = [...new Set(shas)].filter((sha) => FULL_SHA.test(sha));
      const out = new Map<string, CommitIdentity>();
      if (wanted.length === 0) return out;
      // NUL between fields and two NULs after each record: no field can hold a NUL, so none can forge a record;
      // each record's shape is checked besides.
      const format = '%H%x00%an%x00%ae%x00%G?%x00%(trailers:only,unfold)%x00%x00';
      const output = (await runGit(topLevel, ['show', '-s', '--no-show-signature', `--format=${format}`, '--end-of-options', ...wanted]).catch(() => Buffer.alloc(0))).toString('utf8');
      for (const record of output.split('\0\0')) {
        const [sha, authorName, authorEmail, signature, trailers] = record.replace(/^\n+/, '').split('\0');
        if (!sha || !FULL_SHA.test(sha) || signature === undefined || !/^[GBUXYREN]$/.test(signature)) continue;
        out.set(sha, { sha, authorName: authorName ?? '', authorEmail: authorEmail ?? '', signature, trailers: (trailers ?? '').split('\n').filter((line) => line.includes(':')) });
      }
      return out;
    },
    async commitsAfter(base) {
      if (!FULL_SHA.test(base)) throw new Error(`not a full sha: ${base}`);
      const out = await text(['rev-list', '--end-of-options', `${base}..HEAD`]).catch(() => '');
      return new Set(out.split('\n').filter((line) => FULL_SHA.test(line)));
    },
    async changesSince(base) {
      if (!FULL_SHA.test(base)) throw new Error(`not a full sha: ${base}`);
      const mergeBase = (await text(['merge-base', base, 'HEAD']).catch(() => base)).trim() || base;
      const nul = (out: string): string[] => out.split('\0').filter(Boolean);
      const [changed, untrackedOut, diff] = await Promise.all([
        // `--raw` names each changed file with its blob at the base (all zeros when the change adds the file).
        text(['diff', '--raw', '--no-abbrev', '--no-renames', '--diff-filter=d', '-z', mergeBase, '--']),
        text(['ls-files', '--others', '--exclude-standard', '-z']),
        text(['-c', 'core.quotePath=false', 'diff', '-U0', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', mergeBase, '--']),
      ]);
      const untracked = new Set(nul(untrackedOut));
      const entries = parseRaw(changed);
      const baseBlobs = new Map(entries.filter((entry) => !/^0+$/.test(entry.oldBlob)).map((entry) => [entry.path, entry.oldBlob]));
      return { base: mergeBase, files: new Set([...entries.map((entry) => entry.path), ...untracked]), addedLines: parseAddedLines(diff), untracked, baseBlobs };
    },
    async listFiles(dir) {
      return (await listing(dir)).files;
    },
    async treeLayout(dir) {
      return (await listing(dir)).layout;
    },
    async workTreeStatus(dir) {
      const prefix = path.relative(topLevel, dir).split(path.sep).join('/');
      const out = await text(['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', ...(prefix ? ['--', `${prefix}/`] : [])]);
      // `XY <path>`, each entry NUL-terminated; paths are relative to the top level.
      return out
        .split('\0')
        .filter((entry) => entry.length > 3)
        .map((entry) => ({ code: entry.slice(0, 2), path: prefix ? entry.slice(3).slice(prefix.length + 1) : entry.slice(3) }));
    },
    async blame(file, revision) {
      if (revision !== undefined && !FULL_SHA.test(revision)) throw new Error(`not a full sha: ${revision}`);
      const out = await text(['blame', '--porcelain', ...(revision !== undefined ? [revision] : []), '--', file]).catch(() => '');
      return parseBlame(out);
    },
    async existedAt(queries) {
      const askable = (q: { commit: string; path: string }): boolean => FULL_SHA.test(q.commit) && q.path !== '' && !/[\n\r\0]/.test(q.path);
      const asked = queries.filter(askable);
      if (asked.length === 0) return queries.map(() => false);
      const input = `${asked.map((q) => `${q.commit}:${trimTrailing(q.path, '/')}`).join('\n')}\n`;
      // One answer line per input line: `<id> <type> <size>`, or `<input> missing`.
      const answers = (await runGit(topLevel, ['cat-file', '--batch-check=%(objecttype)'], input)).toString('utf8').split('\n');
      let at = 0;
      return queries.map((q) => {
        if (!askable(q)) return false;
        const answer = answers[at++] ?? '';
        return answer === 'blob' || answer === 'tree';
      });
    },
  };
  return repository;
}

/**
 * A remote URL without the credentials a URL may carry (`https://user:token@host/…` → `https://host/…`); an scp-like
 * address (`git@host:owner/name.git`) keeps its user, which is not a secret.
 */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
