/**
 * One pass over HEAD's history, shared by every git-aware rule of a run:
 * the commits with the files they touched, and for each path the commit that
 * first added it. Paths are relative to the checked folder.
 */
import path from 'node:path';
import { trimTrailing } from '../strings.js';
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
  /**
   * The commits that touched a file, or any file under a folder (relative to the checked folder), newest first;
   * indexed on first call, so that a rule asks per cited path without scanning every commit's files.
   */
  touching(path: string): readonly CommitRecord[];
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
  let touched: Map<string, CommitRecord[]> | undefined;
  const touching = (at: string): readonly CommitRecord[] => {
    if (!touched) {
      touched = new Map();
      for (const commit of commits) {
        // The file and each folder above it; a commit is listed once per path, however many of its files lie there.
        for (const key of new Set(commit.files.flatMap((file) => pathAndFolders(file.path)))) {
          const list = touched.get(key);
          if (list) list.push(commit);
          else touched.set(key, [commit]);
        }
      }
    }
    return touched.get(trimTrailing(at, '/')) ?? [];
  };
  return { commits, firstAdded, shallow: info.shallow, touching, ...(last ? { oldest: Date.parse(last.committedAt) } : {}) };
}

/** `a/b/c.md` → `a/b/c.md`, `a/b`, `a`. */
function pathAndFolders(file: string): string[] {
  const keys = [file];
  for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) keys.push(file.slice(0, at));
  return keys;
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
