/**
 * `board()`: every task's brief on the board is the brief `brief()` computes
 * for it, in every status; task ids come from packets, task lists,
 * checkpoints and run manifests; stale and drifting specs come from `check`;
 * and a board of many tasks reads git history once, not once per task.
 * Real git repositories with fixed dates.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { board } from '../../src/board/gather-board.js';
import { ereToRegExp } from '../../src/tasks/commit-mentions.js';
import { brief } from '../../src/brief/brief.js';
import { escapeForEre } from '../../src/brief/task-id.js';
import { commitFiles } from '../helpers/git-fixtures.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';
import { checkpoint, MULTI_NOW, MULTI_STATUSES, multiTaskRepo, packet, SEED_004_NOW, seed004Repo } from './board-repos.js';

/** Every task of the board carries exactly the brief `brief()` gives, and its counts add up. */
async function expectSameAsBrief(root: string, now: string): Promise<string[]> {
  const result = await board({ root, now, env: {} });
  for (const task of result.tasks) {
    const expected = await brief({ root, task: task.brief.task, now, env: {} });
    expect(task.brief, `task ${task.brief.task}`).toEqual(expected);
    const states = task.brief.criteria.map((c) => c.state);
    expect(task.counts).toEqual({
      total: states.length,
      checked: states.filter((s) => s !== 'open').length,
      proven: states.filter((s) => s === 'verified').length,
      unproven: states.filter((s) => s === 'claimed').length,
      failed: states.filter((s) => s === 'failed').length,
      open: states.filter((s) => s === 'open').length,
      deferred: task.brief.criteria.filter((c) => c.deferred).length,
    });
  }
  return result.tasks.map((t) => t.brief.task);
}

/** Puts a `git` first on PATH that logs each call's arguments, then runs the real git. */
function countingGit(): { calls: () => string[]; restore: () => void } {
  const bin = tempRepo();
  const log = path.join(bin, 'calls.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFiles(bin, { git: `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`, 'calls.log': '' });
  chmodSync(path.join(bin, 'git'), 0o755);
  const saved = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${saved ?? ''}`;
  return {
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    restore: () => {
      process.env.PATH = saved;
    },
  };
}

describe('board', () => {
  it('shows every task with the brief `brief` computes for it, one task per status', async () => {
    const root = multiTaskRepo();
    const ids = await expectSameAsBrief(root, MULTI_NOW);
    // Natural order; task 12 is known only from its run manifest.
    expect(ids).toEqual(['7', '8', '9', '10', '11', '12', '460']);
    const result = await board({ root, now: MULTI_NOW, env: {} });
    expect(Object.fromEntries(result.tasks.map((t) => [t.brief.task, t.brief.status]))).toEqual(MULTI_STATUSES);
    expect(result.status_counts).toEqual({ stalled: 2, blocked: 1, 'done-unverified': 1, 'in-progress': 1, 'not-started': 1, done: 1 });
    const eleven = result.tasks.find((t) => t.brief.task === '11')!;
    // Its packet's four criteria and its task list's four items: the task model holds both.
    expect(eleven.counts).toEqual({ total: 8, checked: 5, proven: 2, unproven: 1, failed: 2, open: 3, deferred: 0 });
    expect(eleven.last_checkpoint).toMatchObject({ file: 'state/checkpoints/11/2026-06-02T08-00-00Z-progress.md', checkpoint_kind: 'progress', age_minutes: 60 });
  });

  it('the example repository: task 0001 as the README brief tells it', async () => {
    const root = seed004Repo();
    expect(await expectSameAsBrief(root, SEED_004_NOW)).toEqual(['0001']);
    const [task] = (await board({ root, now: SEED_004_NOW, env: {} })).tasks;
    expect(task!.brief.status).toBe('done-unverified');
    // The packet's 4 criteria and the 26 items of tasks/tasks-0001-codex-orchestrator.md.
    expect(task!.counts).toEqual({ total: 30, checked: 6, proven: 3, unproven: 0, failed: 3, open: 24, deferred: 0 });
    expect(task!.last_checkpoint).toMatchObject({ checkpoint_kind: 'done', created: '2025-10-16T02:45:00Z', age_minutes: 3 * 24 * 60 + 21 * 60 + 15 });
  });

  it('stale and drifting specs from `check`, with the tasks whose packet names them; task lists with their items', async () => {
    const root = multiTaskRepo();
    const result = await board({ root, now: MULTI_NOW, env: {} });
    expect(result.spec_count).toBe(1);
    expect(result.specs).toHaveLength(1);
    const [spec] = result.specs;
    expect(spec).toMatchObject({ file: 'tasks/specs/0011-ledger.md', id: '0011-ledger', last_review: '2026-04-01', tasks: ['11'] });
    expect(spec!.problems.map((p) => p.ruleId).sort()).toEqual(['spec-drift', 'spec-freshness']);
    expect(spec!.problems.find((p) => p.ruleId === 'spec-freshness')!.message).toContain('62 days old');
    expect(result.tasks.find((t) => t.brief.task === '11')!.spec_problems).toEqual(spec!.problems);
    expect(result.tasks.find((t) => t.brief.task === '7')!.spec_problems).toEqual([]);
    expect(result.task_lists).toEqual([
      { file: 'tasks/tasks-0011-ledger.md', title: 'Ledger parser work', task: '11', counts: { total: 4, checked: 2, proven: 1, unproven: 0, failed: 1, open: 2, deferred: 0 } },
    ]);
    // Turned off in the config, a rule finds nothing for the board either.
    writeFiles(root, { 'specguard.config.yaml': 'rules:\n  spec-freshness: "off"\n  spec-drift: "off"\n' });
    expect((await board({ root, now: MULTI_NOW, env: {} })).specs).toEqual([]);
  });

  it('task ids from task lists and checkpoints too; ids that are not task ids are named in a note, not shown', async () => {
    const root = tempRepo({
      'tasks/tasks-0002.md': '---\ntask: "0002"\n---\n\n- [ ] open\n',
      'state/checkpoints/0003/2026-06-01T09-00-00Z-start.md': checkpoint('0003', 'start', '2026-06-01T09:00:00Z', 'Started.'),
      'state/packets/bad/packet.md': packet('a b', 'Bad id', ['- [ ] x']),
    });
    const result = await board({ root, now: MULTI_NOW, env: {} });
    // 0002 is named only by a task list: the task model holds it, so brief and the board both know it.
    expect((await brief({ root, task: '0002', now: MULTI_NOW, env: {} }))?.criteria.map((c) => c.text)).toEqual(['open']);
    expect(result.tasks.map((t) => [t.brief.task, t.brief.status])).toEqual([
      ['0002', 'not-started'],
      ['0003', 'in-progress'],
    ]);
    expect(result.task_lists.map((l) => l.task)).toEqual(['0002']);
    expect(result.notes.join('\n')).toMatch(/`a b`, which is not a task id/);
    expect(result.notes.join('\n')).toMatch(/Not a git repository/);
  });

  it('reads git history once for many tasks (one `git log`, one `cat-file --batch`), with briefs equal to `brief`', async () => {
    const root = tempRepo();
    gitInit(root);
    const ids = Array.from({ length: 25 }, (_, i) => `T${i + 1}`);
    for (const id of ids) {
      writeFiles(root, {
        [`state/packets/${id}/packet.md`]: packet(id, `Task ${id}`, ['- [ ] done']),
        [`state/checkpoints/${id}/2026-06-01T09-00-00Z-progress.md`]: checkpoint(id, 'progress', '2026-06-01T09:00:00Z', 'First take.'),
      });
    }
    commitAll(root, 'feat: first takes', '2026-06-01T09:00:00Z');
    for (const id of ids) writeFiles(root, { [`state/checkpoints/${id}/2026-06-01T09-00-00Z-progress.md`]: checkpoint(id, 'progress', '2026-06-01T09:00:00Z', 'Second take.') });
    commitAll(root, `chore: rewrite checkpoints\n\nTask: ${ids[3]}`, '2026-06-01T10:00:00Z');
    const counting = countingGit();
    let calls: string[];
    let result: Awaited<ReturnType<typeof board>>;
    try {
      result = await board({ root, now: MULTI_NOW, env: {} });
      calls = counting.calls();
    } finally {
      counting.restore();
    }
    expect(result.tasks).toHaveLength(25);
    // Each call begins with the `-c key=value` options every git command gets (see SAFE_OPTIONS).
    const commands = calls.map((c) => c.replace(/^(?:-c \S+ )+/, ''));
    expect(commands.filter((c) => /^log\b/.test(c)), calls.join('\n')).toHaveLength(1);
    expect(commands.filter((c) => c === 'cat-file --batch'), calls.join('\n')).toHaveLength(1);
    // A fixed handful (opening the repository, listing files and packages), not one per task: 25 tasks here.
    expect(calls.length, calls.join('\n')).toBeLessThan(20);
    // The recovered first takes and the one mention are there, as `brief` finds them.
    const t4 = result.tasks.find((t) => t.brief.task === 'T4')!;
    expect(t4.brief.timeline.map((c) => [c.summary, c.state])).toEqual([
      ['First take.', 'rewritten'],
      ['Second take.', 'current'],
    ]);
    expect(t4.brief.commits.map((c) => c.subject)).toEqual(['chore: rewrite checkpoints']);
    for (const task of result.tasks.filter((t) => ['T1', 'T4', 'T25'].includes(t.brief.task))) {
      expect(task.brief).toEqual(await brief({ root, task: task.brief.task, now: MULTI_NOW, env: {} }));
    }
  });

  it('a commit pattern the shared history cannot translate goes to git, and the briefs still equal `brief`', async () => {
    const root = multiTaskRepo();
    commitFiles(root, { 'notes.md': '# notes\n' }, 'chore: notes\n\nRefs:   7', '2026-06-02T08:40:00Z');
    writeFiles(root, { 'specguard.config.yaml': "brief:\n  commit_patterns:\n    - '^Refs:[[:space:]]*{id}$'\n    - '#{id}([^0-9A-Za-z_]|$)'\n" });
    await expectSameAsBrief(root, MULTI_NOW);
    const seven = (await board({ root, now: MULTI_NOW, env: {} })).tasks.find((t) => t.brief.task === '7')!;
    expect(seven.brief.commits.map((c) => c.subject)).toEqual(['chore: notes']);
  });
});

describe('ereToRegExp', () => {
  it('translates the default commit patterns, matching as git does line by line and case-insensitively', () => {
    const [trailer, hash, bracket] = ['^Task: *{id} *$', '#{id}([^0-9A-Za-z_]|$)', '\\[{id}\\]'].map((p) => ereToRegExp(p.replaceAll('{id}', escapeForEre('4.6'))));
    if (!trailer || !hash || !bracket) throw new Error('a default pattern was not translated');
    expect(trailer.test('task: 4.6 ')).toBe(true);
    expect(trailer.test('Task: 4x6')).toBe(false);
    expect(hash.test('fixes #4.6.')).toBe(true);
    expect(hash.test('fixes #4.60')).toBe(false);
    expect(bracket.test('[4.6] parser')).toBe(true);
  });

  it('declines what POSIX ERE and JavaScript read differently', () => {
    for (const pattern of ['[[:digit:]]+', '\\bid\\b', '(?:a)', '[\\d]', '[]a]', 'a{,2}', '\\1', '*a']) expect(ereToRegExp(pattern), pattern).toBeUndefined();
  });
});
