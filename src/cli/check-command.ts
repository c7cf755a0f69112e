/** `specguard check [dir]`: runs {@link check} and prints the report. */
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_CACHE_FILE } from '../cache/check-cache.js';
import { SpecguardError } from '../errors.js';
import { visibleLine } from '../output/sanitize.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { reportOptions, repositoryOptions, type RepositoryFlags } from './options.js';
import { commandProgress, count } from './progress-line.js';

/** Options of `specguard check`, as parsed by commander. */
interface CheckFlags extends RepositoryFlags {
  format: string;
  output?: string;
  maxWarnings?: number;
  color?: boolean;
  changedSince?: string;
  changedFilesAll?: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  progress?: boolean;
  dryRun?: boolean;
  since?: string;
  shard?: { index: number; count: number };
}

/** Builds the `check` command; `setExit` receives its exit code. */
export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return reportOptions(
    new Command('check')
      .description('Validate task packets, checkpoints, task lists, mini-specs and run manifests; exit 1 on errors.')
      .argument('[dir]', 'the repository to check', '.'),
  )
    .option('--now <iso>', 'the date freshness is measured against (ISO 8601); default SOURCE_DATE_EPOCH, else today')
    .option('-c, --config <file>', 'config file (default: specguard.config.{yaml,yml,json} in the repository)')
    .option('--changed-since <ref>', 'pull-request mode: only the findings the change since the merge base of <ref> and HEAD (committed, staged, unstaged, untracked) introduces, and spec-required')
    .option('--changed-files-all', 'with --changed-since: every finding in a changed file, also those already there at the merge base')
    .option('--since <date|commit>', 'hold only boxes ticked after this date (YYYY-MM-DD) or commit to the evidence rules (by git blame); older ones are counted in one note')
    .option('--shard <i/n>', 'check shard i of n (by a hash of each path) and write a partial report for merge-reports', shardOption)
    .option('--baseline <file>', 'leave out the findings recorded in this baseline; report the ones fixed since')
    .option('--write-baseline <file>', "record today's findings in a baseline file (by fingerprint) and exit 0")
    .option('--cache', 'reuse the results of files unchanged since the last --cache run, and save this run\'s')
    .option('--cache-location <file>', `the cache file (default: ${DEFAULT_CACHE_FILE} in the repository); implies --cache`)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('--no-progress', 'no progress line on stderr (shown only on a terminal, never when CI is set)')
    .option('--dry-run', 'report every finding but exit 0 whatever was found (to try the gate before turning it on)')
    .action(async (dir: string, flags: CheckFlags) => {
      // The implementation loads only when the command runs, so that --help and other commands start fast.
      const [{ check }, { baselineOf, readBaseline, writeBaseline }, { loadFormatter }, { emitReport }] = await Promise.all([
        import('../check/check.js'),
        import('../baseline/baseline.js'),
        import('../formatters/load-formatter.js'),
        import('./emit-report.js'),
      ]);
      const formatter = await loadFormatter(flags.format, io.cwd);
      const baselineFile = flags.baseline ? path.resolve(io.cwd, flags.baseline) : undefined;
      const baseline = baselineFile && !flags.writeBaseline ? { baseline: await readBaseline(baselineFile), baselineFile: flags.baseline } : {};
      const progress = commandProgress(io, flags.progress);
      let report;
      try {
        report = await check({
          ...repositoryOptions(io, dir, flags),
          ...(flags.changedSince !== undefined ? { changedSince: flags.changedSince } : {}),
          ...(flags.changedFilesAll ? { changedFilesAll: true } : {}),
          ...(flags.since !== undefined ? { since: flags.since } : {}),
          ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
          ...(flags.cacheLocation !== undefined ? { cache: path.resolve(io.cwd, flags.cacheLocation) } : flags.cache ? { cache: true } : {}),
          // A new baseline records every finding, so an old one is not applied while writing it.
          ...baseline,
          ...(progress.enabled ? { onProgress: (done: number, total: number) => progress.update(`checked ${count(done)} of ${count(total)} files`) } : {}),
          onNothingMatched: ({ root, globs }: { root: string; globs: string[] }) => io.stderr.write(`specguard: ${visibleLine(nothingMatched(path.relative(io.cwd, root), globs))}\n`),
        });
      } finally {
        progress.done();
      }
      if (flags.writeBaseline) {
        await writeBaseline(path.resolve(io.cwd, flags.writeBaseline), baselineOf(report.findings), flags.writeBaseline);
        io.stderr.write(`specguard: wrote ${flags.writeBaseline} with ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}\n`);
        return setExit(EXIT.OK);
      }
      if (flags.dryRun) report.summary.dryRun = true;
      return setExit(await emitReport(io, report, formatter, flags));
    });
}

/** The line for a run whose kinds' globs matched no file: the globs tried (the first six) and the folder looked in. */
function nothingMatched(folder: string, globs: readonly string[]): string {
  const shown = globs.length > 6 ? `${globs.slice(0, 6).join(', ')} and ${globs.length - 6} more` : globs.join(', ');
  const where = folder === '' ? 'this folder' : folder.startsWith('..') || path.isAbsolute(folder) ? folder : `${folder}/`;
  return `no file matched the kinds' globs (${shown || 'none'}) under ${where}; see \`specguard kinds\``;
}

/** Parses `--shard i/n`. */
function shardOption(value: string): { index: number; count: number } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  if (!match) throw new SpecguardError('USAGE', `--shard: \`${visibleLine(value)}\` is not i/n (e.g. 2/4)`);
  return { index: Number(match[1]), count: Number(match[2]) };
}
