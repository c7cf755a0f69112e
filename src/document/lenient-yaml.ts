/**
 * Lenient YAML, as some ecosystems' own tools read their frontmatter:
 * Backlog.md writes `assignee: @MrLesk` and `reporter: [@a, "b"]`, which YAML
 * 1.2 rejects (`@` and the backtick are reserved to start a plain scalar), and
 * quotes such values itself before parsing (src/markdown/parser.ts,
 * preprocessFrontmatter). This does the same for any plain value, block list
 * item or flow list item that starts with `@` or a backtick, and keeps a map
 * from offsets in the quoted text back to offsets in the file, so positions
 * stay exact.
 */
import { trimTrailing } from '../strings.js';

/** The quoted text, and where quote characters were inserted (offsets in the original text, ascending). */
export interface QuotedYaml {
  text: string;
  /** Each insertion: the original offset it stands before. */
  insertions: number[];
}

/** What stands before a block value that starts with a reserved character: `key: ` or `- ` (and `- key: `). */
const BLOCK_HEAD = /^[ \t]*(?:-[ \t]+)?(?:[^\s:#'"[\]{},][^:#]*:[ \t]+|-[ \t]+)(?=[@`])/;
/** A flow list on one line: `key: [@a, "b"]` or `- [@a]`. */
const FLOW_LIST = /^(\s*(?:-\s+)?(?:[^\s:#'"[\]{},][^:#]*:\s+)?\[)([^\]\n]*)(\]\s*)$/;

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
  const insertions: number[] = [];
  const out: string[] = [];
  let offset = 0;
  for (const line of yaml.split('\n')) {
    let result = line;
    const head = BLOCK_HEAD.exec(line)?.[0];
    if (head !== undefined) {
      // The value runs to the end of the line, or to a ` #` comment; trailing blanks stay outside the quotes.
      const rest = line.slice(head.length);
      const comment = rest.search(/[ \t]#/);
      const value = trimTrailing(comment < 0 ? rest : rest.slice(0, comment), ' \t\r');
      result = `${head}${quote(value)}${rest.slice(value.length)}`;
      recordQuote(insertions, offset + head.length, value);
    } else {
      const flow = FLOW_LIST.exec(line);
      if (flow && /(^|,)\s*[@`]/.test(flow[2]!)) {
        const [, head, items, tail] = flow as unknown as [string, string, string, string];
        let at = offset + head.length;
        const parts = items.split(',').map((item) => {
          const lead = /^\s*/.exec(item)![0];
          const body = trimTrailing(item.slice(lead.length), ' \t');
          const trail = item.slice(lead.length + body.length);
          const start = at + lead.length;
          at += item.length + 1;
          if (!/^[@`]/.test(body)) return item;
          recordQuote(insertions, start, body);
          return `${lead}${quote(body)}${trail}`;
        });
        result = `${head}${parts.join(',')}${tail}`;
      }
    }
    out.push(result);
    offset += line.length + 1;
  }
  return { text: out.join('\n'), insertions };
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
