/**
 * Where the files that ship with specguard live, whether it runs from `src/`, from `dist/` (tsc's output, the
 * library) or from the CLI bundle in `dist/cli-bundle/`: every path is found from the package's root, the
 * nearest folder above this module whose package.json names specguard.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The package's root folder, absolute.
 * @throws Error when no folder above this module holds specguard's package.json (a broken install)
 */
function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'specguard') return dir;
    if (path.dirname(dir) === dir) throw new Error(`specguard's package.json was not found above ${here}`);
  }
}

/** Absolute path of the package's root folder (where its package.json is), with a trailing separator. */
export const PACKAGE_DIR = `${packageRoot()}${path.sep}`;

/** Absolute path of the package's `schemas/` folder. */
export const SCHEMAS_DIR = path.join(PACKAGE_DIR, 'schemas') + path.sep;

/** Absolute path of the package's `presets/` folder: one YAML file per ecosystem layout. */
export const PRESETS_DIR = path.join(PACKAGE_DIR, 'presets') + path.sep;

/** Absolute path of the package's `state/templates/` folder. */
export const TEMPLATES_DIR = path.join(PACKAGE_DIR, 'state', 'templates') + path.sep;

/** Absolute path of a built-in schema file, e.g. `schemaFile('mini-spec')`. */
export function schemaFile(name: string): string {
  return `${SCHEMAS_DIR}${name}.schema.json`;
}

/**
 * Absolute path of the bundled o200k_base tokenizer (`dist/vendor/o200k-base.cjs`, written by
 * `scripts/build/bundle-tokenizer.mjs`), the same file whether this module runs from `src/` or `dist/`.
 */
export const TOKENIZER_BUNDLE = path.join(PACKAGE_DIR, 'dist', 'vendor', 'o200k-base.cjs');

/** Absolute path of the package's `migrations/` folder: the database's versioned SQL migrations. */
export const MIGRATIONS_DIR = path.join(PACKAGE_DIR, 'migrations') + path.sep;

/** The package's `package.json`. */
export const PACKAGE_JSON = path.join(PACKAGE_DIR, 'package.json');

/**
 * The URL of a module of tsc's output (`dist/<module>`): a worker thread's entry point, or a file the build
 * writes there (`validate/compiled/`), wherever the module asking was bundled.
 * @param module - relative to `dist/`, POSIX separators, e.g. `check/check-worker.js` (a folder ends in `/`)
 */
export function distUrl(module: string): URL {
  return pathToFileURL(path.join(PACKAGE_DIR, 'dist', ...module.split('/')) + (module.endsWith('/') ? path.sep : ''));
}
