/** `specguard spec review <file> [dir]`: records a mini-spec's review (today, at HEAD). */
import path from 'node:path';
import { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { shortSha } from '../git/short-sha.js';

interface ReviewFlags {
  now?: string;
}

/** Builds the `spec` command and its `review` subcommand; `setExit` receives the exit code. */
export function specCommand(io: CliIo, setExit: (code: number) => void): Command {
  const spec = new Command('spec').description('Work on mini-specs.');
  spec
    .command('review')
    .description("Record that a mini-spec was reviewed now against the code at HEAD: sets last_review to today and reviewed_commit to HEAD's sha, so spec-drift counts exactly the commits after it.")
    .argument('<file>', 'the mini-spec (relative to the repository)')
    .argument('[dir]', 'the repository', '.')
    .option('--now <iso>', "the clock the review's date is taken from (ISO 8601); default SOURCE_DATE_EPOCH, else now")
    .action(async (file: string, dir: string, flags: ReviewFlags) => {
      const { reviewSpec } = await import('../specs/review-spec.js');
      const root = path.resolve(io.cwd, dir);
      const result = await reviewSpec({ root, file: path.relative(root, path.resolve(io.cwd, file)), env: io.env, ...(flags.now ? { now: flags.now } : {}) });
      io.stdout.write(`${result.file}: last_review ${result.last_review}, reviewed_commit ${shortSha(result.reviewed_commit)}\n`);
      setExit(EXIT.OK);
    });
  return spec;
}
