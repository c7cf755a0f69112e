/**
 * `check --since <date|commit>`: only boxes ticked after it (by git blame)
 * are held to the evidence rules; older ones are counted in one note. Real
 * git repositories with commits at fixed dates.
 */
import { describe, expect, it } from 'vitest';
import { SpecguardError } from '../../src/errors.js';
import { checkRepo, findingsOf, lines } from '../helpers/check-repo.js';
import { commitFiles, committedRepo } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';
const OTHER = 'tasks/tasks-0002.md';
const OLD = ['# Tasks', '', '- [x] 1.0 Old claim, no proof', '- [x] 2.0 Old claim, see `docs/gone.md`'];

/** Two old unproven boxes in each of two lists (2026-10-01), then one new unproven box (2026-11-10): its sha. */
function history(): { root: string; cut: string } {
  const { root, sha: cut } = committedRepo({ [LIST]: lines(...OLD), [OTHER]: lines(...OLD) }, '2026-10-01T10:00:00Z', 'tasks: old claims');
  commitFiles(root, { [LIST]: lines(...OLD, '- [x] 3.0 New claim, no proof') }, 'tasks: new claim', '2026-11-10T10:00:00Z');
  return { root, cut };
}

const evidenceLines = (report: Awaited<ReturnType<typeof checkRepo>>): Array<[string, string, number]> =>
  [...findingsOf(report, 'checkbox-evidence'), ...findingsOf(report, 'evidence-missing')].map((f) => [f.ruleId, f.file, f.line] as [string, string, number]).sort();

describe('check --since', () => {
  it('without it, every ticked box is held', async () => {
    const { root } = history();
    expect(evidenceLines(await checkRepo(root))).toEqual([
      ['checkbox-evidence', LIST, 3],
      ['checkbox-evidence', LIST, 5],
      ['checkbox-evidence', OTHER, 3],
      ['evidence-missing', LIST, 4],
      ['evidence-missing', OTHER, 4],
    ]);
  });

  it('with a date, holds only the boxes ticked after it and counts the others in one note', async () => {
    const { root } = history();
    const report = await checkRepo(root, { since: '2026-11-01' });
    expect(evidenceLines(report)).toEqual([['checkbox-evidence', LIST, 5]]);
    expect(report.notes).toContain('--since 2026-11-01: 4 ticked boxes in 2 files, ticked before it, were not held to the evidence rules.');
  });

  it('with a commit, holds the boxes ticked in commits after it', async () => {
    const { root, cut } = history();
    const report = await checkRepo(root, { since: cut });
    expect(evidenceLines(report)).toEqual([['checkbox-evidence', LIST, 5]]);
    expect(report.notes).toContain(`--since ${cut}: 4 ticked boxes in 2 files, ticked before it, were not held to the evidence rules.`);
  });

  it('always holds a box ticked in the working tree', async () => {
    const { root } = history();
    writeFiles(root, { [OTHER]: lines(...OLD, '- [x] 3.0 Ticked, not committed') });
    const report = await checkRepo(root, { since: 'HEAD' });
    expect(evidenceLines(report)).toEqual([['checkbox-evidence', OTHER, 5]]);
  });

  it('refuses what is neither a date nor a commit, with one line on the command line', async () => {
    const { root } = history();
    await expect(checkRepo(root, { since: 'no-such-branch' })).rejects.toThrow(SpecguardError);
    const run = await runCli(['check', '--since', 'no-such-branch'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('specguard: --since: `no-such-branch` is neither a date (YYYY-MM-DD) nor a commit of this repository\n');
  });
});
