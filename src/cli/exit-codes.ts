/** Exit codes, as markdownlint-cli2 and ESLint use them. */
export const EXIT = {
  /** No errors (and no more warnings than `--max-warnings`). */
  OK: 0,
  /** At least one error, or too many warnings; or, for `brief`, an unknown task. */
  FINDINGS: 1,
  /** A usage, config or internal error. */
  USAGE: 2,
} as const;
