/**
 * `check --shard i/n` and `merge-reports`: the merged reports of every shard equal the report of a run without
 * shards (same findings, order, summary and notes), for n = 1, 2, 3 and 7, on the fixtures (repository-wide
 * findings included) and on a generated corpus, with and without a baseline; by the API and on the command line.
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.js';
import { baselineOf } from '../../src/baseline/baseline.js';
import { check, shardOf, type CheckOptions } from '../../src/check/check.js';
import { mergeReports } from '../../src/check/merge-reports.js';
import { SpecguardError } from '../../src/errors.js';
import type { Report } from '../../src/findings/finding.js';
import { specsRepo } from '../cache/cache-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { markdown } from '../helpers/check-repo.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const SEED_004 = path.resolve('test/fixtures/seed-004');
const NOW = '2025-10-20T00:00:00Z';

function seed004(): string {
  const root = tempRepo();
  cpSync(SEED_004, root, { recursive: true });
  gitInit(root);
  commitAll(root, 'seed 004', '2025-10-16T03:00:00Z');
  return root;
}

/** Mini-specs whose index disagrees with them, a spec superseded by nothing, a task list declared done over open boxes. */
function repositoryWide(): string {
  const root = specsRepo();
  writeFiles(root, {
    'tasks/index.json': { items: [{ id: '0001-core', path: 'tasks/specs/0001-core.md', last_review: '2026-10-01' }] },
    'tasks/specs/0003-old.md': markdown(['id: 0003-old', 'title: Old', 'status: superseded', 'last_review: 2026-11-01'], '# Old'),
    'tasks/tasks-0009-export.md': markdown(['status: done'], '# Tasks', '', '- [x] 1.0 Export, see `tasks/specs/0001-core.md`', '- [ ] 2.0 Docs'),
  });
  return root;
}

async function shards(root: string, count: number, options: Omit<CheckOptions, 'root' | 'shard'> = {}): Promise<Array<{ name: string; report: Report }>> {
  const out: Array<{ name: string; report: Report }> = [];
  for (let index = 1; index <= count; index++) out.push({ name: `shard-${index}.json`, report: await check({ root, env: {}, ...options, shard: { index, count } }) });
  return out;
}

describe('check --shard and merge-reports', () => {
  const repositories: Array<[string, () => string, string]> = [
    ['seed 004 (a git repository)', seed004, NOW],
    ['mini-specs with an index, a superseded spec, a task declared done (repository-wide findings)', repositoryWide, '2026-11-26'],
    [
      'a generated corpus of 300 documents',
      () => {
        const root = tempRepo();
        generateCorpus({ root, docs: 300, seed: 'shards-1', now: NOW });
        return root;
      },
      NOW,
    ],
  ];

  it.each(repositories)('%s: the merged shards equal the whole run, for n = 1, 2, 3, 7', async (_name, make, now) => {
    const root = make();
    const whole = await check({ root, now, env: {} });
    expect(whole.findings.length).toBeGreaterThan(0);
    if (make === repositoryWide) {
      expect(whole.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['index-consistency', 'spec-superseded', 'status-contradiction']));
    }
    for (const count of [1, 2, 3, 7]) {
      const parts = await shards(root, count, { now });
      expect(parts.reduce((sum, p) => sum + p.report.summary.files, 0), `n=${count}`).toBe(whole.summary.files);
      // Shuffled: the order the reports are given in does not matter.
      expect(mergeReports([...parts].reverse()), `n=${count}`).toEqual(whole);
    }
  }, 120_000);

  it('applies a baseline at the merge as check applies it', async () => {
    const root = seed004();
    const whole = await check({ root, now: NOW, env: {} });
    const baseline = baselineOf(whole.findings.slice(0, 3));
    const expected = await check({ root, now: NOW, env: {}, baseline, baselineFile: 'baseline.json' });
    expect(expected.baseline?.suppressed).toBe(3);
    expect(mergeReports(await shards(root, 3, { now: NOW }), { baseline, baselineFile: 'baseline.json' })).toEqual(expected);
  }, 60_000);

  it('puts each file in one shard, by a hash of its path that other files do not move', () => {
    const paths = Array.from({ length: 2000 }, (_, i) => `tasks/tasks-${i}.md`);
    const counts = [0, 0, 0, 0];
    for (const p of paths) counts[shardOf(p, 4) - 1]!++;
    for (const n of counts) expect(n).toBeGreaterThan(400);
    expect(paths.map((p) => shardOf(p, 4))).toEqual(paths.map((p) => shardOf(p, 4)));
  });

  it('refuses a missing, repeated or foreign shard, and shards combined with a cache or a change', async () => {
    const root = seed004();
    const parts = await shards(root, 3, { now: NOW });
    expect(() => mergeReports(parts.slice(0, 2))).toThrow('merge-reports: shard 3/3 missing; give the report of every shard');
    expect(() => mergeReports([parts[0]!, parts[0]!, parts[1]!])).toThrow('are both shard 1/3');
    const whole = await check({ root, now: NOW, env: {} });
    expect(() => mergeReports([{ name: 'whole.json', report: whole }])).toThrow('merge-reports: whole.json is not the report of a shard');
    await expect(check({ root, env: {}, shard: { index: 4, count: 3 } })).rejects.toThrow(SpecguardError);
    await expect(check({ root, env: {}, shard: { index: 1, count: 2 }, cache: true })).rejects.toThrow('--shard cannot be combined with --cache');
  }, 60_000);

  it('on the command line: partial JSON reports, merged into any format with the exit code of the whole run', async () => {
    const root = seed004();
    const whole = await runCli(['check', '--now', NOW, '--format', 'json'], root);
    for (const index of [1, 2]) {
      const part = await runCli(['check', '--now', NOW, '--shard', `${index}/2`, '--format', 'json', '--output', `part-${index}.json`], root);
      expect(part.stderr).toBe('');
    }
    const merged = await runCli(['merge-reports', 'part-2.json', 'part-1.json', '--format', 'json'], root);
    expect(merged.code).toBe(whole.code);
    expect(merged.stdout).toBe(whole.stdout);
    const stylish = await runCli(['merge-reports', 'part-1.json', 'part-2.json'], root);
    expect(stylish.stdout).toBe((await runCli(['check', '--now', NOW], root)).stdout);

    writeFileSync(path.join(root, 'not-a-report.json'), '{"hello": 1}\n');
    const bad = await runCli(['merge-reports', 'part-1.json', 'not-a-report.json'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('specguard: merge-reports: not-a-report.json is not a specguard JSON report (check --format json)\n');
    const shard = await runCli(['check', '--shard', '3'], root);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toBe('specguard: --shard: `3` is not i/n (e.g. 2/4)\n');
  }, 60_000);
});
