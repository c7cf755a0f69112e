/**
 * Resolve-kind and validate steps: a frontmatter `kind:` field names the kind,
 * otherwise the globs that found the file decide; the metadata is then
 * validated against the kind's schema, compiled once per run.
 */
import type { SourceDocument } from '../document/source-document.js';
import type { KindDefinition } from '../kinds/kind.js';
import { describeSchemaErrors, type SchemaProblem } from '../validate/schema-messages.js';
import type { SchemaRegistry } from '../validate/schema-registry.js';
import type { CheckedDocument } from './checked-document.js';

/**
 * The kind of a document.
 * @param globKind - the kind whose globs found the file
 * @returns `undefined` when the file declares a kind that does not exist
 */
export function resolveKind(document: SourceDocument, kinds: readonly KindDefinition[], globKind: KindDefinition | undefined): KindDefinition | undefined {
  if (document.declaredKind === undefined) return globKind;
  return kinds.find((kind) => kind.name === document.declaredKind);
}

/**
 * Validates a document's metadata against its kind's schema. Top-level keys the kind's preset lists
 * (`KindDefinition.keys`) are accepted even where the schema allows no other keys.
 * @throws SpecguardError (`SCHEMA`) when the kind's schema cannot be compiled
 */
export function validateDocument(document: SourceDocument, kind: KindDefinition | undefined, registry: SchemaRegistry): CheckedDocument {
  const checked = (schemaProblems: SchemaProblem[]): CheckedDocument => Object.assign(document, { kind: kind?.name, kindDefinition: kind, schemaProblems });
  if (!kind || document.metadata?.syntaxError) return checked([]);
  const validate = registry.validator(kind.schemaPath);
  const what = document.format === 'json' ? 'document' : 'frontmatter';
  if (!document.metadata) {
    const errors = validate({});
    if (errors.length === 0) return checked([]);
    const required = errors.filter((e) => e.keyword === 'required').map((e) => `\`${String(e.params.missingProperty)}\``);
    const needs = required.length > 0 ? `; a ${kind.name} needs ${required.join(', ')}` : '';
    return checked([{ message: `No frontmatter${needs}.`, range: { start: 0, end: 0 }, instancePath: '', keyword: 'required' }]);
  }
  const value = document.metadata.value ?? (document.format === 'markdown' ? {} : null);
  // Keys the preset's ecosystem writes at the top level are not the user's mistake, whatever the schema allows.
  const allowed = kind.keys;
  const errors = allowed ? validate(value).filter((e) => !(e.keyword === 'additionalProperties' && e.instancePath === '' && allowed.includes(String(e.params.additionalProperty)))) : validate(value);
  return checked(describeSchemaErrors(errors, document.metadata, what));
}
