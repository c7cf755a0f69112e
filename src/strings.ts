/**
 * Small string helpers that stay linear on any input, where the obvious
 * regular expression (`/\n+$/`, `/[\w-]*$/`) backtracks quadratically on a
 * long run that does not reach the end.
 */

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
