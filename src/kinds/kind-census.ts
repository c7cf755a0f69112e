/**
 * How many files each kind has in a repository, as `specguard kinds` shows
 * it: the kinds of the repository's config (built-in and custom), their globs
 * and schema, and the files `check` would read as each (found by the same
 * discovery step, so ignore rules and kind order apply as in a check).
 */
import path from 'node:path';
import { discoverFiles } from '../check/discover.js';
import type { WorkspaceOptions } from '../check/workspace.js';
import { loadConfig } from '../config/load-config.js';
import { assertFolder } from '../fs/assert-folder.js';
import { openRepository } from '../git/repository.js';
import { SchemaRegistry } from '../validate/schema-registry.js';
import { BUILTIN_KINDS } from './builtin-kinds.js';
import type { KindDefinition } from './kind.js';

/** One kind and its files. */
export interface KindCount {
  name: string;
  builtIn: boolean;
  description: string;
  format: KindDefinition['format'];
  globs: string[];
  /** `built-in` for the schema that ships with specguard, else the schema's path (repo-relative when inside the repository). */
  schema: string;
  /** Files the kind's globs find (a file found by several kinds counts for the first, as in `check`). */
  files: number;
}

/** The census of a repository. */
export interface KindCensus {
  /** Repo-relative path of the config file, when there is one. */
  config?: string;
  kinds: KindCount[];
}

/**
 * Counts the files of every kind.
 * @throws SpecguardError (`USAGE`) when `root` is not a folder; (`CONFIG`) for an invalid config
 */
export async function kindCensus(options: Pick<WorkspaceOptions, 'root' | 'configFile'> = {}): Promise<KindCensus> {
  const root = path.resolve(options.root ?? process.cwd());
  assertFolder(root);
  const config = loadConfig(root, new SchemaRegistry(root), options.configFile);
  const files = await discoverFiles(config, await openRepository(root));
  const kinds = config.kinds.map((kind): KindCount => {
    const builtinPath = BUILTIN_KINDS.find((k) => k.name === kind.name)?.schemaPath;
    const relative = path.relative(root, kind.schemaPath);
    const schema = kind.schemaPath === builtinPath ? 'built-in' : relative.startsWith('..') || path.isAbsolute(relative) ? kind.schemaPath : relative.split(path.sep).join('/');
    return {
      name: kind.name,
      builtIn: kind.builtIn,
      description: kind.description,
      format: kind.format,
      globs: [...kind.globs],
      schema,
      files: files.filter((file) => file.kind.name === kind.name).length,
    };
  });
  return { ...(config.file ? { config: config.file } : {}), kinds };
}
