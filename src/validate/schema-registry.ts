/**
 * Compiles each JSON Schema once per run and hands out its validator.
 * Draft 2020-12 via Ajv2020, with ajv-formats for `date` and `date-time`.
 * No schema is ever fetched: a remote `$ref` is a {@link SpecguardError}.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { SpecguardError } from '../errors.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default: { default?: FormatsPlugin } & FormatsPlugin }).default.default ??
  (addFormatsModule as unknown as { default: FormatsPlugin }).default) as FormatsPlugin;

/** Validates one value; returns the ajv errors (empty when valid). */
export type SchemaValidator = (value: unknown) => ErrorObject[];

/** A set of compiled schemas sharing one Ajv instance. */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, SchemaValidator>();
  /** Shown in error messages instead of absolute paths, when a schema lies under it. */
  private readonly displayRoot: string | undefined;

  /** @param displayRoot - the repository root, so that errors name schemas repo-relative */
  constructor(displayRoot?: string) {
    this.displayRoot = displayRoot;
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, validateFormats: true });
    addFormats(this.ajv, ['date', 'date-time', 'uri']);
  }

  /**
   * The validator of a schema file, compiled on first use.
   * @param schemaPath - absolute path of a JSON Schema (draft 2020-12)
   * @throws SpecguardError (`SCHEMA`) when the file is missing, not JSON, not a valid schema,
   *   or refers to a schema by a remote `$ref`
   */
  validator(schemaPath: string): SchemaValidator {
    const known = this.compiled.get(schemaPath);
    if (known) return known;
    const shown = this.displayRoot && !path.relative(this.displayRoot, schemaPath).startsWith('..') ? path.relative(this.displayRoot, schemaPath).split(path.sep).join('/') : schemaPath;
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'file not found' : code ? `cannot read it (${code})` : `not valid JSON (${(error as Error).message})`;
      throw new SpecguardError('SCHEMA', `schema ${shown}: ${why}`, { cause: error });
    }
    let validate: ValidateFunction;
    try {
      const existing = typeof schema === 'object' && schema && '$id' in schema ? this.ajv.getSchema(String((schema as { $id: unknown }).$id)) : undefined;
      validate = existing ?? this.ajv.compile(schema as object);
    } catch (error) {
      const missingRef = (error as { missingRef?: string }).missingRef;
      const why = missingRef ? `refers to ${missingRef}, which is not fetched (specguard never loads schemas over the network)` : `not a valid JSON Schema: ${(error as Error).message}`;
      throw new SpecguardError('SCHEMA', `schema ${shown}: ${why}`, { cause: error });
    }
    const validator: SchemaValidator = (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
    this.compiled.set(schemaPath, validator);
    return validator;
  }
}
