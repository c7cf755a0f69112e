/**
 * Loading in worker threads gives the same report as loading in one thread:
 * the built CLI is run both ways on the same corpus (workers need the
 * compiled JavaScript, so this test runs `bin/specguard.js`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'specguard-parallel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }), 120_000);

function run(threads: number): { code: number; report: string } {
  try {
    const out = execFileSync(process.execPath, ['bin/specguard.js', 'check', root, '--now', '2026-11-21', '--format', 'json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', SPECGUARD_THREADS: String(threads) },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, report: out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, report: e.stdout };
  }
}

describe('parallel load', () => {
  it('reports exactly what a single thread reports, seeded defects included', () => {
    const corpus = generateCorpus({ root, docs: 600, seed: 'parallel-load', now: '2026-11-21' });
    const single = run(1);
    const parallel = run(3);
    expect(single.code).toBe(1);
    expect(parallel.code).toBe(single.code);
    expect(parallel.report).toBe(single.report);
    const report = JSON.parse(parallel.report) as { summary: { files: number }; findings: Array<{ ruleId: string; file: string; line: number }> };
    expect(report.summary.files).toBeGreaterThan(500);
    const found = new Set(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`));
    for (const expected of corpus.expected) expect(found.has(`${expected.ruleId} ${expected.file}:${expected.line}`), `${expected.ruleId} ${expected.file}:${expected.line}`).toBe(true);
  });
});
