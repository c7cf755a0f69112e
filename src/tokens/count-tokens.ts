/**
 * Token counts with a real tokenizer: OpenAI's o200k_base encoding (as used by
 * GPT-4o and later) from gpt-tokenizer. Other models' tokenizers differ by a
 * few percent; budgets should leave that margin.
 *
 * The build bundles gpt-tokenizer's o200k_base entry point alone into
 * `dist/vendor/o200k-base.cjs` (about 3 MB, against 55 MB for the package with
 * every encoding), so a production install does not carry the package. The
 * encoder's tables take about 70 MB of memory once loaded, so the bundle is
 * loaded (synchronously, as CommonJS) on the first count, not at startup: most
 * runs never count a token.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SpecguardError } from '../errors.js';
import { TOKENIZER_BUNDLE } from '../package-paths.js';

/** The encoding token counts are given in. */
export const TOKEN_ENCODING = 'o200k_base';

type Counter = (text: string, options: { disallowedSpecial: Set<string> }) => number;
let counter: Counter | undefined;
/** No special tokens: text such as `<|endoftext|>` in a file is counted as the ordinary text it is (gpt-tokenizer throws on it by default). */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * How many o200k tokens a text takes, special-token markers counted as ordinary text.
 * @throws SpecguardError (`INTERNAL`) when the bundle is missing (a source checkout that was never built)
 */
export function countTokens(text: string): number {
  if (!counter) {
    if (!existsSync(TOKENIZER_BUNDLE)) throw new SpecguardError('INTERNAL', 'the token counter is not built yet; run `npm run build`');
    counter = (createRequire(import.meta.url)(TOKENIZER_BUNDLE) as { countTokens: Counter }).countTokens;
  }
  return counter(text, AS_TEXT);
}
