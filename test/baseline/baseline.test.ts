/**
 * Baselines through the CLI: `--write-baseline`, then `--baseline` leaves the
 * recorded findings out (even after lines move), reports the fixed ones and
 * the new ones; bad baseline files are usage errors; fingerprints ignore
 * numbers in messages.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/baseline/baseline.js';
import type { Report } from '../../src/findings/finding.js';
import { lines, NOW } from '../helpers/check-repo.js';
import { expectOneLine, miniSpec, SPEC } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo, writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';
const TASKS = ['- [x] shipped the parser', '- [x] docs, see `docs/missing.md`', '- [x] fixed in #12'];
const NO_EVIDENCE = 'Ticked box is unproven: it cites no evidence; cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.';

/** Four findings: spec-freshness (stale spec), checkbox-evidence, evidence-missing, evidence-external (a warning). */
function repo(): string {
  return tempRepo({
    'README.md': '# Repo\n',
    [SPEC]: miniSpec({ lastReview: '2026-01-01', governs: null }),
    [LIST]: lines('# Tasks', '', ...TASKS),
  });
}

function check(root: string, ...args: string[]): ReturnType<typeof runCli> {
  return runCli(['check', '--now', NOW, ...args], root);
}

async function jsonReport(root: string, ...args: string[]): Promise<Report> {
  const run = await check(root, '--format', 'json', ...args);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

/** Writes `b.json` in the repository and returns the report it was written from. */
async function writeBaselineFile(root: string): Promise<Report> {
  const report = await jsonReport(root);
  const run = await check(root, '--write-baseline', 'b.json');
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`specguard: wrote b.json with ${report.findings.length} findings\n`);
  return report;
}

describe('baselines', () => {
  it('writes a baseline of every finding with --write-baseline, and exits 0 despite errors', async () => {
    const root = repo();
    expect((await check(root)).code).toBe(1);
    const report = await writeBaselineFile(root);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['checkbox-evidence', 'evidence-external', 'evidence-missing', 'spec-freshness']);

    const baseline = JSON.parse(readFileSync(path.join(root, 'b.json'), 'utf8')) as Baseline;
    expect(baseline.version).toBe(1);
    expect(baseline.tool).toBe('specguard');
    expect(baseline.findings.map((f) => f.fingerprint).sort()).toEqual(report.findings.map((f) => f.fingerprint).sort());
    for (const entry of baseline.findings) {
      const finding = report.findings.find((f) => f.fingerprint === entry.fingerprint)!;
      expect(entry).toEqual({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file, message: finding.message });
    }
  });

  it('leaves every recorded finding out after lines are inserted above them (exit 0)', async () => {
    const root = repo();
    await writeBaselineFile(root);
    writeFiles(root, {
      [LIST]: lines('# Tasks', '', '', 'A paragraph about the tasks,', 'over two lines.', '', '', ...TASKS),
      [SPEC]: miniSpec({ lastReview: '2026-01-01', governs: null }).replace('last_review:', '# reviewed in the weekly meeting\n\nlast_review:'),
    });
    // Without the baseline, the same findings are there, on other lines.
    const moved = await jsonReport(root);
    expect(moved.findings).toHaveLength(4);
    expect(moved.findings.find((f) => f.ruleId === 'checkbox-evidence')!.line).toBe(8);
    expect(moved.findings.find((f) => f.ruleId === 'spec-freshness')!.line).toBe(7);

    const run = await check(root, '--baseline', 'b.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No problems');
    expect(run.stdout).toContain('Baseline: 4 known findings left out; 0 fixed since it was written.');
    const report = await jsonReport(root, '--baseline', 'b.json');
    expect(report.findings).toEqual([]);
    expect(report.baseline).toEqual({ file: 'b.json', suppressed: 4, fixed: [] });
  });

  it('lists a fixed finding under baseline.fixed, and says so in the stylish output', async () => {
    const root = repo();
    await writeBaselineFile(root);
    writeFiles(root, { [LIST]: lines('# Tasks', '', '- [x] shipped the parser `README.md`', ...TASKS.slice(1)) });

    const report = await jsonReport(root, '--baseline', 'b.json');
    expect(report.findings).toEqual([]);
    expect(report.baseline).toEqual({ file: 'b.json', suppressed: 3, fixed: [{ ruleId: 'checkbox-evidence', file: LIST, message: NO_EVIDENCE }] });

    const run = await check(root, '--baseline', 'b.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Baseline: 3 known findings left out; 1 fixed since it was written.');
    expect(run.stdout).toContain(`fixed: ${LIST}  ${NO_EVIDENCE}  checkbox-evidence`);
  });

  it('still reports a new finding (exit 1)', async () => {
    const root = repo();
    await writeBaselineFile(root);
    writeFiles(root, { [LIST]: lines('# Tasks', '', ...TASKS, '- [x] released it') });

    const report = await jsonReport(root, '--baseline', 'b.json');
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['checkbox-evidence', LIST, 6]]);
    expect(report.baseline).toEqual({ file: 'b.json', suppressed: 4, fixed: [] });
    const run = await check(root, '--baseline', 'b.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${LIST}:6:3`);
  });

  it('counts identical findings: a third copy of a box recorded twice is reported', async () => {
    const root = tempRepo({ [LIST]: lines('# Tasks', '', '- [x] shipped', '- [x] shipped') });
    await writeBaselineFile(root);
    const baseline = JSON.parse(readFileSync(path.join(root, 'b.json'), 'utf8')) as Baseline;
    expect(baseline.findings).toHaveLength(2);
    expect(baseline.findings[0]!.fingerprint).toBe(baseline.findings[1]!.fingerprint);

    expect((await check(root, '--baseline', 'b.json')).code).toBe(0);
    writeFiles(root, { [LIST]: lines('# Tasks', '', '- [x] shipped', '- [x] shipped', '- [x] shipped') });
    const report = await jsonReport(root, '--baseline', 'b.json');
    expect(report.findings).toHaveLength(1);
    expect(report.baseline?.suppressed).toBe(2);
  });

  it('keeps a fingerprint when only a number in the message changes (an age, a day later)', async () => {
    const root = repo();
    await writeBaselineFile(root);
    const today = (await jsonReport(root)).findings.find((f) => f.ruleId === 'spec-freshness')!;
    const tomorrow = (await jsonReport(root, '--now', '2026-11-22')).findings.find((f) => f.ruleId === 'spec-freshness')!;
    expect(today.message).toContain('is 324 days old');
    expect(tomorrow.message).toContain('is 325 days old');
    expect(tomorrow.fingerprint).toBe(today.fingerprint);

    const run = await runCli(['check', '--now', '2026-11-22', '--baseline', 'b.json'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Baseline: 4 known findings left out; 0 fixed since it was written.');
  });

  it.each([
    ['missing', undefined, 'not found'],
    ['not JSON', '{ "version": 1, ', 'not valid JSON'],
    ['not a baseline', JSON.stringify({ version: 2, findings: [] }), 'is not a specguard baseline'],
    ['with a bad entry', JSON.stringify({ version: 1, tool: 'specguard', findings: [{ fingerprint: 1 }] }), 'is not a specguard baseline'],
  ])('exits 2 with one line on stderr for a baseline file that is %s', async (_what, content, says) => {
    const root = repo();
    if (content !== undefined) writeFileSync(path.join(root, 'b.json'), content);
    const run = await check(root, '--baseline', 'b.json');
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--baseline');
    expect(run.stderr).toContain('b.json');
    expect(run.stderr).toContain(says);
    expect(run.stdout).toBe('');
  });

  it('exits 2 with one line on stderr when the baseline cannot be written', async () => {
    const root = repo();
    const run = await check(root, '--write-baseline', 'no/such/folder/b.json');
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/^specguard: --write-baseline: cannot write \S*no\/such\/folder\/b\.json \(ENOENT\)\n$/);
    expect(existsSync(path.join(root, 'no'))).toBe(false);
  });
});
