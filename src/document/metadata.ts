/**
 * A document's metadata (YAML frontmatter, or a whole JSON document) parsed
 * with source positions kept, so that a schema error can point at the key
 * that caused it.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { parse as parseJsonc, parseTree, printParseErrorCode, visit, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { originalOffset, quoteReservedScalars } from './lenient-yaml.js';
import { plainYamlError } from './yaml-errors.js';

/** A span of the whole file's text, as UTF-16 offsets: `start` inclusive, `end` exclusive. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Where a value sits: the range of its key (when it is an object member) and of the value. */
export interface Location {
  key?: SourceRange;
  value: SourceRange;
}

/** Parsed metadata with positions. */
export interface Metadata {
  /** The parsed value: normally an object, but a broken file can give a list, a scalar or `null`. */
  value: unknown;
  /** The first syntax error, with the offset in the whole file where it was found. */
  syntaxError?: { message: string; offset: number };
  /** The range of the whole metadata block in the file. */
  range: SourceRange;
  /**
   * Finds where the value at a JSON Pointer path (already split into unescaped
   * segments, `[]` for the root) sits in the file.
   * @returns `undefined` when the path does not exist in the source.
   */
  locate(path: readonly string[]): Location | undefined;
}

/**
 * Most YAML aliases a frontmatter may expand. A "billion laughs" document
 * needs many more; real frontmatter needs few if any.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses YAML frontmatter.
 *
 * YAML 1.2 core schema, whatever a `%YAML 1.1` directive asks for: `2025-10-16`
 * stays the string the user wrote (no timestamp conversion), `yes` stays a
 * string; duplicate keys are an error (found in linear time), aliases are
 * capped at {@link MAX_YAML_ALIASES}, and nesting too deep for the parser is a
 * syntax error, never a crash.
 *
 * @param yaml - the text between the fences
 * @param offset - where that text starts in the whole file
 * @param options - `lenient`: a plain value starting with `@` or a backtick is read as a string (see
 *   {@link quoteReservedScalars}), positions staying those of the file
 */
export function parseYamlMetadata(yaml: string, offset: number, options: { lenient?: boolean } = {}): Metadata {
  if (options.lenient) {
    const quoted = quoteReservedScalars(yaml.replace(/\r(?!\n)/g, '\n'));
    if (quoted.insertions.length > 0) return mapOffsets(parseYamlMetadata(quoted.text, 0), offset, quoted.insertions, yaml.length);
  }
  const range = { start: offset, end: offset + yaml.length };
  // The YAML parser knows CRLF and LF but not a lone CR (old Mac line endings). Reading a lone CR as LF
  // changes no offset, so positions stay those of the file.
  const source = yaml.replace(/\r(?!\n)/g, '\n');
  // The parser's own duplicate-key check compares every key with every other one (quadratic on a 5 MB map):
  // keys are checked below instead, with a set per map.
  const parse = (): ReturnType<typeof parseDocument> => parseDocument(source, { prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2', schema: 'core' });
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parse();
  } catch (error) {
    return { value: undefined, range, locate: () => undefined, syntaxError: { message: describeYamlFailure(error), offset } };
  }
  // The syntax tree is not kept: most documents never need a position, and thousands of trees weigh a lot.
  // A position is found by parsing again, once, when first asked for.
  let tree: unknown;
  let parsed = false;
  const locate = (path: readonly string[]): Location | undefined => {
    if (!parsed) {
      tree = parse().contents;
      parsed = true;
    }
    return locateYaml(tree, path, offset);
  };
  const first = doc.errors[0];
  if (first) {
    const message = /call stack/i.test(first.message) ? describeYamlFailure(new RangeError(first.message)) : plainYamlError(first.code, firstLine(first.message));
    return { value: undefined, range, locate, syntaxError: { message, offset: offset + (first.pos[0] ?? 0) } };
  }
  const duplicate = firstDuplicateYamlKey(doc.contents);
  if (duplicate !== undefined) return { value: undefined, range, locate, syntaxError: { message: plainYamlError('DUPLICATE_KEY', 'Map keys must be unique'), offset: offset + duplicate } };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? null, range, locate };
  } catch (error) {
    return { value: undefined, range, locate, syntaxError: { message: describeYamlFailure(error), offset } };
  }
}

/** Metadata parsed from quoted text, with every offset mapped back to the file (`offset` plus the original position). */
function mapOffsets(parsed: Metadata, offset: number, insertions: readonly number[], length: number): Metadata {
  const back = (at: number): number => offset + originalOffset(at, insertions);
  const range = (r: SourceRange): SourceRange => ({ start: back(r.start), end: back(r.end) });
  return {
    value: parsed.value,
    range: { start: offset, end: offset + length },
    ...(parsed.syntaxError ? { syntaxError: { message: parsed.syntaxError.message, offset: back(parsed.syntaxError.offset) } } : {}),
    locate(path) {
      const found = parsed.locate(path);
      return found && (found.key ? { key: range(found.key), value: range(found.value) } : { value: range(found.value) });
    },
  };
}

/** A parser failure as one line; running out of stack means nesting too deep. */
function describeYamlFailure(error: unknown): string {
  if (error instanceof RangeError) return 'Nesting is too deep to read (lists or maps inside one another thousands of levels deep)';
  return firstLine(String((error as Error)?.message ?? error));
}

/**
 * The offset (in the YAML text) of the first key repeated in one map, or `undefined`. Linear in the size of
 * the tree, and without recursion, so deep nesting cannot exhaust the stack.
 */
function firstDuplicateYamlKey(root: unknown): number | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        const key = isScalar(item.key) ? `${typeof item.key.value}:${String(item.key.value)}` : undefined;
        if (key !== undefined) {
          if (seen.has(key)) return (item.key as YamlNode).range?.[0] ?? 0;
          seen.add(key);
        }
        stack.push(item.key, item.value);
      }
    } else if (isSeq(node)) {
      for (const child of node.items) stack.push(child);
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0]!.trimEnd();
}

function yamlRange(node: { range?: [number, number, number] | null } | null | undefined, offset: number): SourceRange | undefined {
  const r = node?.range;
  return r ? { start: offset + r[0], end: offset + r[1] } : undefined;
}

function locateYaml(root: unknown, path: readonly string[], offset: number): Location | undefined {
  let node = root as YamlNode | null;
  let pair: Pair | undefined;
  for (const segment of path) {
    pair = undefined;
    if (isMap(node)) {
      pair = node.items.find((item) => isPair(item) && keyText(item.key) === segment) as Pair | undefined;
      if (!pair) return undefined;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return undefined;
      node = node.items[index] as YamlNode | null;
      if (node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  const key = pair ? yamlRange(pair.key as YamlNode, offset) : undefined;
  const value = yamlRange(node, offset) ?? key;
  if (!value) return undefined;
  return key ? { key, value } : { value };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Parses a JSON document (RFC 8259: no comments, no trailing commas).
 * `JSON.parse` gives the value; the position tree is built only when
 * something asks where a value is.
 *
 * @param text - the whole file
 */
export function parseJsonMetadata(text: string): Metadata {
  const range = { start: 0, end: text.length };
  let tree: JsonNode | undefined | null = null;
  const locate = (path: readonly string[]): Location | undefined => {
    if (tree === null) tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
    return tree ? locateJson(tree, path) : undefined;
  };
  const tooDeep = depthPast(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    return { value: undefined, range, locate: () => undefined, syntaxError: { message: `JSON nests deeper than ${MAX_JSON_DEPTH} levels; it was not read`, offset: tooDeep } };
  }
  try {
    const value: unknown = JSON.parse(text);
    // JSON.parse lets the last of two equal keys win silently: a manifest saying "failed" then "succeeded" would pass.
    const duplicate = keyTokens(text) === keyCount(value) ? undefined : firstDuplicateKey(text);
    if (duplicate) return { value, range, locate, syntaxError: { message: `Duplicate key \`${duplicate.key}\` in one object; keys must be unique`, offset: duplicate.offset } };
    return { value, range, locate };
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const message = first ? `JSON does not parse: ${describeJsonError(printParseErrorCode(first.error))}` : 'JSON does not parse';
    return { value: undefined, range, locate, syntaxError: { message, offset: first?.offset ?? 0 } };
  }
}

/** Deepest nesting of arrays and objects a JSON document may have: far past any real manifest, well short of the stack. */
export const MAX_JSON_DEPTH = 1000;

/** The offset of the first `[` or `{` (outside strings) nested deeper than `limit`, or `undefined`. One pass, no recursion. */
function depthPast(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

function locateJson(root: JsonNode, path: readonly string[]): Location | undefined {
  let node: JsonNode | undefined = root;
  let key: JsonNode | undefined;
  for (const segment of path) {
    key = undefined;
    if (node.type === 'object') {
      const property: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === segment);
      key = property?.children?.[0];
      node = property?.children?.[1];
    } else if (node.type === 'array') {
      node = /^(0|[1-9]\d*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
    } else {
      node = undefined;
    }
    if (!node) return undefined;
  }
  const value = { start: node.offset, end: node.offset + node.length };
  return key ? { key: { start: key.offset, end: key.offset + key.length }, value } : { value };
}

/** How many object keys the JSON text spells out (a string followed by `:`). One pass over the text, linear on any input. */
function keyTokens(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    // A string: skip to its closing quote, over escapes.
    i++;
    while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    let next = i + 1;
    while (next < text.length && /\s/.test(text.charAt(next))) next++;
    if (text.charCodeAt(next) === 58) count++;
  }
  return count;
}

/** How many keys the parsed value holds, at every depth. Fewer than {@link keyTokens} means a key was repeated. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keyCount(v), 0);
  if (value !== null && typeof value === 'object') {
    let n = 0;
    for (const v of Object.values(value)) n += 1 + keyCount(v);
    return n;
  }
  return 0;
}

/** The first key that appears twice in one JSON object, with the offset of its second appearance. */
function firstDuplicateKey(text: string): { key: string; offset: number } | undefined {
  const stack: Set<string>[] = [];
  let found: { key: string; offset: number } | undefined;
  visit(text, {
    onObjectBegin: () => {
      stack.push(new Set());
    },
    onObjectEnd: () => {
      stack.pop();
    },
    onObjectProperty: (key, offset) => {
      const keys = stack[stack.length - 1];
      if (!keys || found) return;
      if (keys.has(key)) found = { key, offset };
      keys.add(key);
    },
  });
  return found;
}

function describeJsonError(code: string): string {
  // printParseErrorCode gives e.g. 'CommaExpected'; make it read as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
