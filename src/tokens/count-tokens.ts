/**
 * Token counts with a real tokenizer: OpenAI's o200k_base encoding (as used by
 * GPT-4o and later) from gpt-tokenizer. Other models' tokenizers differ by a
 * few percent; budgets should leave that margin.
 *
 * The encoder's tables take about 70 MB, so they are loaded (synchronously,
 * through gpt-tokenizer's CommonJS build) on the first count, not at startup:
 * most runs never count a token.
 */
import { createRequire } from 'node:module';

/** The encoding token counts are given in. */
export const TOKEN_ENCODING = 'o200k_base';

let counter: ((text: string) => number) | undefined;

/** How many o200k tokens a text takes. */
export function countTokens(text: string): number {
  counter ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: (text: string) => number }).countTokens;
  return counter(text);
}
