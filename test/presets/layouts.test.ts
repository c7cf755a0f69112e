/**
 * One repository per preset, in its ecosystem's own style (see
 * fixture-repos.ts): `check --format json` reports exactly the findings
 * listed here, and the task model (buildTasks) reads exactly these tasks:
 * ids, titles, declared statuses with their places, dates and the counts of
 * their criteria.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/check/workspace.js';
import type { Report } from '../../src/findings/finding.js';
import { buildTasks } from '../../src/tasks/build-tasks.js';
import { countCriteria, type CriteriaCounts, type TaskRecord } from '../../src/tasks/task-model.js';
import { runCli } from '../helpers/run-cli.js';
import {
  AI_DEV,
  aiDevTasksRepo,
  BACKLOG,
  backlogRepo,
  KIRO,
  kiroRepo,
  LAYOUT_NOW,
  OPENSPEC,
  openSpecRepo,
  SEED_004_LIST,
  seed004Repo,
  SPEC_KIT,
  specKitRepo,
} from './fixture-repos.js';

/** Seed 004's own date: its first mini-spec is 49 days past review, the others fresh. */
const SEED_004_NOW = '2025-10-20';

type FindingRow = [ruleId: string, severity: string, file: string, line: number, column: number, message: string];

/** Runs `specguard check --format json` in the repository. */
async function checkJson(root: string, now = LAYOUT_NOW): Promise<{ code: number; report: Report }> {
  const run = await runCli(['check', '--format', 'json', '--now', now], root);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

function rows(report: Report): FindingRow[] {
  return report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column, f.message]);
}

/** What a test says about a task. */
interface TaskView {
  id: string;
  title?: string;
  /** `[value, file:line:column, category]` */
  status?: [string, string, string];
  dates: Array<[string, string]>;
  counts: CriteriaCounts;
  documents: string[];
  archived: boolean;
}

function view(task: TaskRecord): TaskView {
  const at = (v: { file: string; line: number; column: number }): string => `${v.file}:${v.line}:${v.column}`;
  return {
    id: task.id,
    ...(task.title !== undefined ? { title: task.title } : {}),
    ...(task.status ? { status: [task.status.value, at(task.status), task.status.category] as [string, string, string] } : {}),
    dates: task.dates.map((d) => [d.value, at(d)]),
    counts: countCriteria(task.criteria),
    documents: task.documents,
    archived: task.archived,
  };
}

/** Counts in one line: total, ticked, open, proven, unproven, failed, deferred. */
function counts(total: number, checked: number, open: number, proven: number, unproven: number, failed: number, deferred = 0): CriteriaCounts {
  return { total, checked, open, proven, unproven, failed, deferred };
}

/** The repository's tasks, as the task model reads them. */
async function tasksOf(root: string, now = LAYOUT_NOW): Promise<TaskRecord[]> {
  const workspace = await openWorkspace({ root, now, env: {} });
  return buildTasks({ config: workspace.config, documents: workspace.documents, evidence: workspace.evidence });
}

describe('spec-kit layout', () => {
  const { discovery, rsvp, directory } = SPEC_KIT;

  it('check reports the Implemented spec with open tasks (`> Status:` form) and warns about the Draft spec with every task done', async () => {
    const { code, report } = await checkJson(specKitRepo());
    expect(code).toBe(1);
    // spec.md and tasks.md of three features; the templates are not read.
    expect(report.summary).toEqual({ files: 6, errors: 1, warnings: 1 });
    expect(rows(report)).toEqual([
      [
        'status-contradiction',
        'error',
        `${rsvp}/spec.md`,
        4,
        11,
        'Declared `Implemented` (specs/002-rsvp/spec.md:4) but 2 of 4 criteria of task `002-rsvp` are not done: 2 open; the first is "T003 [US1] POST /api/events/:id/rsvp in src/api/rsvp.ts" (specs/002-rsvp/tasks.md:7). Finish and tick them, or correct the status.',
      ],
      [
        'status-contradiction',
        'warning',
        `${directory}/spec.md`,
        5,
        13,
        'Declared `Draft` (specs/003-user-directory/spec.md:5) but all 2 criteria of task `003-user-directory` are ticked; update the status.',
      ],
    ]);
    expect(report.findings.map((f) => f.related)).toEqual([[`${rsvp}/tasks.md`], [`${directory}/tasks.md`]]);
  });

  it('buildTasks reads each feature folder as a task, its title, status and Created date from spec.md', async () => {
    const tasks = await tasksOf(specKitRepo());
    expect(tasks.map(view)).toEqual([
      {
        id: '001-event-discovery',
        title: 'Feature Specification: Event Discovery',
        status: ['Implemented', `${discovery}/spec.md:5:13`, 'done'],
        dates: [['2025-09-01', `${discovery}/spec.md:4:14`]],
        // `[X]` and `[x]` are both ticked; T006 is open and DEFERRED.
        counts: counts(6, 5, 1, 0, 5, 0, 1),
        documents: [`${discovery}/tasks.md`],
        archived: false,
      },
      {
        id: '002-rsvp',
        title: 'Feature Specification: RSVP',
        status: ['Implemented', `${rsvp}/spec.md:4:11`, 'done'],
        dates: [],
        counts: counts(4, 2, 2, 0, 2, 0),
        documents: [`${rsvp}/tasks.md`],
        archived: false,
      },
      {
        id: '003-user-directory',
        title: 'Feature Specification: User Directory',
        status: ['Draft', `${directory}/spec.md:5:13`, 'not-started'],
        dates: [['2025-09-18', `${directory}/spec.md:4:14`]],
        counts: counts(2, 2, 0, 0, 2, 0),
        documents: [`${directory}/tasks.md`],
        archived: false,
      },
    ]);
    expect(tasks[0]!.sources).toEqual([`${discovery}/spec.md`, `${discovery}/tasks.md`]);
    expect(tasks[0]!.evidenceRequired).toBe(false);
    expect(tasks[0]!.criteria.filter((c) => c.deferred).map((c) => [c.text, c.line])).toEqual([['T006 [US1] Offline cache for the event list — DEFERRED', 15]]);
  });
});

describe('OpenSpec layout', () => {
  const { live, archivedOpen, archivedDone } = OPENSPEC;

  it('check reports the archived change with open tasks, and neither its missing evidence nor the live change', async () => {
    const { code, report } = await checkJson(openSpecRepo());
    expect(code).toBe(1);
    // tasks.md and proposal.md of three changes; delta specs are not read.
    expect(report.summary).toEqual({ files: 6, errors: 1, warnings: 0 });
    expect(rows(report)).toEqual([
      [
        'status-contradiction',
        'error',
        `${archivedOpen}/tasks.md`,
        1,
        1,
        `Archived (its place in an archive folder) but 3 of 4 criteria of task \`add-archive-command\` are not done: 3 open; the first is "1.2 Move the change folder under changes/archive/" (${archivedOpen}/tasks.md:4). Finish and tick them, or correct the status.`,
      ],
    ]);
  });

  it('buildTasks reads each change as a task (the archive date stripped), titled by its proposal, archived ones declared done', async () => {
    const tasks = await tasksOf(openSpecRepo());
    expect(tasks.map(view)).toEqual([
      {
        id: 'add-archive-command',
        title: 'Change: Add archive command',
        status: ['archived', `${archivedOpen}/tasks.md:1:1`, 'done'],
        dates: [],
        // 1.1 names a file that does not exist without marking it as evidence: a description, so it is ticked
        // but unproven; 1.2, its nested 1.2.1 and 2.1 are open.
        counts: counts(4, 1, 3, 0, 1, 0),
        documents: [`${archivedOpen}/tasks.md`],
        archived: true,
      },
      {
        id: 'add-list-command',
        title: 'Change: Add list command',
        status: ['archived', `${archivedDone}/tasks.md:1:1`, 'done'],
        dates: [],
        counts: counts(2, 2, 0, 0, 2, 0),
        documents: [`${archivedDone}/tasks.md`],
        archived: true,
      },
      {
        id: 'add-two-factor-auth',
        title: 'Change: Add two-factor auth',
        dates: [],
        counts: counts(4, 2, 2, 1, 1, 0),
        documents: [`${live}/tasks.md`],
        archived: false,
      },
    ]);
    expect(tasks[0]!.status!.from).toEqual({ label: 'archive folder' });
    expect(tasks[0]!.criteria.map((c) => c.parent)).toEqual([undefined, undefined, 1, undefined]);
  });
});

describe('Backlog.md layout', () => {
  it('check reads `assignee: @name` as Backlog.md does, and reports the Done task with open criteria on its status', async () => {
    const { code, report } = await checkJson(backlogRepo());
    expect(code).toBe(1);
    // tasks/, completed/ and drafts/; not the archive (whose BACK-7 reuses an id) nor the folder readme.
    expect(report.summary).toEqual({ files: 5, errors: 1, warnings: 0 });
    expect(rows(report)).toEqual([
      [
        'status-contradiction',
        'error',
        BACKLOG.export,
        4,
        9,
        'Declared `Done` (backlog/tasks/back-7 - Export-tasks-as-CSV.md:4, `status`) but 2 of 5 criteria of task `BACK-7` are not done: 2 open; the first is "#2 Columns follow the board order" (backlog/tasks/back-7 - Export-tasks-as-CSV.md:25). Finish and tick them, or correct the status.',
      ],
    ]);
  });

  it('buildTasks reads the frontmatter id, title, status and created_date, each at its exact place after the @ values', async () => {
    const root = backlogRepo();
    const tasks = await tasksOf(root);
    expect(tasks.map(view)).toEqual([
      {
        id: 'BACK-1',
        title: 'Set up the CLI',
        status: ['Done', `${BACKLOG.setup}:4:9`, 'done'],
        dates: [['2025-07-01 09:05', `${BACKLOG.setup}:7:15`]],
        // AC #1 #2 and DoD #1 #2, all ticked.
        counts: counts(4, 4, 0, 0, 4, 0),
        documents: [BACKLOG.setup],
        archived: false,
      },
      {
        id: 'BACK-12',
        title: 'Board view',
        status: ['To Do', `${BACKLOG.board}:4:9`, 'not-started'],
        dates: [['2025-08-02 09:30', `${BACKLOG.board}:6:15`]],
        counts: counts(2, 0, 2, 0, 0, 0),
        documents: [BACKLOG.board],
        archived: false,
      },
      {
        id: 'BACK-3',
        title: 'Initial docs',
        status: ['Done', `${BACKLOG.completed}:4:9`, 'done'],
        dates: [['2025-06-03', `${BACKLOG.completed}:6:15`]],
        counts: counts(2, 2, 0, 0, 2, 0),
        documents: [BACKLOG.completed],
        archived: false,
      },
      {
        id: 'BACK-7',
        title: 'Export tasks as CSV',
        status: ['Done', `${BACKLOG.export}:4:9`, 'done'],
        // created_date is line 7, after `assignee: @maria` and `reporter: @lee`: its column is exact.
        dates: [['2025-07-18 08:30', `${BACKLOG.export}:7:15`]],
        // AC #1 ticked, #2 open; DoD #1 #2 ticked, #3 open.
        counts: counts(5, 3, 2, 0, 3, 0),
        documents: [BACKLOG.export],
        archived: false,
      },
      {
        id: 'DRAFT-2',
        title: 'Web UI',
        status: ['To Do', `${BACKLOG.draft}:4:9`, 'not-started'],
        dates: [['2025-08-02', `${BACKLOG.draft}:6:15`]],
        counts: counts(1, 0, 1, 0, 0, 0),
        documents: [BACKLOG.draft],
        archived: false,
      },
    ]);
    // Both numbered lists, AC then DoD, in one task.
    expect(tasks[3]!.criteria.map((c) => [c.text, c.line, c.checked])).toEqual([
      ['#1 backlog export --csv writes one row per task', 24, true],
      ['#2 Columns follow the board order', 25, false],
      ['#1 Tests pass', 30, true],
      ['#2 Docs updated', 31, true],
      ['#3 Final Summary added', 32, false],
    ]);
    const workspace = await openWorkspace({ root, now: LAYOUT_NOW, env: {} });
    const exportTask = workspace.documents.find((d) => d.path === BACKLOG.export)!;
    expect(exportTask.metadata?.syntaxError).toBeUndefined();
    expect(exportTask.metadata?.value).toMatchObject({ assignee: '@maria', reporter: '@lee', labels: ['export'], dependencies: ['BACK-1'] });
    const text = readFileSync(path.join(root, BACKLOG.export), 'utf8');
    const updated = exportTask.metadata!.locate(['updated_date'])!;
    expect(text.slice(updated.key!.start, updated.value.end)).toBe("updated_date: '2025-07-20 14:00'");
    expect(workspace.documents.find((d) => d.path === BACKLOG.board)!.metadata?.value).toMatchObject({ assignee: ['@sam'] });
  });
});

describe('Kiro layout', () => {
  const { editor, warband } = KIRO;

  it('check reports the ticked parent `2.` whose unindented sub-task `2.1` is open, and nothing about `[ ]*` optional tasks', async () => {
    const { code, report } = await checkJson(kiroRepo());
    expect(code).toBe(1);
    // tasks.md and requirements.md of two specs; the archive and the steering docs are not read.
    expect(report.summary).toEqual({ files: 4, errors: 1, warnings: 0 });
    expect(rows(report)).toEqual([['checkbox-parent-open', 'error', `${editor}/tasks.md`, 7, 3, 'Ticked box has an open item below it (line 8); finish it or untick this one.']]);
  });

  it('buildTasks reads each spec folder as a task, nests sub-tasks by their numbers, and leaves optional tasks out', async () => {
    const tasks = await tasksOf(kiroRepo());
    expect(tasks.map(view)).toEqual([
      { id: '4-warband-list', title: 'Implementation Plan', dates: [], counts: counts(2, 2, 0, 0, 2, 0), documents: [`${warband}/tasks.md`], archived: false },
      { id: 'weirdo-editor', title: 'Implementation Plan', dates: [], counts: counts(6, 2, 4, 0, 2, 0), documents: [`${editor}/tasks.md`], archived: false },
    ]);
    const editorTask = tasks[1]!;
    expect(editorTask.criteria.map((c) => [c.text, c.line, c.parent])).toEqual([
      ['1. Set up the editor shell', 3, undefined],
      ['2. Save a weirdo', 7, undefined],
      ['2.1 Write the save handler', 8, 1],
      ['3. Load a weirdo', 13, undefined],
      ['3.1 Read the file', 14, 3],
      ['3.2 Show errors', 15, 3],
    ]);
    expect(tasks[0]!.criteria.map((c) => [c.text, c.parent])).toEqual([
      ['1. Warband list component', undefined],
      ['1.1 Sort by points', 0],
    ]);
  });
});

describe('ai-dev-tasks layout', () => {
  it('check reports the ticked parent over an open sub-task, and B-1054 declared COMPLETED with open items', async () => {
    const { code, report } = await checkJson(aiDevTasksRepo());
    expect(code).toBe(1);
    // Two task lists under tasks/ and B-1054's two lists; not the template, the backlog table or 600_archives/.
    expect(report.summary).toEqual({ files: 4, errors: 2, warnings: 0 });
    expect(rows(report)).toEqual([
      [
        'status-contradiction',
        'error',
        AI_DEV.taskList,
        3,
        13,
        'Declared `✅ **COMPLETED**` (000_core/Task-List-B-1054-Generation-Cache.md:3) but 2 of 5 criteria of task `B-1054` are not done: 2 open; the first is "Index on prompt hash" (000_core/Task-List-B-1054-Generation-Cache.md:10). Finish and tick them, or correct the status.',
      ],
      ['checkbox-parent-open', 'error', AI_DEV.profile, 14, 3, 'Ticked box has an open item below it (line 16); finish it or untick this one.'],
    ]);
    expect(report.findings[0]!.related).toEqual([AI_DEV.process]);
  });

  it('buildTasks reads ids from the file names (0001, csv-export, B-1054 from two lists) and nests 1.1 under 1.0', async () => {
    const tasks = await tasksOf(aiDevTasksRepo());
    expect(tasks.map(view)).toEqual([
      // 1.1 cites `src/profile/form.tsx`, which exists (proven); the ticked 0.0, 0.1 and 1.0 cite nothing.
      { id: '0001', dates: [], counts: counts(7, 4, 3, 1, 3, 0), documents: [AI_DEV.profile], archived: false },
      {
        id: 'B-1054',
        title: 'Process Task List: B-1054',
        status: ['✅ **COMPLETED**', `${AI_DEV.taskList}:3:13`, 'done'],
        dates: [],
        counts: counts(5, 3, 2, 0, 3, 0),
        documents: [AI_DEV.process, AI_DEV.taskList],
        archived: false,
      },
      { id: 'csv-export', dates: [], counts: counts(3, 3, 0, 0, 3, 0), documents: [AI_DEV.csv], archived: false },
    ]);
    expect(tasks[0]!.criteria.map((c) => [c.text.split(' ')[0], c.parent, c.verdict])).toEqual([
      ['0.0', undefined, 'unproven'],
      ['0.1', 0, 'unproven'],
      ['1.0', undefined, 'unproven'],
      ['1.1', 2, 'proven'],
      ['1.2', 2, 'open'],
      ['2.0', undefined, 'open'],
      ['2.1', 5, 'open'],
    ]);
  });
});

describe('specguard layout (a copy of seed 004)', () => {
  it('check reports exactly seed 004\'s findings, as its golden report has them', async () => {
    const { code, report } = await checkJson(seed004Repo(), SEED_004_NOW);
    expect(code).toBe(1);
    expect(report.summary).toEqual({ files: 16, errors: 5, warnings: 0 });
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['evidence-failed', 'state/packets/0001/packet.md', 28, 37],
      ['spec-freshness', 'tasks/specs/0001-orchestrator-architecture.md', 5, 14],
      ['evidence-failed', SEED_004_LIST, 49, 83],
      ['evidence-missing', SEED_004_LIST, 49, 120],
      ['evidence-missing', SEED_004_LIST, 54, 143],
    ]);
    const golden = JSON.parse(readFileSync(path.resolve('test/golden/seed-004.json'), 'utf8')) as Report;
    expect(report.findings).toEqual(golden.findings);
  });

  it('buildTasks reads task 0001 from its task list: 26 criteria, 3 ticked (1 proven, 2 citing failed or missing runs)', async () => {
    const tasks = await tasksOf(seed004Repo(), SEED_004_NOW);
    expect(tasks.map(view)).toEqual([
      { id: '0001', title: 'Task List — Codex-Orchestrator', dates: [], counts: counts(26, 3, 23, 1, 0, 2), documents: [SEED_004_LIST], archived: false },
    ]);
    const [task] = tasks;
    expect(task!.evidenceRequired).toBe(true);
    expect(task!.criteria.filter((c) => c.checked).map((c) => [c.line, c.verdict])).toEqual([
      [44, 'proven'],
      [49, 'failed'],
      [54, 'failed'],
    ]);
    expect(task!.criteria[0]).toMatchObject({ line: 15, checked: false, verdict: 'open', text: expect.stringMatching(/^Status: Pending — convert to \[x\]/) });
  });
});
