/**
 * Compiles each JSON Schema once per run and hands out its validator.
 * Draft 2020-12 via Ajv2020, with ajv-formats for `date` and `date-time`.
 * No schema is ever fetched: a remote `$ref` is a {@link SpecguardError}.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { SpecguardError } from '../errors.js';
import { SCHEMAS_DIR } from '../package-paths.js';
import { createAjv } from './ajv-options.js';

const require = createRequire(import.meta.url);
/** Where the build puts the precompiled built-in schemas (scripts/build/compile-schemas.mjs). */
const COMPILED_DIR = new URL('./compiled/', import.meta.url);
let compiledIndex: Record<string, { sha256: string; module: string }> | null | undefined;

/** The precompiled validator of a built-in schema whose bytes are unchanged; `undefined` otherwise. */
function precompiled(schemaPath: string, bytes: Buffer): ValidateFunction | undefined {
  if (path.dirname(schemaPath) !== path.resolve(SCHEMAS_DIR)) return undefined;
  if (compiledIndex === undefined) {
    try {
      compiledIndex = JSON.parse(readFileSync(new URL('index.json', COMPILED_DIR), 'utf8')) as Record<string, { sha256: string; module: string }>;
    } catch {
      compiledIndex = null; // running from the sources, or a build without the step: compile at run time
    }
  }
  const entry = compiledIndex?.[path.basename(schemaPath)];
  if (!entry || entry.sha256 !== createHash('sha256').update(bytes).digest('hex')) return undefined;
  const loaded = require(new URL(entry.module, COMPILED_DIR).pathname) as { default?: ValidateFunction } & ValidateFunction;
  return loaded.default ?? loaded;
}

/** Validates one value; returns the ajv errors (empty when valid). */
export type SchemaValidator = (value: unknown) => ErrorObject[];

/** A set of compiled schemas sharing one Ajv instance. */
export class SchemaRegistry {
  private ajvInstance: Ajv2020 | undefined;
  private readonly compiled = new Map<string, SchemaValidator>();
  /** Shown in error messages instead of absolute paths, when a schema lies under it. */
  private readonly displayRoot: string | undefined;

  /** @param displayRoot - the repository root, so that errors name schemas repo-relative */
  constructor(displayRoot?: string) {
    this.displayRoot = displayRoot;
  }

  /** The Ajv instance, created on first use (built-in schemas usually come precompiled). */
  private get ajv(): Ajv2020 {
    return (this.ajvInstance ??= createAjv());
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
    let bytes: Buffer;
    try {
      bytes = readFileSync(schemaPath);
      const ready = precompiled(schemaPath, bytes);
      if (ready) {
        const validator: SchemaValidator = (value) => (ready(value) ? [] : [...(ready.errors ?? [])]);
        this.compiled.set(schemaPath, validator);
        return validator;
      }
      schema = JSON.parse(bytes.toString('utf8'));
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
