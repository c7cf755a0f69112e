/**
 * Discover step: finds the files of every kind with globby, honouring
 * .gitignore, and says which kind's globs found each one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/config.js';
import type { GitRepository } from '../git/repository.js';
import type { KindDefinition } from '../kinds/kind.js';

/** A file found by a kind's globs. */
export interface DiscoveredFile {
  /** Repo-relative POSIX path. */
  path: string;
  /** The first kind (in config order) whose globs match it. */
  kind: KindDefinition;
}

/**
 * Lists the files to check, sorted by path. In a git work tree the list comes
 * from git itself (`git ls-files`: tracked files and untracked ones no ignore
 * rule excludes), which is exact and fast; elsewhere from globby, honouring a
 * `.gitignore` if the folder has one. Symlinked folders are not followed, so a
 * link loop or a link out of the repository cannot widen the search.
 * @param git - the repository holding the root, if any
 */
export async function discoverFiles(config: ResolvedConfig, git?: GitRepository): Promise<DiscoveredFile[]> {
  const globs = config.kinds.flatMap((kind) => kind.globs);
  let paths: string[];
  if (git) {
    const wanted = picomatch(globs as string[], { dot: true });
    const ignored = picomatch(config.ignore, { dot: true });
    paths = (await git.listFiles(config.root)).filter((p) => wanted(p) && !ignored(p));
  } else {
    // globby loads only here: in a git work tree, git lists the files.
    const { globby } = await import('globby');
    paths = await globby(globs, {
      cwd: config.root,
      gitignore: existsSync(path.join(config.root, '.gitignore')),
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: config.ignore,
    });
  }
  const matchers = config.kinds.map((kind) => ({ kind, match: picomatch(kind.globs as string[], { dot: true }) }));
  const files: DiscoveredFile[] = [];
  for (const file of paths.sort()) {
    const owner = matchers.find((m) => m.match(file));
    if (owner) files.push({ path: file, kind: owner.kind });
  }
  return files;
}
