/**
 * `specguard sync` of the generated corpus into each engine: the first sync into an empty database, and a sync of
 * the unchanged repository (which must write nothing). The embedded engine always; a PostgreSQL server when
 * `--postgres URL` is given (each round syncs into a database of its own, created and dropped around the run).
 * Medians of R rounds, round-robin.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { roundRobin, type Measured, type Series } from './measure.js';

/** What {@link measureSync} needs. */
export interface SyncBenchOptions {
  corpusDir: string;
  bin: string;
  outDir: string;
  runs: number;
  now: string;
  /** A PostgreSQL server URL (its database is used only to create and drop the bench's databases). */
  postgres?: string;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Measures first and unchanged syncs of the corpus into each engine.
 * @returns one series per engine and kind of sync, labelled
 */
export async function measureSync(options: SyncBenchOptions, log: (line: string) => void): Promise<Series[]> {
  const logs = path.join(options.outDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const node = process.execPath;
  const commands: Measured[] = [];
  const engines: Array<{ name: string; target: string; reset: () => Promise<void> }> = [];
  const folder = path.join(options.outDir, 'sync-db');
  engines.push({ name: 'embedded (PGlite)', target: folder, reset: async () => rmSync(folder, { recursive: true, force: true }) });
  if (options.postgres) {
    const url = new URL(options.postgres);
    url.pathname = '/specguard_bench_sync';
    engines.push({
      name: 'PostgreSQL',
      target: url.toString(),
      reset: async () => {
        await admin(options.postgres!, 'DROP DATABASE IF EXISTS specguard_bench_sync WITH (FORCE)');
        await admin(options.postgres!, 'CREATE DATABASE specguard_bench_sync');
      },
    });
  }
  for (const engine of engines) {
    const argv = [node, options.bin, 'sync', options.corpusDir, '--database', engine.target, '--name', 'bench', '--now', options.now, '--format', 'json'];
    const spec = (name: string) => ({ argv, cwd: options.corpusDir, stdoutFile: path.join(logs, `${name}.stdout`), stderrFile: path.join(logs, `${name}.stderr`) });
    const slug = engine.name.split(' ')[0]!.toLowerCase();
    commands.push({
      label: `sync into ${engine.name}, first`,
      before: engine.reset,
      spec: spec(`sync-${slug}-first`),
      validate: async (sample) => {
        if (sample.exitCode !== 0) throw new Error(`sync into ${engine.name} exited ${sample.exitCode}; see ${logs}`);
      },
    });
    commands.push({
      label: `sync into ${engine.name}, unchanged`,
      spec: spec(`sync-${slug}-unchanged`),
      validate: async (sample) => {
        if (sample.exitCode !== 0) throw new Error(`unchanged sync into ${engine.name} exited ${sample.exitCode}; see ${logs}`);
        const { readFileSync } = await import('node:fs');
        const result = JSON.parse(readFileSync(path.join(logs, `sync-${slug}-unchanged.stdout`), 'utf8')) as { unchanged: boolean };
        if (!result.unchanged) throw new Error(`an unchanged sync into ${engine.name} wrote rows`);
      },
    });
  }
  try {
    return await roundRobin(commands, options.runs, options.outDir, log);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (options.postgres) await admin(options.postgres, 'DROP DATABASE IF EXISTS specguard_bench_sync WITH (FORCE)').catch(() => undefined);
  }
}

/** The table of {@link measureSync}. */
export function renderSync(series: readonly Series[], docs: number, runs: number): string {
  return [
    `specguard sync of the ${docs}-document corpus (median of ${runs} runs):`,
    '',
    '| sync | median s | peak RSS MB | spread s |',
    '| --- | ---: | ---: | ---: |',
    ...series.map((s) => {
      const seconds = s.samples.map((x) => x.seconds);
      return `| ${s.label} | ${s.medianSeconds.toFixed(2)} | ${s.medianPeakMB.toFixed(0)} | ${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)} |`;
    }),
    '',
  ].join('\n');
}
