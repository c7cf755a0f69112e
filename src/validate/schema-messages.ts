/**
 * Turns ajv errors into findings a person can act on: a plain sentence, placed
 * at the key that caused it (the enclosing key for `required`, the unknown key
 * itself for `additionalProperties`).
 */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Metadata, SourceRange } from '../document/metadata.js';

/** One schema problem: its message and where it is in the file. */
export interface SchemaProblem {
  message: string;
  range: SourceRange;
  /** JSON Pointer of the value at fault, e.g. `/approvals/0/date`. */
  instancePath: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `enum`. */
  keyword: string;
  /** The key the problem is about, for `required` (the missing key) and `additionalProperties` (the unknown key). */
  property?: string;
}

/**
 * Describes the errors of one validation.
 * @param errors - ajv errors from a validator compiled with `verbose: true`
 * @param metadata - the parsed source, to place each error
 * @param what - what the root value is called in messages: `frontmatter`, `manifest`, `config`
 * @returns one problem per distinct error, in source order
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], metadata: Metadata, what: string): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  // The branches of an anyOf/oneOf (and a propertyNames pattern) fail together; their summary error says it once.
  const summaries = errors.filter((e) => SUMMARY_KEYWORDS.has(e.keyword)).map((e) => `${e.schemaPath}/`);
  for (const error of errors) {
    // `if` only says that a `then` failed; the `then` error itself is reported.
    if (error.keyword === 'if') continue;
    if (summaries.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const message = messageFor(error, what);
    const key = `${error.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const property = error.keyword === 'required' ? String(error.params.missingProperty) : error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    problems.push({ message, range: placeFor(error, metadata), instancePath: error.instancePath, keyword: error.keyword, ...(property !== undefined ? { property } : {}) });
  }
  return problems.sort((a, b) => a.range.start - b.range.start);
}

const SUMMARY_KEYWORDS = new Set(['anyOf', 'oneOf', 'propertyNames']);

/** Splits a JSON Pointer into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/approvals/0/date` reads as `approvals[0].date`. */
function fieldName(pointer: string, what: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return what;
  return segments.reduce((name, s, i) => (/^\d+$/.test(s) ? `${name}[${s}]` : i === 0 ? s : `${name}.${s}`), '');
}

function placeFor(error: ErrorObject, metadata: Metadata): SourceRange {
  const segments = pointerSegments(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const extra = metadata.locate([...segments, String((error.params as { additionalProperty: string }).additionalProperty)]);
    if (extra) return extra.key ?? extra.value;
  }
  const at = metadata.locate(segments);
  if (!at) return { start: metadata.range.start, end: metadata.range.start };
  if (error.keyword === 'required' && segments.length === 0) {
    // The root mapping: point at its first key rather than at the whole block.
    return { start: at.value.start, end: at.value.start };
  }
  return at.key ?? at.value;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  return `\`${String(value)}\``;
}

function found(value: unknown): string {
  return `found ${describeValue(value)}`;
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time with a time zone (ISO 8601, e.g. 2026-05-24T10:15:00Z)',
  uri: 'a URI',
};

function messageFor(error: ErrorObject, what: string): string {
  const field = fieldName(error.instancePath, what);
  const subject = error.instancePath === '' ? `The ${what}` : `\`${field}\``;
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as { description?: string; properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const where = error.instancePath === '' ? `the ${what}` : `\`${field}\``;
      const why = error.schemaPath.includes('/then/') && parent.description ? ` (${parent.description})` : '';
      return `Missing required key \`${missing}\` in ${where}${why}.`;
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const guess = known.length > 0 ? closest(extra, known) : undefined;
      const hint = guess && distance(extra, guess) <= Math.max(2, Math.floor(guess.length / 4)) ? ` Did you mean \`${guess}\`?` : known.length > 0 ? ` Known keys: ${known.map((k) => `\`${k}\``).join(', ')}.` : '';
      const where = error.instancePath === '' ? `the ${what}` : `\`${field}\``;
      return `Unknown key \`${extra}\` in ${where}.${hint}`;
    }
    case 'type':
      return `${subject} must be ${typeWords(params.type)}; ${found(error.data)}.`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ');
      return `${subject} must be one of ${allowed}; ${found(error.data)}.`;
    }
    case 'const':
      return `${subject} must be \`${String(params.allowedValue)}\`; ${found(error.data)}.`;
    case 'format':
      return `${subject} must be ${FORMAT_WORDS[String(params.format)] ?? `in format ${String(params.format)}`}; ${found(error.data)}.`;
    case 'pattern':
      return `${subject} does not match the pattern ${String(params.pattern)}; ${found(error.data)}.`;
    case 'minLength':
      return `${subject} must not be empty.`;
    case 'minItems':
      return `${subject} must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${subject} must be ${String(params.comparison)} ${String(params.limit)}; ${found(error.data)}.`;
    case 'anyOf':
    case 'oneOf':
      return `${subject} matches none of its allowed forms${parent.description ? ` (${parent.description})` : ''}; ${found(error.data)}.`;
    case 'propertyNames':
      return `${subject} has a key that is not allowed: \`${String(params.propertyName)}\`.`;
    default:
      return `${subject} ${error.message ?? 'is not valid'}.`;
  }
}
