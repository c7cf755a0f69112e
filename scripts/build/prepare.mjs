#!/usr/bin/env node
/**
 * npm's `prepare` step: builds dist/ (npm runs it after `npm ci` in a clone,
 * and when installing specguard from a git URL or from a clone's folder).
 *
 * A git URL install gets the devDependencies the build needs; a folder install
 * (`npm install ../specguard`) does not, and `tsc` would be missing. In that
 * case this first installs the folder's own locked dependencies into the
 * folder (`npm ci --ignore-scripts`, the same as a developer's first step) and
 * then builds. A folder that already has dist/ and no build tools is left as
 * it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const BUILD_TOOLS = ['typescript/package.json', 'esbuild/package.json', 'gpt-tokenizer/package.json', 'ajv/package.json'];

function resolvable(id) {
  try {
    require.resolve(id, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/** Runs npm with the same npm that runs this script (npm_execpath), or `npm` on PATH. */
function npm(args) {
  const execpath = process.env.npm_execpath;
  const [command, prefix] = execpath && execpath.endsWith('.js') ? [process.execPath, [execpath]] : [execpath || 'npm', []];
  const result = spawnSync(command, [...prefix, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!BUILD_TOOLS.every(resolvable)) {
  if (existsSync(path.join(root, 'dist', 'cli', 'main.js')) && existsSync(path.join(root, 'dist', 'vendor', 'o200k-base.cjs'))) process.exit(0);
  process.stderr.write(`specguard: building needs the devDependencies; installing them into ${root}/node_modules (npm ci --ignore-scripts)\n`);
  npm(['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
npm(['run', 'build']);
