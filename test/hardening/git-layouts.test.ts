/**
 * Git layouts: in a sparse checkout, files outside the cone are neither read nor missing, and evidence cited
 * there is judged from git's index; submodules and nested repositories are skipped with a note. Real git
 * repositories with commits at fixed dates.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest } from '../helpers/check-repo.js';
import { committedRepo } from '../helpers/git-fixtures.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001-importer.md';
const CHECKPOINT = 'state/checkpoints/0001/2026-10-01T10-00-00Z-progress.md';
const checkpoint = lines('---', 'task: "0001"', 'checkpoint_kind: progress', 'created: 2026-10-01T10:00:00Z', 'agent: codex', 'summary: Importer half done.', '---', '# Progress');

describe('a sparse checkout', () => {
  it('reads only the cone, and judges evidence outside it from the index', async () => {
    const { root } = committedRepo(
      {
        [LIST]: lines(
          '# Tasks',
          '',
          '- [x] 1.0 Guide written, see `docs/guide.md`',
          '- [x] 2.0 Tests pass — `.runs/1/`',
          '- [x] 3.0 Lint passes — `.runs/2/`',
          '- [x] 4.0 Schema in `docs/schema.json`',
          '- [x] 5.0 Changelog, see `docs/gone.md`',
        ),
        'docs/guide.md': '# Guide\n',
        'docs/schema.json': '{}\n',
        '.runs/1/manifest.json': manifest({ task_id: '0001', status: 'failed', commands: [{ command: 'npm test', exit_code: 1 }] }),
        '.runs/2/manifest.json': manifest({ task_id: '0001' }),
        [CHECKPOINT]: checkpoint,
      },
      '2026-10-01T10:00:00Z',
      'importer: tasks, docs, runs',
    );
    git(root, ['sparse-checkout', 'set', '--cone', 'tasks']);
    expect(existsSync(path.join(root, 'docs/guide.md'))).toBe(false);
    expect(existsSync(path.join(root, CHECKPOINT))).toBe(false);

    const report = await checkRepo(root);
    expect(findingsOf(report, 'file-unreadable')).toEqual([]);
    expect(findingsOf(report, 'checkbox-evidence')).toEqual([]);
    // Judged from the index: the guide and the schema exist, run 1 failed, run 2 succeeded, `docs/gone.md` is nowhere.
    expect(findingsOf(report, 'evidence-failed').map((f) => [f.line, f.message])).toEqual([[4, 'Run manifest `.runs/1/manifest.json` records status `failed`, not `succeeded`.']]);
    expect(findingsOf(report, 'evidence-missing').map((f) => f.line)).toEqual([7]);
    expect(report.summary.files).toBe(1);
    expect(report.notes).toContain(
      `3 files of a known kind lie outside this sparse checkout and were not checked (\`.runs/1/manifest.json\`, \`.runs/2/manifest.json\`, \`${CHECKPOINT}\`); evidence cited there is judged from git's index.`,
    );
  });
});

describe('submodules and nested repositories', () => {
  it('are not checked, and a note names them', async () => {
    const inner = committedRepo({ [LIST]: lines('# Tasks', '', '- [x] 1.0 Unproven inside the submodule') }, '2026-10-01T10:00:00Z', 'inner').root;
    const { root } = committedRepo({ [LIST]: lines('# Tasks', '', '- [ ] 1.0 Open') }, '2026-10-01T10:00:00Z', 'outer');
    git(root, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner, 'vendor/inner']);
    commitAll(root, 'vendor: inner as a submodule', '2026-10-02T10:00:00Z');
    const nested = path.join(root, 'experiments');
    mkdirSync(nested);
    gitInit(nested);
    writeFiles(nested, { [LIST]: lines('# Tasks', '', '- [x] 1.0 Unproven in a nested repository') });
    commitAll(nested, 'nested', '2026-10-02T10:00:00Z');

    const report = await checkRepo(root);
    expect(report.findings.map((f) => f.file)).not.toContain(`vendor/inner/${LIST}`);
    expect(report.findings.map((f) => f.file)).not.toContain(`experiments/${LIST}`);
    expect(report.notes).toContain('2 submodules or nested repositories were not checked (`experiments`, `vendor/inner`): each is a repository of its own; run specguard in it.');
  });

  it('a plain repository gets no such note', async () => {
    const report = await checkRepo(tempRepoWithGit());
    expect((report.notes ?? []).filter((n) => /submodule|sparse/.test(n))).toEqual([]);
  });
});

function tempRepoWithGit(): string {
  const root = tempRepo({ [LIST]: lines('# Tasks', '', '- [ ] 1.0 Open') });
  gitInit(root);
  commitAll(root, 'tasks', '2026-10-01T10:00:00Z');
  return root;
}
