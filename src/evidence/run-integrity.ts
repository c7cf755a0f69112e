/**
 * Whether a run manifest's record of its commands holds together: a run that
 * says `succeeded` must not hold a command with a non-zero `exit_code`, and a
 * command's `log_sha256` must be the SHA-256 of the log it names (the log as
 * the run wrote it). Shared by the evidence verifier (a cited manifest that
 * fails this proves nothing) and the rule `evidence-tampered` (the manifest
 * itself). Sources: issue reports of agents claiming "pass" over a non-zero
 * exit code, and of agents editing their own evidence.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { notRead } from '../fs/read-bounded.js';
import { RepoPaths } from '../fs/repo-paths.js';

/** Largest log hashed to check a `log_sha256`, in bytes (64 MiB); a larger log is not checked. */
export const LOG_HASH_MAX_BYTES = 64 * 1024 * 1024;

/** A command whose record contradicts the run, or whose log is not the one the run hashed. */
export interface CommandProblem {
  /** Index of the command in `commands`. */
  index: number;
  /** The field at fault, where a finding points: `commands[index].<field>`. */
  field: 'exit_code' | 'log_sha256';
  /** What is wrong, as a predicate of the run (`records status \`succeeded\`, but …`), one sentence. */
  message: string;
}

/** How the checks read a log. */
export interface LogReader {
  /** What a repo-relative path names. */
  kind(relativePath: string): string;
  /** A file's bytes up to a cap, or why it was not read. */
  read(relativePath: string, maxBytes: number): Buffer | { why: string; tooLarge: boolean };
}

/**
 * Where a command's `log` lives: relative to the manifest's folder if a file is there, else to the root (as the
 * run-manifest schema says); when neither exists, beside the manifest.
 * @returns the repo-relative path, or `undefined` when it leaves the repository
 */
export function resolveLog(manifestPath: string, log: string, paths: Pick<LogReader, 'kind'>): string | undefined {
  const beside = RepoPaths.normalize(log, path.posix.dirname(manifestPath));
  if (beside !== undefined && paths.kind(beside) !== 'missing') return beside;
  const fromRoot = RepoPaths.normalize(log);
  // Neither exists: the log is missing where the manifest's folder puts it.
  return fromRoot !== undefined && paths.kind(fromRoot) !== 'missing' ? fromRoot : (beside ?? fromRoot);
}

/**
 * The problems of a run manifest's commands.
 * @param record - the manifest's parsed JSON
 * @param onRead - told each log whose bytes were read (for the cache)
 */
export function commandProblems(manifestPath: string, record: Record<string, unknown>, paths: LogReader, onRead?: (relativePath: string) => void): CommandProblem[] {
  const commands = Array.isArray(record.commands) ? record.commands : [];
  const problems: CommandProblem[] = [];
  commands.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const command = entry as Record<string, unknown>;
    const name = typeof command.command === 'string' ? command.command : `command ${index + 1}`;
    if (record.status === 'succeeded' && typeof command.exit_code === 'number' && command.exit_code !== 0) {
      problems.push({ index, field: 'exit_code', message: `records status \`succeeded\`, but \`${name}\` exited with code ${command.exit_code}.` });
    }
    if (typeof command.log_sha256 !== 'string') return;
    const expected = command.log_sha256.toLowerCase();
    if (typeof command.log !== 'string') {
      problems.push({ index, field: 'log_sha256', message: `records a \`log_sha256\` for \`${name}\` but names no \`log\`, so nothing proves it.` });
      return;
    }
    const log = resolveLog(manifestPath, command.log, paths);
    if (log === undefined) {
      problems.push({ index, field: 'log_sha256', message: `names log \`${command.log}\` for \`${name}\`, which is outside the repository.` });
      return;
    }
    if (paths.kind(log) === 'missing') {
      problems.push({ index, field: 'log_sha256', message: `names log \`${log}\` for \`${name}\` with a \`log_sha256\`, but the log does not exist.` });
      return;
    }
    const bytes = paths.read(log, LOG_HASH_MAX_BYTES);
    if (!Buffer.isBuffer(bytes)) {
      // Not a regular file inside the repository (a symlink out is never read) is a problem; a log over the cap is
      // left unchecked rather than read whole.
      if (!bytes.tooLarge) problems.push({ index, field: 'log_sha256', message: `names log \`${log}\` for \`${name}\`, which cannot be hashed: ${notRead(bytes.why)}.` });
      return;
    }
    onRead?.(log);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) {
      problems.push({
        index,
        field: 'log_sha256',
        message: `records \`log_sha256\` \`${expected.slice(0, 12)}…\` for \`${name}\`, but its log \`${log}\` hashes to \`${actual.slice(0, 12)}…\`: the log was changed after the run.`,
      });
    }
  });
  return problems;
}
