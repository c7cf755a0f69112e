/**
 * All git access goes through this module (no other module spawns git).
 * Arguments that come from users (shas, refs, task ids) are validated before
 * they reach git, and `--end-of-options` keeps them from being read as options.
 */
import { simpleGit, type SimpleGit } from 'simple-git';

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
}

const SHA = /^[0-9a-f]{7,40}$/i;

/**
 * Opens the repository that holds `dir`.
 * @returns `undefined` when `dir` is not in a git work tree or git is not installed
 */
export async function openRepository(dir: string): Promise<GitRepository | undefined> {
  let git: SimpleGit;
  let topLevel: string;
  try {
    git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 4 });
    topLevel = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
  if (!topLevel) return undefined;
  let shallow: Promise<boolean> | undefined;
  return {
    topLevel,
    async commitsExist(shas) {
      const unique = [...new Set(shas)];
      const answers = await Promise.all(
        unique.map(async (sha): Promise<[string, boolean]> => {
          if (!SHA.test(sha)) return [sha, false];
          try {
            const out = await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${sha}^{commit}`]);
            return [sha, out.trim().length > 0];
          } catch {
            return [sha, false];
          }
        }),
      );
      return new Map(answers);
    },
    isShallow() {
      shallow ??= git
        .raw(['rev-parse', '--is-shallow-repository'])
        .then((out) => out.trim() === 'true')
        .catch(() => false);
      return shallow;
    },
  };
}
