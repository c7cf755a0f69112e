/** Task ids, as used in paths (`state/checkpoints/<id>/`), commit trailers and git patterns. */
import { SpecguardError } from '../errors.js';

/**
 * A task id: letters, digits, `.`, `_` and `-`, starting with a letter or
 * digit, at most 100 characters, without `..`. So an id can never be read as
 * an option (`--output=x`), a revision range (`a..b`) or a path outside its
 * folder, and never carries spaces, quotes or shell metacharacters.
 */
export const TASK_ID = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Checks a task id given by a user.
 * @throws SpecguardError (`USAGE`) when it does not match {@link TASK_ID}
 */
export function assertTaskId(id: string): string {
  if (!TASK_ID.test(id)) {
    throw new SpecguardError('USAGE', `--task: \`${id.replace(/[\r\n]/g, ' ')}\` is not a task id (letters, digits, ".", "_" and "-", starting with a letter or digit, no "..")`);
  }
  return id;
}

/** Escapes a task id for a POSIX extended regular expression (only `.` can occur). */
export function escapeForEre(id: string): string {
  return id.replace(/\./g, '\\.');
}

/**
 * The `git log --grep` patterns (POSIX ERE) of the commits that mention a task: the config's commit patterns
 * (`brief.commit_patterns`) with `{id}` replaced by the escaped id.
 * @param task - a validated task id
 */
export function mentionPatterns(commitPatterns: readonly string[], task: string): string[] {
  return commitPatterns.map((p) => p.replaceAll('{id}', escapeForEre(task)));
}
