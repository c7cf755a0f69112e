/**
 * Token counts with a real tokenizer: OpenAI's o200k_base encoding (as used by
 * GPT-4o and later) from gpt-tokenizer. Other models' tokenizers differ by a
 * few percent; budgets should leave that margin.
 */
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

/** The encoding token counts are given in. */
export const TOKEN_ENCODING = 'o200k_base';

/** How many o200k tokens a text takes. */
export function countTokens(text: string): number {
  return countO200k(text);
}
