/**
 * `check --cache` reports exactly what a run without the cache reports, on a
 * cold cache and on a warm one, for real repositories; and a warm run takes
 * its results from the cache instead of running the rules again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { check as checkFunction } from '../../src/check/check.js';
import { findingsOf } from '../helpers/check-repo.js';
import { CACHE, gitRepo, LIST, probed, run, runCounted, SEED_004_NOW, seed004Copy, SPECS_REPO_DOCUMENTS, specsRepo } from './cache-fixtures.js';

/** Plain, cold and warm reports of one repository. */
async function threeRuns(root: string, now?: string): Promise<{ plain: Awaited<ReturnType<typeof run>>; cold: Awaited<ReturnType<typeof run>>; warm: Awaited<ReturnType<typeof run>>; reused: number; total: number }> {
  const options = now ? { now } : {};
  const plain = await run(root, options);
  expect(existsSync(path.join(root, CACHE))).toBe(false);
  const cold = await runCounted(root, { ...options, cache: true });
  expect(cold.reused).toBe(0);
  expect(existsSync(path.join(root, CACHE))).toBe(true);
  const warm = await runCounted(root, { ...options, cache: true });
  return { plain, cold: cold.report, warm: warm.report, reused: warm.reused, total: warm.total };
}

describe('check --cache gives the report of a run without it', () => {
  it('on the seed-004 fixture (failed and missing runs, a stale mini-spec)', async () => {
    const root = seed004Copy();
    const { plain, cold, warm, reused, total } = await threeRuns(root, SEED_004_NOW);
    expect(plain.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['evidence-failed', 'evidence-missing', 'spec-freshness']));
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    // Every file came from the cache.
    expect(reused).toBe(total);
    expect(total).toBe(plain.summary.files);
  });

  it('on mini-specs with an index, a task list, a packet, a checkpoint and a run manifest', async () => {
    const root = specsRepo();
    const { plain, cold, warm, reused, total } = await threeRuns(root);
    expect(plain.summary.files).toBe(SPECS_REPO_DOCUMENTS.length);
    expect(findingsOf(plain, 'evidence-missing').map((f) => [f.file, f.line])).toEqual([[LIST, 5]]);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(reused).toBe(total);
  });

  it('on a git repository with cited commits, backdated evidence and spec drift', async () => {
    const { root } = gitRepo();
    const { plain, cold, warm, reused, total } = await threeRuns(root);
    expect(findingsOf(plain, 'evidence-missing').map((f) => f.message)).toEqual(['Commit `deadbeef1234567` is not in git history.']);
    expect(findingsOf(plain, 'evidence-backdated')).toHaveLength(1);
    expect(findingsOf(plain, 'spec-drift')).toHaveLength(1);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(reused).toBe(total);
  });

  it('with notes: a run outside git notes that spec drift was not checked, warm or cold', async () => {
    const root = specsRepo();
    const { writeFiles } = await import('../helpers/temp-repo.js');
    const { miniSpec } = await import('../helpers/git-fixtures.js');
    writeFiles(root, { 'tasks/specs/0003-gov.md': miniSpec({ id: '0003-gov', lastReview: '2026-11-10' }) });
    const { plain, cold, warm } = await threeRuns(root);
    // One sentence names every rule that needed the history (see reportNotes).
    expect(plain.notes).toEqual([expect.stringMatching(/\bspec-drift (?:and \S+ )?were not checked: no git history here\.$|^spec-drift was not checked: no git history here\.$/)]);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  });

  it('runs no document rule on a warm run over unchanged files', async () => {
    const root = specsRepo();
    const cold = await probed(root, { cache: true });
    expect(cold.checked).toEqual(SPECS_REPO_DOCUMENTS);
    expect(cold.repositoryRuns).toBe(1);
    const warm = await probed(root, { cache: true });
    expect(warm.checked).toEqual([]);
    expect(warm.repositoryRuns).toBe(0);
    expect(warm.report).toEqual(cold.report);
    // Without the cache every document is checked again.
    const plain = await probed(root);
    expect(plain.checked).toEqual(SPECS_REPO_DOCUMENTS);
    expect(plain.report).toEqual(warm.report);
  });

  it('reruns exactly the touched file after an edit', async () => {
    const root = specsRepo();
    await probed(root, { cache: true });
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = path.join(root, 'state/checkpoints/460/01.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}More progress.\n`);
    const warm = await probed(root, { cache: true });
    expect(warm.checked).toEqual(['state/checkpoints/460/01.md']);
    // A checkpoint is read by no repository-wide rule here: their result is reused.
    expect(warm.repositoryRuns).toBe(0);
    expect(warm.report).toEqual((await probed(root)).report);
  });

  it('gives the same report when the cold run checked on several threads (built package)', async () => {
    const dist = (await import(path.resolve('dist/index.js'))) as { check: typeof checkFunction };
    const root = seed004Copy();
    const options = { root, now: SEED_004_NOW, env: { SPECGUARD_THREADS: '2' } };
    const plain = await dist.check(options);
    const cold = await dist.check({ ...options, cache: true });
    const warm = await dist.check({ ...options, cache: true });
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    // The cache written by the threads is as good as one written by one thread.
    expect(await run(root, { now: SEED_004_NOW, cache: true })).toEqual(plain);
  });
});
