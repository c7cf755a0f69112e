/**
 * The one Ajv configuration of specguard, shared by the runtime compiler
 * (src/validate/schema-registry.ts) and the build step that precompiles the
 * built-in schemas (scripts/build/compile-schemas.mjs), so both validate alike.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, Options } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';

const require = createRequire(import.meta.url);

/** Ajv options: draft 2020-12, every error, strict schemas, verbose errors (the messages quote the schema). */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, validateFormats: true };

/** The formats the built-in schemas use (from ajv-formats). */
export const AJV_FORMATS = ['date', 'date-time', 'uri'] as const;

/**
 * A new Ajv instance with {@link AJV_OPTIONS} and {@link AJV_FORMATS}. Ajv is loaded on first call (it is
 * CommonJS and costs a noticeable part of a short run's start-up).
 * @param extra - more options (the build step asks for generated source code)
 */
export function createAjv(extra: Options = {}): Ajv2020Type {
  const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: new (options: Options) => Ajv2020Type };
  const addFormats = require('ajv-formats') as FormatsPlugin & { default?: FormatsPlugin };
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  (addFormats.default ?? addFormats)(ajv, [...AJV_FORMATS]);
  return ajv;
}
