/**
 * Errors that stop a run. Everything a user wrote that is merely wrong becomes a
 * finding instead; these are for a run that cannot go on (exit code 2).
 */

/** Why a run could not go on. */
export type SpecguardErrorCode =
  /** The command line was wrong: an unknown option, a bad value. */
  | 'USAGE'
  /** The config file does not parse or fails `schemas/config.schema.json`. */
  | 'CONFIG'
  /** A schema file (built-in or from config) is missing or invalid. */
  | 'SCHEMA'
  /** A file could not be written (for example a read-only checkout). */
  | 'WRITE'
  /** A bug in specguard. */
  | 'INTERNAL';

/**
 * An error that ends a run with exit code 2. Its `message` is one line that
 * a person can act on; the CLI prints it on stderr without a stack trace.
 */
export class SpecguardError extends Error {
  readonly code: SpecguardErrorCode;

  /**
   * @param code - why the run stopped
   * @param message - one line, naming the file (and line) at fault where there is one
   * @param options - `cause` keeps the underlying error for `--debug`
   */
  constructor(code: SpecguardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpecguardError';
    this.code = code;
  }
}
