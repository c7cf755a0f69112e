#!/usr/bin/env node
// @ts-check
/**
 * The I/O floor of `specguard check`: one process that lists the documents of
 * the built-in kinds (with `git ls-files` in a git work tree), reads every one, extracts its YAML frontmatter (or
 * parses the JSON), parses the YAML with `yaml` and validates it with ajv
 * (Ajv2020 + ajv-formats, with specguard's options, each schema compiled
 * once). No markdown body parsing, no rules, no report: whatever specguard
 * does on top of this is its own cost.
 *
 * Plain ESM (no transpiler in the measured process), so it is run with bare
 * `node`. Prints one JSON line of counts, which the harness checks.
 *
 * Usage: node scripts/bench/floor.mjs <corpus> --schemas <dir>
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { parseDocument } from 'yaml';

/** @typedef {'mini-spec' | 'task-list' | 'task-packet' | 'checkpoint' | 'run-manifest' | 'tasks-index'} Kind */

/** The built-in kinds' default paths (src/kinds/builtin-kinds.ts), as regular expressions. */
/** @type {Array<[Kind, RegExp]>} */
const KINDS = [
  ['mini-spec', /^tasks\/specs\/[^/]+\.md$/],
  ['task-list', /^tasks\/tasks-[^/]*\.md$/],
  ['task-packet', /^state\/packets\/.+\.md$/],
  ['checkpoint', /^state\/checkpoints\/[^/]+\/[^/]+\.md$/],
  ['run-manifest', /^\.runs\/(?:.+\/)?manifest\.json$/],
  ['tasks-index', /^tasks\/index\.json$/],
];
/** Folders the kinds live in: nothing else is listed. */
const TOP = ['tasks', 'state', '.runs'];

const args = process.argv.slice(2);
const root = args[0];
const schemasAt = args.indexOf('--schemas');
const schemaDir = schemasAt >= 0 ? args[schemasAt + 1] : undefined;
if (!root || !schemaDir) {
  process.stderr.write('usage: node floor.mjs <corpus> --schemas <dir>\n');
  process.exit(2);
}

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = /** @type {import('ajv-formats').FormatsPlugin} */ (
  /** @type {any} */ (addFormatsModule).default.default ?? /** @type {any} */ (addFormatsModule).default
);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, validateFormats: true });
addFormats(ajv, ['date', 'date-time', 'uri']);
/** @type {Map<Kind, import('ajv').ValidateFunction>} */
const validators = new Map();
for (const [kind] of KINDS) {
  validators.set(kind, ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, `${kind}.schema.json`), 'utf8'))));
}

/** @param {string} relative */
function kindOf(relative) {
  for (const [kind, pattern] of KINDS) if (pattern.test(relative)) return kind;
  return undefined;
}

/** @param {string} text */
function frontmatterOf(text) {
  if (!/^---[ \t]*\r?\n/.test(text)) return undefined;
  const start = text.indexOf('\n') + 1;
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m;
  const rest = text.slice(start);
  const match = close.exec(rest);
  return match ? rest.slice(0, match.index) : rest;
}

/**
 * The repository's files under the kinds' folders: `git ls-files` (tracked, and untracked ones no ignore rule
 * excludes) in a git work tree, as issue 15's tight floor lists them; `readdirSync` elsewhere.
 * @returns repo-relative POSIX paths
 */
function listFiles() {
  if (existsSync(path.join(root, '.git'))) {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...TOP], { cwd: root, env, maxBuffer: 1 << 30 });
    return out.toString('utf8').split('\0').filter(Boolean);
  }
  return TOP.flatMap((top) => {
    try {
      return /** @type {string[]} */ (readdirSync(path.join(root, top), { recursive: true })).map((entry) => `${top}/${entry.split(path.sep).join('/')}`);
    } catch {
      return [];
    }
  });
}

let files = 0;
let bytes = 0;
let syntaxErrors = 0;
let invalid = 0;
for (const relative of listFiles()) {
  const kind = kindOf(relative);
  if (!kind) continue;
  const text = readFileSync(path.join(root, relative), 'utf8');
  files++;
  bytes += text.length;
  /** @type {unknown} */
  let value;
  if (kind === 'run-manifest' || kind === 'tasks-index') {
    try {
      value = JSON.parse(text);
    } catch {
      syntaxErrors++;
      continue;
    }
  } else {
    const yaml = frontmatterOf(text);
    if (yaml === undefined) {
      value = {};
    } else {
      const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
      if (doc.errors.length > 0) {
        syntaxErrors++;
        continue;
      }
      value = doc.toJS({ maxAliasCount: 100 }) ?? {};
    }
  }
  if (!validators.get(kind)?.(value)) invalid++;
}
process.stdout.write(`${JSON.stringify({ files, bytes, syntaxErrors, invalid })}\n`);
