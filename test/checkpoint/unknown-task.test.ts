/**
 * `checkpoint create` for a task nobody named: refused (exit 1, one line, the
 * close matches) unless `--new-task`; a task counts as named by a packet, a
 * task list (its `task:` or the number in its file name), a checkpoint, a run
 * manifest or a commit. And no filler summary: without `--summary` it asks on
 * a terminal and refuses elsewhere. Real git repositories with fixed dates.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { brief } from '../../src/brief/brief.js';
import { check } from '../../src/check/check.js';
import { createCheckpoint, UnknownTaskError } from '../../src/checkpoint/create-checkpoint.js';
import { SpecguardError } from '../../src/errors.js';
import { lines, manifest, validPacket } from '../helpers/check-repo.js';
import { committedRepo, expectOneLine } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { tempRepo, type FileTree } from '../helpers/temp-repo.js';
import { runWithStdin, snapshot } from '../init/init-repo.js';

const NOW = '2026-06-02T10:00:00Z';

/** `checkpoint create` of a progress checkpoint, with a summary unless `summary` is null. */
function create(task: string, extra: string[] = [], summary: string | null = 'Templates drafted; migration not applied.'): string[] {
  return ['checkpoint', 'create', '--task', task, '--kind', 'progress', '--agent', 'codex', ...(summary === null ? [] : ['--summary', summary]), '--now', NOW, ...extra];
}

/** The summary in a checkpoint's frontmatter, parsed with the `yaml` package. */
function summaryOf(root: string, relative: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(root, relative), 'utf8'));
  return (parse(match![1]!) as Record<string, unknown>).summary;
}

/** Expects a refusal of an unknown task: exit 1, nothing on stdout, one stderr line, the work tree untouched. */
async function expectRefused(root: string, argv: string[], task: string): Promise<string> {
  const before = snapshot(root);
  const run = await runCli(argv, root);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expectOneLine(run.stderr);
  expect(run.stderr).toMatch(new RegExp(`^specguard: unknown task \`${task}\`: no task packet, task list, checkpoint, run manifest or commit names it.*; pass --new-task to start a new task\\n$`));
  expect(snapshot(root)).toEqual(before);
  return run.stderr;
}

describe('checkpoint create for a task nothing names', () => {
  it('is refused: exit 1, one line, nothing written; with the close matches when there are some', async () => {
    const root = seed000Repo();
    expect(await expectRefused(root, create('9999'), '9999')).not.toContain('did you mean');
    expect(existsSync(path.join(root, 'state/checkpoints/9999'))).toBe(false);
    // 461 is one edit from 460, the seed's task.
    expect(await expectRefused(root, create('461'), '461')).toContain('(did you mean `460`?)');
  });

  it('prints the line the README quotes, on the example repository', async () => {
    const root = tempRepo();
    cpSync(fileURLToPath(new URL('../fixtures/seed-004', import.meta.url)), root, { recursive: true });
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const quoted = /\n```text\n(specguard: unknown task .*\n)```\n/.exec(readme);
    expect(quoted, 'the README quotes the refusal').not.toBeNull();
    expect(await expectRefused(root, ['checkpoint', 'create', '--task', '0011', '--kind', 'progress', '--summary', 'x', '--now', NOW], '0011')).toBe(quoted![1]);
  });

  it('names up to three close matches, nearest first, among the ids of packets, task lists, checkpoints and run manifests', async () => {
    const { root } = committedRepo(
      {
        'state/packets/0001/packet.md': validPacket('"0001"'),
        'tasks/tasks-0002-importer.md': lines('# Importer', '', '- [ ] read the ledger'),
        'state/checkpoints/0012/2026-06-01T08-00-00Z-start.md': lines('---', 'task: "0012"', 'checkpoint_kind: start', 'created: 2026-06-01T08:00:00Z', 'agent: codex', 'summary: Started.', '---'),
        '.runs/0004/r1/manifest.json': manifest({ task_id: '0004' }),
        'state/packets/9000/packet.md': validPacket(9000),
      },
      '2026-06-01T08:00:00Z',
    );
    const stderr = await expectRefused(root, create('0003'), '0003');
    // 0001, 0002 and 0004 are one edit away, 0012 two; 9000 is far.
    expect(stderr).toContain('(did you mean `0001` or `0002` or `0004`?)');
  });

  it('--new-task writes it: exit 0, a valid checkpoint, and from then on the task is known', async () => {
    const root = seed000Repo();
    const run = await runCli(create('9999', ['--new-task']), root);
    expect(run).toEqual({ code: 0, stdout: 'state/checkpoints/9999/2026-06-02T10-00-00Z-progress.md\n', stderr: '' });
    expect((await check({ root, now: NOW, env: {} })).findings.filter((f) => f.file.startsWith('state/checkpoints/9999/'))).toEqual([]);
    const second = await runCli(create('9999'), root);
    expect(second.code, second.stderr).toBe(0);
    expect((await brief({ root, task: '9999', now: NOW, env: {} }))?.timeline).toHaveLength(2);
    // --new-task for a task that is named already changes nothing.
    expect((await runCli(create('460', ['--new-task']), root)).code).toBe(0);
  });

  describe('a task counts as named by any one of these (and another id in the same repository is refused)', () => {
    const namings: Array<[string, FileTree, string]> = [
      ['a task packet', { 'state/packets/a/packet.md': validPacket(31) }, '31'],
      ['a task list, by the number in its file name', { 'tasks/tasks-0031-importer.md': lines('# Importer', '', '- [ ] read the ledger') }, '0031'],
      ['a task list without a name number, by its task:', { 'tasks/tasks-backlog.md': lines('---', 'task: imp-31', '---', '', '- [ ] read the ledger') }, 'imp-31'],
      ['a checkpoint', { 'state/checkpoints/31/2026-06-01T08-00-00Z-start.md': lines('---', 'task: 31', 'checkpoint_kind: start', 'created: 2026-06-01T08:00:00Z', 'agent: codex', 'summary: Started.', '---') }, '31'],
      ['a run manifest', { '.runs/x/r1/manifest.json': manifest({ task_id: '31' }) }, '31'],
    ];
    for (const [what, files, task] of namings) {
      it(what, async () => {
        const { root } = committedRepo({ 'README.md': '# platform\n', ...files }, '2026-06-01T08:00:00Z');
        const run = await runCli(create(task), root);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`state/checkpoints/${task}/2026-06-02T10-00-00Z-progress.md\n`);
        await expectRefused(root, create('77'), '77');
      });
    }

    it('a commit on a local branch that mentions it (trailer, #id or [id])', async () => {
      const { root } = committedRepo({ 'README.md': '# platform\n' }, '2026-06-01T08:00:00Z', 'feat: the importer\n\nTask: 31');
      const run = await runCli(create('31'), root);
      expect(run.code, run.stderr).toBe(0);
      await expectRefused(root, create('77'), '77');
      // A prefix of a named id is not named: 3 is not 31.
      await expectRefused(root, create('3'), '3');
    });
  });
});

describe('checkpoint create without --summary', () => {
  it('without a terminal: refused with one line, exit 2, nothing written (no filler text)', async () => {
    const root = seed000Repo();
    const before = snapshot(root);
    for (const argv of [create('460', [], null), create('460', [], ''), create('460', [], '   ')]) {
      const run = await runCli(argv, root);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expectOneLine(run.stderr);
      expect(run.stderr).toMatch(/--summary is (required without a terminal to ask on|empty): .*nothing was written/);
    }
    // Not even with stdin that is not a terminal but has text on it.
    const piped = await runWithStdin(create('460', [], null), root, 'A summary on a pipe.\n', false);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--summary is required without a terminal');
    expect(snapshot(root)).toEqual(before);
  });

  it('on a terminal: asks on stderr (again after an empty answer) and writes the answer as the summary', async () => {
    const root = seed000Repo();
    const run = await runWithStdin(create('460', [], null), root, '\n  Took over from claude; the migration is still open.  \n', true);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('state/checkpoints/460/2026-06-02T10-00-00Z-progress.md\n');
    const question = 'Summary of task 460, one or two sentences (what is done, what is not): ';
    expect(run.stderr).toBe(`${question}  a checkpoint needs a summary (end the input to give up)\n${question}`);
    expect(summaryOf(root, 'state/checkpoints/460/2026-06-02T10-00-00Z-progress.md')).toBe('Took over from claude; the migration is still open.');
  });

  it('on a terminal whose input ends without an answer: exit 2, nothing written', async () => {
    const root = seed000Repo();
    const before = snapshot(root);
    const run = await runWithStdin(create('460', [], null), root, '', true);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('specguard: no summary was given: say in one or two sentences what is done and what is not (nothing was written)\n');
    expect(snapshot(root)).toEqual(before);
  });

  it('on a terminal, an unknown task is refused before anything is asked', async () => {
    const root = seed000Repo();
    const run = await runWithStdin(create('9999', [], null), root, 'Never read.\n', true);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).not.toContain('Summary of task');
    expect(run.stderr).toContain('unknown task `9999`');
  });
});

describe('the API', () => {
  it('throws UnknownTaskError (a USAGE SpecguardError) with the close matches, unless newTask; and wants a summary', async () => {
    const root = seed000Repo();
    const base = { root, kind: 'progress', agent: 'codex', now: SEED_000_NOW, env: {} };
    const error = await createCheckpoint({ ...base, task: '461', summary: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnknownTaskError);
    expect(error).toBeInstanceOf(SpecguardError);
    expect((error as UnknownTaskError).code).toBe('USAGE');
    expect((error as UnknownTaskError).near).toEqual(['460']);
    expect(existsSync(path.join(root, 'state/checkpoints/461'))).toBe(false);

    const created = await createCheckpoint({ ...base, task: '461', summary: 'A new task.', newTask: true });
    expect(created.path).toBe('state/checkpoints/461/2026-06-02T09-00-00Z-progress.md');

    const noSummary = await createCheckpoint({ ...base, task: '460' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(noSummary).toBeInstanceOf(SpecguardError);
    expect((noSummary as SpecguardError).code).toBe('USAGE');
    const asked = await createCheckpoint({ ...base, task: '460', askSummary: () => Promise.resolve('Asked for, and given.') });
    expect(summaryOf(root, asked.path)).toBe('Asked for, and given.');
  });
});
