/** Where the files that ship with specguard live, whether it runs from `src/` or `dist/`. */
import { fileURLToPath } from 'node:url';

/** Absolute path of the package's `schemas/` folder. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** Absolute path of the package's `presets/` folder: one YAML file per ecosystem layout. */
export const PRESETS_DIR = fileURLToPath(new URL('../presets/', import.meta.url));

/** Absolute path of the package's `state/templates/` folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../state/templates/', import.meta.url));

/** Absolute path of a built-in schema file, e.g. `schemaFile('mini-spec')`. */
export function schemaFile(name: string): string {
  return `${SCHEMAS_DIR}${name}.schema.json`;
}

/**
 * Absolute path of the bundled o200k_base tokenizer (`dist/vendor/o200k-base.cjs`, written by
 * `scripts/build/bundle-tokenizer.mjs`), the same file whether this module runs from `src/` or `dist/`.
 */
export const TOKENIZER_BUNDLE = fileURLToPath(new URL('../dist/vendor/o200k-base.cjs', import.meta.url));

/** Absolute path of the package's `migrations/` folder: the database's versioned SQL migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
