/**
 * Small string helpers that stay linear on any input, where the obvious
 * regular expression (`/\n+$/`, `/[\w-]*$/`) backtracks quadratically on a
 * long run that does not reach the end.
 */
import { closest, distance } from 'fastest-levenshtein';

/** `text` without the run of `chars` at its end. */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Where the run of word characters (`\w`) and hyphens ending at `end` starts. */
export function wordRunStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && /[\w-]/.test(text.charAt(start - 1))) start--;
  return start;
}

/**
 * The known name closest to a mistyped one, when it is close enough to be a
 * typo (Levenshtein distance at most 2, or a third of the name's length).
 * @returns the suggestion, or `undefined` when nothing is that close
 */
export function suggestName(typed: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const guess = closest(typed, known as string[]);
  return distance(typed, guess) <= Math.max(2, Math.floor(guess.length / 3)) ? guess : undefined;
}
