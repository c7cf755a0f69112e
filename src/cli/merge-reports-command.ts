/** `specguard merge-reports <report.json>...`: merges the partial reports of `check --shard i/n` (see {@link mergeReports}). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { SpecguardError } from '../errors.js';
import type { Report } from '../findings/finding.js';
import { visibleLine } from '../output/sanitize.js';
import type { CliIo } from './io.js';
import { reportOptions } from './options.js';

interface MergeFlags {
  format: string;
  output?: string;
  maxWarnings?: number;
  color?: boolean;
  baseline?: string;
}

/** Builds the `merge-reports` command; `setExit` receives the exit code `check` would give the whole run. */
export function mergeReportsCommand(io: CliIo, setExit: (code: number) => void): Command {
  return reportOptions(
    new Command('merge-reports')
      .description('Merge the JSON reports of every shard of check --shard i/n into the report of the whole run, with the exit code check would give it.')
      .argument('<reports...>', 'the partial reports (check --shard i/n --format json --output <file>)'),
  )
    .option('--baseline <file>', 'leave out the findings recorded in this baseline; report the ones fixed since')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action(async (files: string[], flags: MergeFlags) => {
      const [{ mergeReports }, { readBaseline }, { loadFormatter }, { emitReport }] = await Promise.all([
        import('../check/merge-reports.js'),
        import('../baseline/baseline.js'),
        import('../formatters/load-formatter.js'),
        import('./emit-report.js'),
      ]);
      const formatter = await loadFormatter(flags.format, io.cwd);
      const reports = await Promise.all(files.map(async (name) => ({ name: visibleLine(name), report: await readReport(path.resolve(io.cwd, name), name) })));
      const baseline = flags.baseline ? { baseline: await readBaseline(path.resolve(io.cwd, flags.baseline)), baselineFile: flags.baseline } : {};
      setExit(await emitReport(io, mergeReports(reports, baseline), formatter, flags));
    });
}

/** Reads one partial report. @throws SpecguardError `USAGE` when it cannot be read or is not a JSON report */
async function readReport(file: string, name: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecguardError('USAGE', `merge-reports: cannot read ${visibleLine(name)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    report = undefined;
  }
  const r = report as Partial<Report> | undefined;
  if (!r || r.version !== 1 || !Array.isArray(r.findings) || typeof r.summary !== 'object') {
    throw new SpecguardError('USAGE', `merge-reports: ${visibleLine(name)} is not a specguard JSON report (check --format json)`);
  }
  return r as Report;
}
