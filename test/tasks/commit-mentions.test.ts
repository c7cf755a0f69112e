/**
 * A pull-request number is never taken for a task id: `Merge pull request #200` and a squash merge's
 * `(#200)` do not make a commit one of task 200's, while `#200` elsewhere, a `Task: 200` trailer and a
 * preset's own pattern (Backlog.md's `BACK-200 -` subject) do. With real commits, through `brief`.
 */
import { describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { mentionPatterns } from '../../src/brief/task-id.js';
import { mentionsTask } from '../../src/tasks/commit-mentions.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const DEFAULT = ['^Task: *{id} *$', '#{id}([^0-9A-Za-z_]|$)', '\\[{id}\\]'];

describe('mentionsTask', () => {
  const of200 = mentionPatterns(DEFAULT, '200');
  it('leaves out pull-request references', () => {
    expect(mentionsTask('Merge pull request #200 from owner/branch', of200)).toBe(false);
    expect(mentionsTask('Polish the parser (#200)', of200)).toBe(false);
    expect(mentionsTask('Merge pull request #7 from owner/fix-200', of200)).toBe(false);
  });
  it('keeps real mentions', () => {
    expect(mentionsTask('Fix the parser for #200', of200)).toBe(true);
    expect(mentionsTask('Polish the parser\n\nTask: 200', of200)).toBe(true);
    expect(mentionsTask('Merge pull request #201 from owner/branch\n\nCloses #200.', of200)).toBe(true);
    expect(mentionsTask('[200] first cut (#201)', of200)).toBe(true);
  });
});

describe('brief and pull-request numbers', () => {
  it('a task whose id is a pull-request number gets only the commits that mention the task', async () => {
    const root = tempRepo({ 'state/checkpoints/200/2026-06-01T09-00-00Z-start.md': '---\ntask: "200"\ncheckpoint_kind: start\ncreated: 2026-06-01T09:00:00Z\nagent: codex\nsummary: Started.\n---\n' });
    gitInit(root);
    commitAll(root, 'Start task 200\n\nTask: 200', '2026-06-01T09:00:00Z');
    writeFiles(root, { 'a.txt': 'a\n' });
    commitAll(root, 'Merge pull request #200 from someone/unrelated', '2026-06-02T09:00:00Z');
    writeFiles(root, { 'b.txt': 'b\n' });
    commitAll(root, 'Unrelated cleanup (#200)', '2026-06-03T09:00:00Z');
    const result = await brief({ root, task: '200', now: '2026-06-04', env: {} });
    expect(result!.commits.map((c) => c.subject)).toEqual(['Start task 200']);
  });

  it("uses a preset's commit patterns: Backlog.md subjects start with the id", async () => {
    const root = tempRepo({
      'specguard.config.yaml': 'presets: [backlog-md]\n',
      'backlog/config.yml': 'project_name: demo\n',
      'backlog/tasks/back-200 - Export.md': '---\nid: BACK-200\ntitle: Export\nstatus: In Progress\n---\n\n- [ ] #1 CSV\n',
    });
    gitInit(root);
    commitAll(root, 'BACK-200 - Add the export task', '2026-06-01T09:00:00Z');
    writeFiles(root, { 'a.txt': 'a\n' });
    commitAll(root, 'BACK-2000 - Another task (#200)', '2026-06-02T09:00:00Z');
    const result = await brief({ root, task: 'BACK-200', now: '2026-06-04', env: {} });
    expect(result!.commits.map((c) => c.subject)).toEqual(['BACK-200 - Add the export task']);
    expect(result!.criteria.map((c) => [c.text, c.checked])).toEqual([['#1 CSV', false]]);
  });
});
