#!/usr/bin/env node
/**
 * Build step: compiles each built-in JSON Schema (schemas/*.schema.json) to
 * standalone validation code with Ajv's standalone mode, so that a run loads a
 * small module instead of loading Ajv and compiling. Writes
 * dist/validate/compiled/<name>.cjs and index.json (schema file name → SHA-256
 * of the schema's bytes and module file); the registry uses a module only when
 * the schema's bytes still hash the same. Runs after `tsc` (it imports dist/).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { createAjv } = await import(path.join(root, 'dist', 'validate', 'ajv-options.js'));
const standaloneCode = require('ajv/dist/standalone').default;

const schemasDir = path.join(root, 'schemas');
const outDir = path.join(root, 'dist', 'validate', 'compiled');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = {};
for (const name of readdirSync(schemasDir).filter((file) => file.endsWith('.schema.json')).sort()) {
  const bytes = readFileSync(path.join(schemasDir, name));
  // One Ajv per schema: the generated module then holds exactly that schema and what it refers to.
  const ajv = createAjv({ code: { source: true } });
  const validate = ajv.compile(JSON.parse(bytes.toString('utf8')));
  const module = `${name.replace(/\.schema\.json$/, '')}.cjs`;
  writeFileSync(path.join(outDir, module), standaloneCode(ajv, validate));
  index[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), module };
}
writeFileSync(path.join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
process.stdout.write(`compile-schemas: ${Object.keys(index).length} built-in schemas compiled to ${path.relative(root, outDir)}\n`);
