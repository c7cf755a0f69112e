/**
 * The build precompiles every built-in schema (scripts/build/compile-schemas.mjs). Those validators must judge
 * exactly as Ajv compiling the schema at run time: same verdict, same errors, on valid and broken documents.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../../src/validate/ajv-options.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const compiledDir = path.join(root, 'dist', 'validate', 'compiled');
const require = createRequire(import.meta.url);

/** Values that exercise types, required keys, formats, enums and extra keys. */
const SAMPLES: unknown[] = [
  null,
  'text',
  42,
  [],
  {},
  { kind: 'checkpoint', task: '0001', created: 'not a date' },
  { task: '0001', status: 'succeeded', started_at: '2025-10-16T02:17:35Z', commands: [{ command: 'npm test', exit_code: 0 }] },
  { task_id: 7, status: 'bogus', started_at: '2025-13-45', commands: 'npm test' },
  { id: '0001', title: 'x', status: 'approved', last_review: '2025-10-01', approvals: [{ by: 'a', at: '2025-10-01' }], governs: ['src/**'] },
  { id: 1, last_review: 'yesterday', approvals: 'none', unexpected: true },
  { items: [{ id: '0001', path: 'tasks/specs/0001.md', last_review: '2025-10-01' }, { id: 2 }] },
  { version: 1, findings: [{ ruleId: 'x', severity: 'fatal', file: 'a', line: 0, column: 1, message: 'm' }] },
];

function fixtureValues(): unknown[] {
  const values: unknown[] = [];
  for (const file of readdirSync(path.join(root, 'test', 'fixtures', 'seed-004'), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.json')) values.push(JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'seed-004', file), 'utf8')));
  }
  return values;
}

describe('precompiled built-in schemas', () => {
  let index: Record<string, { sha256: string; module: string }>;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build', 'compile-schemas.mjs')], { cwd: root, stdio: 'pipe' });
    index = JSON.parse(readFileSync(path.join(compiledDir, 'index.json'), 'utf8')) as typeof index;
  }, 120_000);

  it('covers every schema in schemas/', () => {
    const schemas = readdirSync(path.join(root, 'schemas')).filter((f) => f.endsWith('.schema.json'));
    expect(Object.keys(index).sort()).toEqual(schemas.sort());
  });

  it('judges every sample exactly as Ajv compiling at run time does', () => {
    const values = [...SAMPLES, ...fixtureValues()];
    for (const [name, entry] of Object.entries(index)) {
      const schema = JSON.parse(readFileSync(path.join(root, 'schemas', name), 'utf8')) as object;
      const atRunTime = createAjv().compile(schema);
      const loaded = require(path.join(compiledDir, entry.module)) as { default?: ValidateFunction } & ValidateFunction;
      const precompiled = loaded.default ?? loaded;
      let invalid = 0;
      for (const value of values) {
        const expected = atRunTime(value);
        const got = precompiled(value);
        expect(got, `${name}: verdict on ${JSON.stringify(value)}`).toBe(expected);
        if (!expected) invalid++;
        // Errors compared without `schema`/`parentSchema` object identity: same keywords, paths, params and messages.
        const strip = (errors: typeof atRunTime.errors) => (errors ?? []).map(({ instancePath, schemaPath, keyword, params, message, data }) => ({ instancePath, schemaPath, keyword, params, message, data }));
        expect(strip(precompiled.errors), `${name}: errors on ${JSON.stringify(value)}`).toEqual(strip(atRunTime.errors));
      }
      expect(invalid, `${name}: some samples must fail`).toBeGreaterThan(0);
    }
  });

  it('is what a built run validates with: Ajv\'s compiler is never loaded for the built-in kinds', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { SchemaRegistry } = await import(${JSON.stringify(path.join(root, 'dist', 'validate', 'schema-registry.js'))});
      const { schemaFile } = await import(${JSON.stringify(path.join(root, 'dist', 'package-paths.js'))});
      const errors = new SchemaRegistry().validator(schemaFile('checkpoint'))({ kind: 'checkpoint' });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ errors: errors.length, compiler: loaded.some((file) => file.includes('ajv/dist/2020')) }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as { errors: number; compiler: boolean };
    expect(out.errors).toBeGreaterThan(0);
    expect(out.compiler).toBe(false);
  });
});
