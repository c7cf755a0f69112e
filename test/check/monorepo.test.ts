/**
 * Monorepos: a package folder with a config of its own is governed by it (its presets, its layout), the
 * config inherits the settings of the configs above it, and one `check` from the top honours each; `brief`
 * finds a task in its package, and asks for the package when two use the same id. Real git repositories.
 */
import { describe, expect, it } from 'vitest';
import { board } from '../../src/board/gather-board.js';
import { brief } from '../../src/brief/brief.js';
import { check } from '../../src/check/check.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAll, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const NOW = '2026-11-21';

/** A monorepo: specguard's layout at the top, an OpenSpec package and a spec-kit package. */
function monorepo(): string {
  const root = tempRepo({
    'specguard.config.yaml': 'rules:\n  status-contradiction: warning\n',
    'tasks/tasks-0001-core.md': '- [ ] open at the top\n',
    'packages/api/specguard.config.yaml': 'presets: [openspec]\n',
    'packages/api/openspec/changes/archive/2026-01-02-add-export/tasks.md': '## 1. Export\n\n- [x] 1.1 CSV\n- [ ] 1.2 PDF\n',
    'packages/api/openspec/changes/add-search/tasks.md': '- [ ] 1.1 Index\n',
    'packages/web/specguard.config.yaml': 'presets: [spec-kit]\nrules:\n  status-contradiction: error\n',
    'packages/web/specs/001-rsvp/spec.md': '# RSVP\n\n**Status**: Implemented\n',
    'packages/web/specs/001-rsvp/tasks.md': '- [X] T001 Table\n- [ ] T002 Endpoint\n',
    // Would be a task list of the top's layout if the top checked it: the package's files are the package's.
    'packages/web/tasks/tasks-0002-x.md': '- [x] not the top folder\'s\n',
  });
  gitInit(root);
  commitAll(root, 'A monorepo', '2026-11-01T10:00:00Z');
  return root;
}

describe('check in a monorepo', () => {
  it("checks each package under its own config, inheriting the top's settings, with paths from the top", async () => {
    const report = await check({ root: monorepo(), now: NOW, env: {} });
    expect(report.findings.map((f) => [f.file, f.ruleId, f.severity])).toEqual([
      // The top's status-contradiction: warning reaches packages/api, which sets nothing of its own...
      ['packages/api/openspec/changes/archive/2026-01-02-add-export/tasks.md', 'status-contradiction', 'warning'],
      // ...and packages/web overrides it.
      ['packages/web/specs/001-rsvp/spec.md', 'status-contradiction', 'error'],
    ]);
    // The top's task list (open box, no finding) plus each package's own files; packages/web/tasks/ is not a
    // spec-kit file and not the top's, so it is checked by nobody.
    expect(report.summary).toEqual({ files: 5, errors: 1, warnings: 1 });
  });

  it("does not inherit kinds: a package's globs are its own presets'", async () => {
    const root = monorepo();
    writeFiles(root, { 'specguard.config.yaml': 'kinds:\n  task-list:\n    globs: ["**/tasks.md"]\n' });
    const report = await check({ root, now: NOW, env: {} });
    // The top's glob finds nothing of its own (the packages' tasks.md are theirs); the packages still use their presets.
    expect(report.findings.map((f) => f.file)).toEqual(['packages/api/openspec/changes/archive/2026-01-02-add-export/tasks.md', 'packages/web/specs/001-rsvp/spec.md']);
  });

  it('the CLI prints one report for the whole repository', async () => {
    const run = await runCli(['check', '--now', NOW, '--format', 'json'], monorepo());
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(5);
  });
});

describe('brief in a monorepo', () => {
  it('finds a task in its package and says which', async () => {
    const result = await brief({ root: monorepo(), task: '001-rsvp', now: NOW, env: {} });
    expect(result).toMatchObject({ task: '001-rsvp', package: 'packages/web', status: 'done-unverified' });
    // Paths from the top, as check reports them.
    expect(result!.criteria.map((c) => [c.file, c.checked])).toEqual([
      ['packages/web/specs/001-rsvp/tasks.md', true],
      ['packages/web/specs/001-rsvp/tasks.md', false],
    ]);
    expect(result!.layout!.declared_status).toMatchObject({ value: 'Implemented', file: 'packages/web/specs/001-rsvp/spec.md', line: 3 });
  });

  it('asks for the package when two packages use one id, and takes it qualified', async () => {
    const root = monorepo();
    writeFiles(root, { 'packages/api/openspec/changes/001-rsvp/tasks.md': '- [ ] 1.1 Also called 001-rsvp\n' });
    const run = await runCli(['brief', '--task', '001-rsvp', '--now', NOW], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('specguard: --task: `001-rsvp` names a task in 2 places: packages/api:001-rsvp, packages/web:001-rsvp; name the package, e.g. --task packages/api:001-rsvp\n');
    const api = await brief({ root, task: 'packages/api:001-rsvp', now: NOW, env: {} });
    expect(api!.package).toBe('packages/api');
    expect(api!.criteria.map((c) => c.text)).toEqual(['1.1 Also called 001-rsvp']);
    const bad = await runCli(['brief', '--task', 'packages/none:001-rsvp', '--now', NOW], root);
    expect(bad.stderr).toMatch(/^specguard: --task: `packages\/none` is not a package of this repository .*; packages: packages\/api, packages\/web\n$/);
  });
});

describe('board in a monorepo', () => {
  it("shows every package's tasks with paths from the top, each brief equal to `brief`, ids qualified where two places share one", async () => {
    const root = monorepo();
    writeFiles(root, { 'packages/api/openspec/changes/001-rsvp/tasks.md': '- [ ] 1.1 Also called 001-rsvp\n' });
    const result = await board({ root, now: NOW, env: {} });
    expect(result.tasks.map((t) => [t.brief.task, t.brief.package ?? '', t.brief.status])).toEqual([
      ['0001', '', 'not-started'],
      ['add-export', 'packages/api', 'done-unverified'],
      ['add-search', 'packages/api', 'not-started'],
      ['packages/api:001-rsvp', 'packages/api', 'not-started'],
      ['packages/web:001-rsvp', 'packages/web', 'done-unverified'],
    ]);
    for (const task of result.tasks) {
      const alone = await brief({ root, task: task.brief.task, now: NOW, env: {} });
      expect({ ...task.brief, task: alone!.task }).toEqual(alone);
    }
    expect(result.task_lists.map((l) => l.file)).toContain('packages/web/specs/001-rsvp/tasks.md');
  });
});

