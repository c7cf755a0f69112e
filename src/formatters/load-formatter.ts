/** Finds a formatter by name: a built-in one, or a module path that default-exports one. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SpecguardError } from '../errors.js';
import type { BuiltinFormatName } from './format-names.js';
import type { Formatter } from './formatter.js';
import { githubFormatter } from './github.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { sarifFormatter } from './sarif.js';
import { stylishFormatter } from './stylish.js';

/** The built-in formatters by name. */
export const BUILTIN_FORMATTERS: Readonly<Record<BuiltinFormatName, Formatter>> = {
  stylish: stylishFormatter,
  json: jsonFormatter,
  sarif: sarifFormatter,
  junit: junitFormatter,
  github: githubFormatter,
};

/**
 * Resolves `--format`.
 * @param name - a built-in name, or a path (containing `/` or ending in `.js`/`.mjs`) of an ES module whose
 *   default export is a {@link Formatter}
 * @param cwd - what a relative module path is relative to
 * @throws SpecguardError (`USAGE`) when the name is unknown or the module has no formatter
 */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  const builtIn = (BUILTIN_FORMATTERS as Readonly<Record<string, Formatter>>)[name];
  if (builtIn) return builtIn;
  if (!name.includes('/') && !/\.[cm]?js$/.test(name)) {
    throw new SpecguardError('USAGE', `--format: unknown format \`${name}\`; use one of ${Object.keys(BUILTIN_FORMATTERS).join(', ')}, or a path to a formatter module`);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path.resolve(cwd, name)).href)) as { default?: unknown };
  } catch (error) {
    throw new SpecguardError('USAGE', `--format: cannot load formatter module \`${name}\` (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  if (typeof module.default !== 'function') throw new SpecguardError('USAGE', `--format: \`${name}\` has no default export that is a formatter function`);
  return module.default as Formatter;
}
