/** Checks the brief tests share: the JSON brief against its schema, and one section of the markdown brief. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

const addFormats = ((addFormatsModule as unknown as { default: { default?: unknown } }).default.default ?? (addFormatsModule as unknown as { default: unknown }).default) as (ajv: Ajv2020) => void;
const SCHEMA_FILE = new URL('../../schemas/brief.schema.json', import.meta.url);

/** Expects a parsed JSON brief to validate against `schemas/brief.schema.json`. */
export function validateBrief(json: unknown): void {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
}

/** The markdown section under `## <heading>`, up to the next `## ` heading. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}
