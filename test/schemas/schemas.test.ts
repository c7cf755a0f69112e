/**
 * The shipped JSON Schemas: valid draft 2020-12, each with `$id`, `title`,
 * `description` on every property, and `examples` that validate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const addFormats = ((addFormatsModule as unknown as { default: { default?: unknown } }).default.default ?? (addFormatsModule as unknown as { default: unknown }).default) as (ajv: Ajv2020) => void;

const DIR = path.resolve('schemas');
const files = readdirSync(DIR).filter((f) => f.endsWith('.schema.json'));

/** Every property declaration (`properties.*`, and `additionalProperties` objects) in a schema, with its JSON path. */
function properties(node: unknown, at: string, out: Array<[string, Record<string, unknown>]>): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.properties && typeof record.properties === 'object') {
    for (const [key, value] of Object.entries(record.properties as Record<string, unknown>)) {
      out.push([`${at}/properties/${key}`, value as Record<string, unknown>]);
      properties(value, `${at}/properties/${key}`, out);
    }
  }
  for (const key of ['items', 'additionalProperties']) {
    if (record[key] && typeof record[key] === 'object') properties(record[key], `${at}/${key}`, out);
  }
}

describe('shipped schemas', () => {
  it('includes the nine kinds, the config, the presets, the report and the brief', () => {
    expect(files.sort()).toEqual(
      ['brief', 'checkpoint', 'config', 'feature-spec', 'mini-spec', 'module-manifest', 'open-loops', 'preset', 'report', 'run-manifest', 'task-list', 'task-packet', 'tasks-index'].map((n) => `${n}.schema.json`),
    );
  });

  it.each(files)('%s is draft 2020-12 with $id, title, described properties and valid examples', (file) => {
    const schema = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^urn:specguard:schema:/);
    expect(typeof schema.title).toBe('string');
    expect(typeof schema.description).toBe('string');
    const props: Array<[string, Record<string, unknown>]> = [];
    properties(schema, '#', props);
    expect(props.length).toBeGreaterThan(0);
    for (const [where, prop] of props) expect(typeof prop.description, `${file} ${where}`).toBe('string');
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const examples = schema.examples as unknown[];
    expect(Array.isArray(examples) && examples.length > 0).toBe(true);
    for (const example of examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });
});
