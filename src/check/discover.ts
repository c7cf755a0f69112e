/**
 * Discover step: finds the files of every kind with globby, honouring
 * .gitignore, and says which kind's globs found each one.
 */
import { globby } from 'globby';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/config.js';
import type { KindDefinition } from '../kinds/kind.js';

/** A file found by a kind's globs. */
export interface DiscoveredFile {
  /** Repo-relative POSIX path. */
  path: string;
  /** The first kind (in config order) whose globs match it. */
  kind: KindDefinition;
}

/**
 * Lists the files to check, sorted by path.
 * Symlinked folders are not followed, so a link loop or a link out of the
 * repository cannot widen the search.
 */
export async function discoverFiles(config: ResolvedConfig): Promise<DiscoveredFile[]> {
  const globs = config.kinds.flatMap((kind) => kind.globs);
  const paths = await globby(globs, {
    cwd: config.root,
    gitignore: true,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: config.ignore,
  });
  const matchers = config.kinds.map((kind) => ({ kind, match: picomatch(kind.globs as string[], { dot: true }) }));
  const files: DiscoveredFile[] = [];
  for (const file of paths.sort()) {
    const owner = matchers.find((m) => m.match(file));
    if (owner) files.push({ path: file, kind: owner.kind });
  }
  return files;
}
