/** Where the files that ship with specguard live, whether it runs from `src/` or `dist/`. */
import { fileURLToPath } from 'node:url';

/** Absolute path of the package's `schemas/` folder. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** Absolute path of the package's `state/templates/` folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../state/templates/', import.meta.url));

/** Absolute path of a built-in schema file, e.g. `schemaFile('mini-spec')`. */
export function schemaFile(name: string): string {
  return `${SCHEMAS_DIR}${name}.schema.json`;
}
