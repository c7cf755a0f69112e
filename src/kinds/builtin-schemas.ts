/**
 * The JSON Schemas of the built-in kinds, as `specguard schema` prints them:
 * the files in the package's `schemas/` folder, verbatim.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_KINDS } from './builtin-kinds.js';

/** A built-in kind's schema. */
export interface BuiltinSchema {
  /** The kind's name, e.g. `checkpoint`. */
  kind: string;
  /** The schema's `$id`, e.g. `urn:specguard:schema:checkpoint`. */
  id: string;
  /** The schema file's text, exactly as shipped. */
  text: string;
}

/**
 * The schema of a built-in kind.
 * @param kind - a kind name
 * @returns `undefined` when no built-in kind has that name
 */
export function builtinSchema(kind: string): BuiltinSchema | undefined {
  const definition = BUILTIN_KINDS.find((k) => k.name === kind);
  if (!definition) return undefined;
  const text = readFileSync(definition.schemaPath, 'utf8');
  return { kind, id: String((JSON.parse(text) as { $id?: unknown }).$id ?? ''), text };
}

/** Every built-in kind's schema, in {@link BUILTIN_KINDS} order. */
export function builtinSchemas(): BuiltinSchema[] {
  return BUILTIN_KINDS.map((kind) => builtinSchema(kind.name)!);
}
