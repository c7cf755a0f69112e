/**
 * A document's declared status stands above its sections and tasks: a `**Status**:` line past the first
 * `##` heading or the first task item is one item's status, not the document's.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/check/load.js';
import { openWorkspace } from '../../src/check/workspace.js';
import { buildTasks, mayDeclareStatus } from '../../src/tasks/build-tasks.js';
import { bodyValue } from '../../src/tasks/declared-value.js';
import type { TaskRecord } from '../../src/tasks/task-model.js';
import { tempRepo } from '../helpers/temp-repo.js';

/** The tasks the model builds in a new repository holding these files. */
async function tasksIn(files: Record<string, string>): Promise<TaskRecord[]> {
  const root = tempRepo(files);
  const workspace = await openWorkspace({ root, env: {} });
  return buildTasks({ config: workspace.config, documents: workspace.documents, evidence: workspace.evidence });
}

const doc = (text: string) => makeDocument('specs/001-x/spec.md', '/repo/specs/001-x/spec.md', 'markdown', text);

describe('bodyValue finds only the document-level status', () => {
  it('reads the status under the title, as spec-kit writes it', () => {
    expect(bodyValue(doc('# Feature: X\n\n**Created**: 2025-09-01\n**Status**: Draft  \n\n## Scenarios\n'), ['Status'])).toMatchObject({ value: 'Draft', line: 4 });
  });

  it('ignores an item\'s status below a section heading or a task item', () => {
    expect(bodyValue(doc('# Process Task List: B-1012\n\n## Task Execution\n\n#### Task 1\n**Status**: ✅ Completed\n'), ['Status'])).toBeUndefined();
    expect(bodyValue(doc('# Tasks\n\n- [ ] T001 Create\n\n**Status**: Done\n'), ['Status'])).toBeUndefined();
  });
});

describe('deferred and optional items', () => {
  it('an open item that says it is deferred or optional holds nothing open', async () => {
    const [task] = await tasksIn({
      'specguard.config.yaml': 'presets: [openspec]\n',
      'openspec/changes/archive/2025-08-19-bulk/tasks.md': '- [x] 4.1 Loop\n- [ ] 4.3 Optional: a concurrency helper\n- [ ] 4.4 Docs — DEFERRED\n- [ ] 4.5 Tests\n',
    });
    expect(task!.criteria.map((c) => [c.text, c.deferred])).toEqual([
      ['4.1 Loop', false],
      ['4.3 Optional: a concurrency helper', true],
      ['4.4 Docs — DEFERRED', true],
      ['4.5 Tests', false],
    ]);
  });
});

describe('the task model follows the config', () => {
  it("a kind the config moves takes the preset's task source with it", async () => {
    const tasks = await tasksIn({
      'specguard.config.yaml': 'presets: [spec-kit]\nkinds:\n  task-list:\n    globs: ["features/*/tasks.md"]\n  feature-spec:\n    globs: ["features/*/spec.md"]\n',
      'features/001-rsvp/spec.md': '# RSVP\n\n**Status**: Implemented\n',
      'features/001-rsvp/tasks.md': '- [ ] T001 Table\n',
    });
    expect(tasks.map((t) => [t.id, t.status?.value])).toEqual([['001-rsvp', 'Implemented']]);
  });

  it('an archived task is held to its boxes, not to evidence, even where the config asks ticked boxes for it', async () => {
    const [task] = await tasksIn({
      'specguard.config.yaml': 'presets: [openspec]\nrules:\n  checkbox-evidence: error\n',
      'openspec/changes/archive/2025-01-02-x/tasks.md': '- [x] 1.1 Done without a citation\n',
    });
    expect(task).toMatchObject({ archived: true, evidenceRequired: false });
  });
});

describe('which documents the repository-wide stage keeps for status-contradiction', () => {
  it("keeps a task list only when it can declare a status: specguard's lists without `status:` are let go", async () => {
    const root = tempRepo({
      'tasks/tasks-0001-a.md': '- [x] done `tasks/tasks-0001-a.md`\n',
      'tasks/tasks-0002-b.md': '---\nstatus: done\n---\n- [ ] open\n',
    });
    const workspace = await openWorkspace({ root, env: {} });
    const kept = workspace.documents.filter((d) => mayDeclareStatus(d, workspace.config)).map((d) => d.path);
    expect(kept).toEqual(['tasks/tasks-0002-b.md']);
  });
});
