/**
 * The table: one row per command (median seconds, median peak MB, ratio to
 * the floor and to `specguard check` cold), the machine it ran on, and the
 * targets of the Performance issue, each met or missed. Printed as a markdown
 * table so that it can be pasted into docs/performance.md as is.
 */
import os from 'node:os';
import type { Series } from './measure.js';

/** A row: measured, or not applicable (with the reason). */
export type Row = { label: string; series: Series } | { label: string; na: string };

/** The machine and the run, for the header. */
export interface RunInfo {
  date: string;
  node: string;
  cores: number;
  cpu: string;
  memoryGB: number;
  os: string;
  rssMethod: string;
  specguard: string;
  docs: number;
  corpusMB: number;
  runs: number;
  seed: string;
  now: string;
}

/** Facts about this machine. */
export function machineInfo(): Pick<RunInfo, 'node' | 'cores' | 'cpu' | 'memoryGB' | 'os'> {
  const cpus = os.cpus();
  return {
    node: process.version,
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const fmtRatio = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`);

/** The header lines and the table. */
export function renderTable(rows: readonly Row[], info: RunInfo, floorLabel: string, coldLabel: string): string {
  const find = (label: string): Series | undefined => {
    for (const row of rows) if ('series' in row && row.series.label === label) return row.series;
    return undefined;
  };
  const floor = find(floorLabel);
  const cold = find(coldLabel);
  const lines = [
    `specguard ${info.specguard}; ${info.docs} documents (${info.corpusMB.toFixed(1)} MB), ${info.runs} run${info.runs === 1 ? "" : "s"} per command, round-robin; seed ${info.seed}; --now ${info.now}`,
    `${info.date}; Node ${info.node}; ${info.cores} cores (${info.cpu}); ${info.memoryGB} GB RAM; ${info.os}; peak RSS by ${info.rssMethod}`,
    '',
    '| command | median s | peak MB | × floor | × check cold |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if ('na' in row) {
      lines.push(`| ${row.label} | ${row.na} | — | — | — |`);
      continue;
    }
    const s = row.series;
    lines.push(
      `| ${row.label} | ${s.medianSeconds.toFixed(2)} | ${s.medianPeakMB.toFixed(0)} | ${fmtRatio(floor ? s.medianSeconds / floor.medianSeconds : undefined)} | ${fmtRatio(cold ? s.medianSeconds / cold.medianSeconds : undefined)} |`,
    );
  }
  return lines.join('\n');
}

/** The spread of each command's runs (the median hides it; a busy machine shows in it). */
export function renderSpread(series: readonly Series[]): string {
  const parts = series.map((s) => {
    const times = s.samples.map((x) => x.seconds);
    return `${s.label} ${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s`;
  });
  return `Spread of the runs (fastest–slowest): ${parts.join('; ')}.`;
}

/** One target of the Performance issue. */
export interface Target {
  name: string;
  /** The measured value, as shown. */
  value: string;
  verdict: 'met' | 'missed' | 'n/a';
  /** Said after the verdict (e.g. "must 3×: met"). */
  detail?: string;
}

/** The targets as lines. */
export function renderTargets(targets: readonly Target[]): string {
  const lines = ['| target | measured | verdict |', '| --- | ---: | --- |'];
  for (const t of targets) lines.push(`| ${t.name} | ${t.value} | ${t.verdict === 'missed' ? '**missed**' : t.verdict}${t.detail ? ` (${t.detail})` : ''} |`);
  return lines.join('\n');
}

/** A ratio target: `value` at most `limit`. */
export function ratioTarget(name: string, value: number | undefined, limit: number, unit = '×'): Target {
  if (value === undefined || !Number.isFinite(value)) return { name, value: 'n/a', verdict: 'n/a' };
  return { name, value: `${value.toFixed(2)}${unit}`, verdict: value <= limit ? 'met' : 'missed' };
}
