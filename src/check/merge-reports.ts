/**
 * Merges the partial reports of `check --shard i/n` into the report of the whole run: the same findings, in the
 * same order, with the same summary and notes as a run without shards; a baseline is applied here, once, to
 * the findings of every shard.
 */
import { applyBaseline, type Baseline } from '../baseline/baseline.js';
import { SpecguardError } from '../errors.js';
import { buildReport, type Report } from '../findings/finding.js';
import { reportNotes } from '../findings/notes.js';

/** How to merge. */
export interface MergeOptions {
  /** Leave out the findings this baseline holds. */
  baseline?: Baseline;
  /** How the baseline is named in the report. */
  baselineFile?: string;
}

/**
 * Merges the reports of every shard of one run.
 * @param reports - one partial report per shard, in any order, each with its name for messages
 * @throws SpecguardError `USAGE` when a report is not partial, the shards disagree on their count, one is
 *   given twice, or one is missing
 */
export function mergeReports(reports: ReadonlyArray<{ name: string; report: Report }>, options: MergeOptions = {}): Report {
  if (reports.length === 0) throw new SpecguardError('USAGE', 'merge-reports: give the partial report of every shard');
  const count = reports[0]!.report.partial?.shard.count;
  const seen = new Map<number, string>();
  for (const { name, report } of reports) {
    const partial = report.partial;
    if (!partial) throw new SpecguardError('USAGE', `merge-reports: ${name} is not the report of a shard (check --shard i/n --format json)`);
    if (partial.shard.count !== count) throw new SpecguardError('USAGE', `merge-reports: ${name} is shard ${partial.shard.index} of ${partial.shard.count}, not of ${count}`);
    const twice = seen.get(partial.shard.index);
    if (twice !== undefined) throw new SpecguardError('USAGE', `merge-reports: ${name} and ${twice} are both shard ${partial.shard.index}/${count}`);
    seen.set(partial.shard.index, name);
  }
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new SpecguardError('USAGE', `merge-reports: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing; give the report of every shard`);
  const findings = reports.flatMap(({ report }) => report.findings.map(({ url: _url, ...finding }) => finding));
  const files = reports.reduce((sum, { report }) => sum + report.summary.files, 0);
  const notes = reportNotes(reports.flatMap(({ report }) => report.partial!.notes));
  if (!options.baseline) return buildReport(findings, files, { notes });
  const applied = applyBaseline(findings, options.baseline, () => false, options.baselineFile);
  return buildReport(applied.findings, files, { notes, baseline: applied.outcome });
}
