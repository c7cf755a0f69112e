/**
 * Lenient YAML, as some ecosystems' own tools read their frontmatter:
 * Backlog.md writes `assignee: @MrLesk` and `reporter: [@a, "b"]`, which YAML
 * 1.2 rejects (`@` and the backtick are reserved to start a plain scalar), and
 * quotes such values itself before parsing (src/markdown/parser.ts,
 * preprocessFrontmatter). This does the same for any plain value, block list
 * item or flow list item that starts with `@` or a backtick, found by the YAML
 * parser's own concrete syntax tree (so the text of a block scalar or a quoted
 * string is never touched), and keeps a map from offsets in the quoted text
 * back to offsets in the file, so positions stay exact.
 */
import { CST, Parser } from 'yaml';

/** The quoted text, and where quote characters were inserted (offsets in the original text, ascending). */
export interface QuotedYaml {
  text: string;
  /** Each insertion: the original offset it stands before. */
  insertions: number[];
}

/** Quotes a scalar for YAML: single quotes, a single quote doubled. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Quotes plain values that start with `@` or a backtick.
 * @param yaml - frontmatter text
 * @returns the text to parse and where characters were inserted
 */
export function quoteReservedScalars(yaml: string): QuotedYaml {
  const none = { text: yaml, insertions: [] };
  if (!/[@`]/.test(yaml)) return none;
  // Plain scalars (not keys, block scalars or quoted strings) that start with a reserved character, in order.
  const reserved: Array<{ offset: number; source: string }> = [];
  try {
    for (const token of new Parser().parse(yaml)) {
      if (token.type !== 'document') continue;
      CST.visit(token, (item) => {
        const value = item.value;
        if (value?.type === 'scalar' && /^[@`]/.test(value.source)) reserved.push({ offset: value.offset, source: value.source });
      });
    }
  } catch {
    return none; // nesting too deep to walk: the strict parse reports it
  }
  if (reserved.length === 0) return none;
  reserved.sort((a, b) => a.offset - b.offset);
  const insertions: number[] = [];
  const out: string[] = [];
  let at = 0;
  for (const { offset, source } of reserved) {
    out.push(yaml.slice(at, offset), quote(source));
    recordQuote(insertions, offset, source);
    at = offset + source.length;
  }
  out.push(yaml.slice(at));
  return { text: out.join(''), insertions };
}

/** Records the opening quote before `start`, each doubled `'` inside, and the closing quote after the value. */
function recordQuote(insertions: number[], start: number, value: string): void {
  insertions.push(start);
  for (let i = 0; i < value.length; i++) if (value[i] === "'") insertions.push(start + i);
  insertions.push(start + value.length);
}

/**
 * Maps an offset in the quoted text back to the original text.
 * @param insertions - from {@link quoteReservedScalars}
 */
export function originalOffset(quotedOffset: number, insertions: readonly number[]): number {
  let original = quotedOffset;
  for (let i = 0; i < insertions.length; i++) {
    // The i-th insertion sits at original offset insertions[i], which is insertions[i] + i in the quoted text.
    if (insertions[i]! + i < quotedOffset) original--;
    else break;
  }
  return original;
}
