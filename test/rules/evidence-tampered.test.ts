/**
 * evidence-tampered: a run that says `succeeded` over a failing command, a
 * log that no longer hashes to its `log_sha256`, and cited evidence edited in
 * a commit after the one that ticked the box. Real git repositories with
 * commits at fixed dates.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, places, ruleFindings } from '../helpers/check-repo.js';
import { commitFiles, committedRepo, short } from '../helpers/git-fixtures.js';
import { tempRepo } from '../helpers/temp-repo.js';

const RULE = 'evidence-tampered';
const RUN = '.runs/1/manifest.json';
const LOG = '.runs/1/test.log';
const LIST = 'tasks/tasks-0001.md';
const LOG_TEXT = 'ok 1 - importer reads the ledger\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A manifest whose one command wrote `test.log` beside it, pinned by `hash`. */
function hashedRun(hash: string | undefined, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return manifest({ task_id: '0001', commands: [{ command: 'npm test', exit_code: 0, log: 'test.log', ...(hash !== undefined ? { log_sha256: hash } : {}) }], ...overrides });
}

/** A manifest's text as `tempRepo` writes it, to find where a value sits. */
function columnOf(object: Record<string, unknown>, needle: string): [number, number] {
  const text = JSON.stringify(object, null, 2);
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

describe('evidence-tampered in a run manifest', () => {
  it('reports a succeeded run over a command that exited non-zero, at that exit code', async () => {
    const run = manifest({ commands: [{ command: 'npm run lint', exit_code: 0 }, { command: 'npm test', exit_code: 1 }] });
    const findings = await ruleFindings(RULE, { [RUN]: run });
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity, f.message])).toEqual([
      [RUN, ...columnOf(run, '1\n'), 'error', 'This run records status `succeeded`, but `npm test` exited with code 1.'],
    ]);
  });

  it('accepts a failed run that records its failing command', async () => {
    expect(await ruleFindings(RULE, { [RUN]: manifest({ status: 'failed', commands: [{ command: 'npm test', exit_code: 1 }] }) })).toEqual([]);
  });

  it('accepts a log that hashes to its log_sha256 (upper-case hex too), and reports one that does not', async () => {
    expect(await ruleFindings(RULE, { [RUN]: hashedRun(sha256(LOG_TEXT)), [LOG]: LOG_TEXT })).toEqual([]);
    expect(await ruleFindings(RULE, { [RUN]: hashedRun(sha256(LOG_TEXT).toUpperCase()), [LOG]: LOG_TEXT })).toEqual([]);

    const run = hashedRun(sha256(LOG_TEXT));
    const edited = 'ok 1 - importer reads the ledger\nok 2 - all checks passed\n';
    const findings = await ruleFindings(RULE, { [RUN]: run, [LOG]: edited });
    expect(places(findings)).toEqual([[RUN, ...columnOf(run, `"${sha256(LOG_TEXT)}"`)]]);
    expect(findings[0]!.message).toBe(
      `This run records \`log_sha256\` \`${sha256(LOG_TEXT).slice(0, 12)}…\` for \`npm test\`, but its log \`${LOG}\` hashes to \`${sha256(edited).slice(0, 12)}…\`: the log was changed after the run.`,
    );
  });

  it('reports a hashed log that is gone, and resolves a log relative to the root when it is not beside the manifest', async () => {
    const gone = await ruleFindings(RULE, { [RUN]: hashedRun(sha256(LOG_TEXT)) });
    expect(gone.map((f) => f.message)).toEqual([`This run names log \`${LOG}\` for \`npm test\` with a \`log_sha256\`, but the log does not exist.`]);

    const atRoot = manifest({ task_id: '0001', commands: [{ command: 'npm test', exit_code: 0, log: 'logs/test.log', log_sha256: sha256(LOG_TEXT) }] });
    expect(await ruleFindings(RULE, { [RUN]: atRoot, 'logs/test.log': LOG_TEXT })).toEqual([]);
  });

  it('never hashes a log whose folder is a symlink out of the repository', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'specguard-outside-'));
    writeFileSync(path.join(outside, 'test.log'), LOG_TEXT);
    const run = manifest({ task_id: '0001', commands: [{ command: 'npm test', exit_code: 0, log: 'logs/test.log', log_sha256: sha256(LOG_TEXT) }] });
    const root = tempRepo({ [RUN]: run });
    symlinkSync(outside, path.join(root, 'logs'));
    const findings = await ruleFindings(RULE, root);
    expect(findings.map((f) => f.message)).toEqual(['This run names log `logs/test.log` for `npm test`, which cannot be hashed: it lies outside the repository; it was not read.']);
  });

  it('makes a box that cites the manifest fail its evidence', async () => {
    const report = await checkRepo({ [RUN]: hashedRun(sha256('another log\n')), [LOG]: LOG_TEXT, [LIST]: lines('# Tasks', '', '- [x] 1.0 Importer tested — `.runs/1/`') });
    expect(findingsOf(report, 'evidence-failed').map((f) => f.message)).toEqual([
      `Run manifest \`${RUN}\` records \`log_sha256\` \`${sha256('another log\n').slice(0, 12)}…\` for \`npm test\`, but its log \`${LOG}\` hashes to \`${sha256(LOG_TEXT).slice(0, 12)}…\`: the log was changed after the run.`,
    ]);
  });
});

describe('evidence-tampered: evidence edited after the tick', () => {
  const OPEN = lines('# Tasks', '', '- [ ] 1.0 Importer tested');
  /** The citation is on line 3, column 29. */
  const TICKED = lines('# Tasks', '', '- [x] 1.0 Importer tested — `.runs/1/`');

  it('reports a log of the cited run changed in a commit after the tick, naming both commits', async () => {
    const { root } = committedRepo({ [LIST]: OPEN, [RUN]: hashedRun(undefined), [LOG]: 'not ok 1 - importer\n' }, '2026-10-01T10:00:00Z', 'importer: run 1');
    const tick = commitFiles(root, { [LIST]: TICKED }, 'importer: done', '2026-10-02T10:00:00Z');
    const edit = commitFiles(root, { [LOG]: LOG_TEXT }, 'runs: tidy log', '2026-10-03T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([[LIST, 3, 29]]);
    expect(findings[0]!.message).toBe(
      `Cited evidence was changed after this box was ticked in \`${short(tick)}\`: \`.runs/1\` in \`${short(edit)}\` (2026-10-03). Evidence edited after the claim proves nothing; record a new run and tick the box again.`,
    );
  });

  it('reports a log named by a cited manifest outside its folder, and counts the edits', async () => {
    const run = manifest({ task_id: '0001', commands: [{ command: 'npm test', exit_code: 0, log: 'logs/test.log' }] });
    const ticked = lines('# Tasks', '', `- [x] 1.0 Importer tested — \`${RUN}\``);
    const { root } = committedRepo({ [LIST]: ticked, [RUN]: run, 'logs/test.log': 'not ok 1\n' }, '2026-10-01T10:00:00Z', 'importer: run 1, done');
    commitFiles(root, { 'logs/test.log': 'ok 1\n' }, 'logs: fix', '2026-10-02T10:00:00Z');
    const last = commitFiles(root, { 'logs/test.log': 'ok 1\nok 2\n' }, 'logs: fix again', '2026-10-03T10:00:00Z');
    const findings = await ruleFindings(RULE, root);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`\`${RUN}\` in \`${short(last)}\` (2026-10-03, the last of 2 commits)`)]);
  });

  it('accepts evidence edited before the tick, and leaves evidence first committed after it to evidence-backdated', async () => {
    const { root } = committedRepo({ [LIST]: OPEN, [RUN]: hashedRun(undefined), [LOG]: 'not ok 1\n' }, '2026-10-01T10:00:00Z', 'importer: run 1');
    commitFiles(root, { [LOG]: LOG_TEXT }, 'runs: rerun', '2026-10-02T10:00:00Z');
    commitFiles(root, { [LIST]: TICKED }, 'importer: done', '2026-10-03T10:00:00Z');
    expect(await ruleFindings(RULE, root)).toEqual([]);

    const late = committedRepo({ [LIST]: TICKED }, '2026-10-01T10:00:00Z', 'importer: done').root;
    commitFiles(late, { [RUN]: hashedRun(undefined), [LOG]: LOG_TEXT }, 'runs: run 1', '2026-10-02T10:00:00Z');
    commitFiles(late, { [LOG]: 'ok 1\nok 2\n' }, 'runs: edit', '2026-10-03T10:00:00Z');
    const report = await checkRepo(late);
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(findingsOf(report, 'evidence-backdated')).toHaveLength(1);
  });

  it('notes, without failing, that it could not check edits outside git', async () => {
    const report = await checkRepo({ [LIST]: TICKED, [RUN]: hashedRun(undefined), [LOG]: LOG_TEXT });
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(report.notes).toContain('evidence-backdated and evidence-tampered were not checked: no git history here.');
  });
});
