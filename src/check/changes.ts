/**
 * Pull-request mode: what a change touches, relative to the checked folder.
 * The change runs from the merge base of `<ref>` and HEAD to the work tree, so
 * it holds committed, staged, unstaged and untracked edits, and not what the
 * base branch gained since the branch point.
 */
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import { SAFE_REVISION, type GitRepository } from '../git/repository.js';

/** The files of a change. Paths are relative to the checked folder. */
export interface ChangeSet {
  /** The ref as given, e.g. `origin/main`. */
  ref: string;
  /** Full sha of the merge base the change is measured from. */
  base: string;
  files: ReadonlySet<string>;
  /** Lines added or changed per file (1-based, work-tree version). */
  addedLines: ReadonlyMap<string, ReadonlySet<number>>;
  /** Files new to git (every line is new). */
  untracked: ReadonlySet<string>;
  /** Each changed file's blob id at the merge base; a file the change adds (committed, staged or untracked) is absent. */
  baseBlobs: ReadonlyMap<string, string>;
  /**
   * The lines of the boxes the change ticked, per changed file, decided from the items' content (see
   * `tickedInChange`); set by `check` before findings are judged.
   */
  tickedLines?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Whether a line of a file is new in the change (an untracked file is new throughout). */
export function isNewLine(changes: ChangeSet, file: string, line: number): boolean {
  return changes.untracked.has(file) || (changes.addedLines.get(file)?.has(line) ?? false);
}

/** Whether the change brings a finding in through a file it depends on (its `related` files), wherever the finding is. */
export function broughtIn(finding: Finding, changes: ChangeSet): boolean {
  return (finding.related ?? []).some((file) => changes.files.has(file));
}

/**
 * Checks a `--changed-since` ref before anything runs git.
 * @throws SpecguardError (`USAGE`) when it looks like an option or a range, or holds spaces, quotes or control characters
 */
export function assertRevision(ref: string): string {
  if (!SAFE_REVISION.test(ref) || /["'`$;&|<>]/.test(ref)) {
    throw new SpecguardError('USAGE', `--changed-since: \`${ref.replace(/[\r\n]/g, ' ')}\` is not a revision (a branch, tag or commit; no options, spaces or ranges)`);
  }
  return ref;
}

/**
 * Resolves `--changed-since <ref>`.
 * @throws SpecguardError (`USAGE`) when git is unavailable, the ref looks like an option or a range, or names no commit
 */
export async function resolveChanges(git: GitRepository | undefined, root: string, ref: string): Promise<ChangeSet> {
  assertRevision(ref);
  if (!git) throw new SpecguardError('USAGE', '--changed-since needs a git repository (and git on PATH)');
  const sha = await git.resolveCommit(ref);
  if (!sha) {
    throw new SpecguardError('USAGE', `--changed-since: \`${ref}\` names no commit here${(await git.isShallow()) ? ' (this is a shallow clone: fetch the base branch, or more history)' : ''}`);
  }
  const changes = await git.changesSince(sha);
  const prefix = path.relative(git.topLevel, root).split(path.sep).join('/');
  const local = (p: string): string | undefined => (!prefix ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined);
  const files = new Set([...changes.files].map(local).filter((p): p is string => p !== undefined));
  const untracked = new Set([...changes.untracked].map(local).filter((p): p is string => p !== undefined));
  const localMap = <T>(byTopLevel: ReadonlyMap<string, T>): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [file, value] of byTopLevel) {
      const at = local(file);
      if (at !== undefined) out.set(at, value);
    }
    return out;
  };
  return { ref, base: changes.base, files, addedLines: localMap(changes.addedLines), untracked, baseBlobs: localMap(changes.baseBlobs) };
}
