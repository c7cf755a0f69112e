#!/usr/bin/env node
/**
 * Build step: bundles the CLI (dist/cli/main.js and everything it imports, its
 * dependencies too) into dist/cli-bundle/ with esbuild, split at the CLI's
 * lazy imports so that each command loads only its own code. Node then reads a
 * few files instead of some 300 modules: every command starts about 50 ms
 * sooner. The library (dist/index.js) and the worker threads' entry points
 * stay tsc's output; the bundle finds them, and every file that ships with the
 * package, from the package's root (src/package-paths.ts). The database
 * engines stay outside the bundle: PGlite loads its WebAssembly from its own
 * folder, and `pg` loads optional native modules.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, 'dist', 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'dist', 'cli', 'main.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  chunkNames: 'chunk-[hash]',
  // Prefer the ESM builds (jsonc-parser's `main` is a UMD build that requires its own files at run time).
  mainFields: ['module', 'main'],
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pg-native'],
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __specguardRequire } from 'node:module'; const require = __specguardRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'error',
});
process.stdout.write('bundle-cli: dist/cli/main.js bundled to dist/cli-bundle/\n');
