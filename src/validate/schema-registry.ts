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
import { DEFAULT_MAX_FILE_BYTES } from '../config/config.js';
import { nodeFileSystem } from '../fs/file-system.js';
import { notRead, readInsideRoot } from '../fs/read-bounded.js';
import { distUrl, SCHEMAS_DIR } from '../package-paths.js';
import { createAjv } from './ajv-options.js';
import { parseJsonMetadata } from '../document/metadata.js';
import { LineIndex } from '../document/line-index.js';

const require = createRequire(import.meta.url);
/** Where the build puts the precompiled built-in schemas (scripts/build/compile-schemas.mjs). */
const COMPILED_DIR = distUrl('validate/compiled/');
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
      bytes = schemaPath.startsWith(SCHEMAS_DIR) ? readFileSync(schemaPath) : this.readNamed(schemaPath, shown);
      const ready = precompiled(schemaPath, bytes);
      if (ready) {
        const validator: SchemaValidator = (value) => (ready(value) ? [] : [...(ready.errors ?? [])]);
        this.compiled.set(schemaPath, validator);
        return validator;
      }
      const text = bytes.toString('utf8');
      const parsed = parseJsonMetadata(text);
      if (parsed.syntaxError) {
        // Where and what, never the parser's quote of the file's text.
        const place = new LineIndex(text).place(parsed.syntaxError.offset);
        throw new SpecguardError('SCHEMA', `schema ${shown}:${place.line}:${place.column}: not valid JSON (${parsed.syntaxError.message})`);
      }
      schema = parsed.value;
    } catch (error) {
      if (error instanceof SpecguardError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? String(error)})`;
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

  /**
   * Reads a schema a config names: only a regular file inside the repository (its real path, through any symlink
   * or `..`), of at most {@link DEFAULT_MAX_FILE_BYTES} bytes, so that a config cannot make specguard read
   * `/etc/…`, `/proc/self/environ` or block on `/dev/zero` or a FIFO (see SECURITY.md).
   * @throws SpecguardError (`SCHEMA`) naming the schema and why it was not read, never its content
   */
  private readNamed(schemaPath: string, shown: string): Buffer {
    const root = this.displayRoot;
    const read = root === undefined ? 'Not a schema that ships with specguard.' : readInsideRoot(nodeFileSystem, root, schemaPath, DEFAULT_MAX_FILE_BYTES, (size, max) => `It is ${size} bytes, over the ${max}-byte limit.`);
    if (read === undefined) throw new SpecguardError('SCHEMA', `schema ${shown}: file not found`);
    if (typeof read === 'string') throw new SpecguardError('SCHEMA', `schema ${shown}: ${notRead(read)}`);
    return read;
  }
}
