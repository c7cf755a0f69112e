/**
 * One pass over HEAD's history, shared by every git-aware rule of a run:
 * the commits with the files they touched, and for each path the commit that
 * first added it. Paths are relative to the checked folder.
 */
import path from 'node:path';
import type { CommitRecord } from './log.js';
import type { GitRepository } from './repository.js';

/** When a path first appeared in history. */
export interface FirstAdded {
  sha: string;
  /** Committer time, ms since the epoch. */
  committedAt: number;
  /** True when that commit is a shallow clone's boundary: the path may be older than it. */
  atBoundary: boolean;
}

/** HEAD's history, indexed. */
export interface HistoryIndex {
  /** Newest first; file paths relative to the checked folder (files outside it are dropped). */
  commits: CommitRecord[];
  /** Path (relative to the checked folder) → the oldest commit that added it. */
  firstAdded: Map<string, FirstAdded>;
  shallow: boolean;
  /** Committer time (ms) of the oldest commit present. */
  oldest?: number;
}

/**
 * Builds the index with one `git log` process.
 * @param root - absolute path of the checked folder (inside the work tree)
 */
export async function buildHistoryIndex(git: GitRepository, root: string): Promise<HistoryIndex> {
  const [log, info] = await Promise.all([git.log({ headOnly: true }), git.history()]);
  const prefix = path.relative(git.topLevel, root).split(path.sep).join('/');
  const local = (p: string): string | undefined => (!prefix ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined);
  const commits: CommitRecord[] = [];
  for (const commit of log) {
    const files = commit.files.flatMap((f) => {
      const at = local(f.path);
      return at === undefined ? [] : [{ ...f, path: at }];
    });
    commits.push({ ...commit, files });
  }
  const boundary = new Set(info.boundary ?? []);
  const firstAdded = new Map<string, FirstAdded>();
  // Oldest first, so the first "A" seen for a path is its first appearance.
  for (let i = commits.length - 1; i >= 0; i--) {
    const commit = commits[i]!;
    for (const file of commit.files) {
      if (file.status !== 'A' || firstAdded.has(file.path)) continue;
      firstAdded.set(file.path, { sha: commit.sha, committedAt: Date.parse(commit.committedAt), atBoundary: boundary.has(commit.sha) });
    }
  }
  const last = commits[commits.length - 1];
  return { commits, firstAdded, shallow: info.shallow, ...(last ? { oldest: Date.parse(last.committedAt) } : {}) };
}

/**
 * A reader of HEAD's history that runs `git log` once, on first call.
 * @param openGit - opens the repository (memoized by the caller)
 * @returns a function resolving to the index, or `undefined` outside git or in a repository without commits
 */
export function lazyHistory(openGit: () => Promise<GitRepository | undefined>, root: string): () => Promise<HistoryIndex | undefined> {
  let history: Promise<HistoryIndex | undefined> | undefined;
  return () => (history ??= openGit().then(async (repository) => (repository && (await repository.head()) ? buildHistoryIndex(repository, root) : undefined)));
}
