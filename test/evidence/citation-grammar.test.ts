/**
 * The evidence grammar, row by row (issue 13, item 1): what a ticked item's text cites once the repository has
 * had its say. A path that resolves is always cited; one that does not is cited only when the item marks it as
 * evidence (a link, an evidence word before it in the clause, the shape of a run's output), and otherwise is a
 * description of what the task touches. Routes, slash commands, time zones, expressions, suffixes, product
 * names and negated tokens are not paths; line lists cite their file; a path may be relative to a folder the
 * item or its task's `Files:` list names; a bare `#N` is a reference as the preset says. Each ticked item gets
 * at most one finding per evidence rule.
 */
import { describe, expect, it } from 'vitest';
import { filesListOf } from '../../src/evidence/citations.js';
import { findingsOf, lines, manifest, markdown } from '../helpers/check-repo.js';
import { citedIn } from '../helpers/evidence-probe.js';
import type { FileTree } from '../helpers/temp-repo.js';

/** The repository every row is read in. */
const REPO: FileTree = {
  'src/app.ts': 'export {};\n',
  'src/commands/show.ts': 'export {};\n',
  'docs/guide.md': '# Guide\n',
  'logs/lint.log': 'ok\n',
  '.runs/3/ok/manifest.json': manifest(),
  '.cursor/rules/style.mdc': 'rules\n',
  'packages/shared-ui/package.json': '{}\n',
  'packages/shared-ui/src/TextArea/index.tsx': 'export {};\n',
  'packages/core/src/index.ts': 'export {};\n',
};

/** `[item as written, what it cites]`: each cited path as it resolved, with its verdict when not ok. */
type Row = [item: string, cites: string[]];

/** The specguard preset: a bare `#N` is a reference. */
const SPECGUARD_ROWS: Row[] = [
  // A path that resolves is cited, marked or not.
  ['- [x] Done `src/app.ts`', ['src/app.ts']],
  ['- [x] Linted, log in `logs/lint.log`', ['logs/lint.log']],
  ['- [x] Ran `.runs/3/ok/`', ['.runs/3/ok']],
  ['- [x] Read [the guide](../docs/guide.md)', ['docs/guide.md']],
  // Line suffixes cite the file.
  ['- [x] Gate in `src/commands/show.ts:81`', ['src/commands/show.ts']],
  ['- [x] Gate in `src/commands/show.ts:81-90`', ['src/commands/show.ts']],
  ['- [x] Gate in `src/commands/show.ts:81,115,121`', ['src/commands/show.ts']],
  ['- [x] Gate in `src/commands/show.ts#L81`', ['src/commands/show.ts']],
  ['- [x] Gate in `src/commands/show.ts#L81-L90`', ['src/commands/show.ts']],
  // A path that names nothing and that nothing marks: a description, not a citation.
  ['- [x] Create `src/models/user.py`', []],
  ['- [x] Add `.windsurf` rules', []],
  ['- [x] Implement `packages/shared-ui/Card/`', []],
  // A folder without a manifest proves nothing; named in passing it is a description too.
  ['- [x] Components in `packages/shared-ui/`', []],
  // Marked as evidence: cited even when it names nothing (and then missing).
  ['- [x] Done, see `docs/missing.md`', ['docs/missing.md (missing)']],
  ['- [x] Done. Evidence: `docs/missing.md`', ['docs/missing.md (missing)']],
  ['- [x] Completed — validated via `docs/missing.md`', ['docs/missing.md (missing)']],
  ['- [x] Gate metadata logged in `docs/missing.md`', ['docs/missing.md (missing)']],
  ['- [x] Read [notes](missing.md)', ['tasks/missing.md (missing)']],
  ['- [x] see `docs/a.md`, `docs/b.md`, and `docs/c.md` for logs', ['docs/a.md (missing)', 'docs/b.md (missing)', 'docs/c.md (missing)']],
  ['- [x] Verified no regressions, see `docs/missing.md`', ['docs/missing.md (missing)']],
  ['- [x] See (e.g. `docs/missing.md`)', ['docs/missing.md (missing)']],
  // The shape of a run's output marks it: a run folder, anything under .runs/, a log.
  ['- [x] Lint passes `.runs/3/none/`', ['.runs/3/none (missing)']],
  ['- [x] Lint passes `logs/none.log`', ['logs/none.log (missing)']],
  // A mark holds for its clause only.
  ['- [x] See the notes. Created `src/new.ts`', []],
  ['- [x] See the notes; created `src/new.ts`', []],
  ['- [x] See the notes — created `src/new.ts`', []],
  // Not paths, marked or not: routes, slash commands, time zones, expressions, suffixes, product names.
  ['- [x] Health check, see `/api/health`', []],
  ['- [x] Route `/users/:id/edit` added', []],
  ['- [x] Use `/opsx:continue`, see `/opsx:continue`', []],
  ['- [x] Dates shown in `Asia/Shanghai`, see `Asia/Shanghai`', []],
  ['- [x] Reads `actionCommand.opts().json`, see `actionCommand.opts().json`', []],
  ['- [x] Renderers with `.web.tsx` and `.native.tsx`, see `.test.ts`', []],
  ['- [x] Works like `Backlog.md`, see `Backlog.md`', []],
  ['- [x] Headers ignore `\\r`, see `\\r\\n`', []],
  // Negated tokens: not cited, even when they resolve; a later evidence word wins.
  ['- [x] Must not create `.cursor/rules`', []],
  ['- [x] Does not touch `src/app.ts`', []],
  ['- [x] No `console.log` left', []],
  ['- [x] Did not touch `src/new.ts`, see `docs/missing.md`', ['docs/missing.md (missing)']],
  // Relative to a folder named in the same item (or a parent folder of one).
  ['- [x] `src/TextArea/index.tsx` in `packages/shared-ui/`', ['packages/shared-ui/src/TextArea/index.tsx']],
  ['- [x] Tests, see `src/index.ts` of `packages/core`', ['packages/core/src/index.ts']],
  ['- [x] Sibling `src/commands/show.ts:81` and `show.ts` share the gate', ['src/commands/show.ts', 'src/commands/show.ts']],
  ['- [x] `TextArea/` in `packages/shared-ui/`', []],
  ['- [x] See `src/nope.ts` in `packages/core`', ['src/nope.ts (missing)']],
  // Outside the repository: cited when marked (and never evidence), a description otherwise.
  ['- [x] Edited `/etc/hosts`', []],
  ['- [x] See `/etc/passwd`', ['/etc/passwd (outside)']],
  ['- [x] Kept `../secrets.txt`', []],
  ['- [x] See `../secrets.txt`', ['../secrets.txt (outside)']],
  // Issue references: bare ones count here; a colour and a numbered noun never do.
  ['- [x] Fixed, see #636', ['#636 (unverifiable)']],
  ['- [x] Fixed #636 and owner/repo#12', ['#636 (unverifiable)', 'owner/repo#12 (unverifiable)']],
  ['- [x] Background #000000, and `#000000`', []],
  ['- [x] Closed gap #5', []],
];

/** A preset that says nothing of `#N` (spec-kit): a bare `#N` needs context. Its tasks.md names files beside it. */
const QUALIFIED_ROWS: Row[] = [
  ['- [X] T001 Export done #12', []],
  ['- [X] T002 Export done (#12)', ['#12 (unverifiable)']],
  ['- [X] T003 Merged in PR #12', ['#12 (unverifiable)']],
  ['- [X] T004 Fixes #1, #2 and #3', ['#1 (unverifiable)', '#2 (unverifiable)', '#3 (unverifiable)']],
  ['- [X] T005 Constraints from #570 kept', ['#570 (unverifiable)']],
  ['- [X] T006 Step #2 of the plan', []],
  ['- [X] T007 Proof: #44', ['#44 (unverifiable)']],
  ['- [X] T008 owner/repo#9 merged', ['owner/repo#9 (unverifiable)']],
  // A file named without its folder may sit beside the task list (or in a folder above it).
  ['- [X] T009 Decisions, see `plan.md`', ['specs/001-export/plan.md']],
  ['- [X] T010 Decisions, see `research.md`', ['research.md (missing)']],
];

/** Backlog.md numbers its criteria `#1`, `#2`: its preset says `issue_refs: qualified`. */
const BACKLOG_ROWS: Row[] = [
  ['- [x] #1 CSV export', []],
  ['- [x] #2 Hidden per the intent of PR #808', ['#808 (unverifiable)']],
  ['- [x] #3 Relates to issue #711', ['#711 (unverifiable)']],
  ['- [x] #4 Numbered with #N format, see #5', ['#5 (unverifiable)']],
];

/** Each row as an item of its own in one file of a repository; what each cites. */
async function cites(rows: readonly Row[], file: string, files: FileTree = {}, head: string[] = []): Promise<Row[]> {
  const { byLine } = await citedIn({ ...REPO, ...files, [file]: lines(...head, ...rows.map(([item]) => item)) }, file);
  return rows.map(([item], i) => [item, byLine.get(head.length + i + 1) ?? ['(no item)']]);
}

describe('the evidence grammar, row by row', () => {
  it('with the specguard preset (bare #N is a reference)', async () => {
    expect(await cites(SPECGUARD_ROWS, 'tasks/tasks-0001.md')).toEqual(SPECGUARD_ROWS);
  });

  it('with a preset that says nothing of #N (spec-kit): a bare #N needs context', async () => {
    const files = { 'specguard.config.yaml': 'presets: [spec-kit]\n', '.specify/memory/constitution.md': '# C\n', 'specs/001-export/plan.md': '# Plan\n' };
    expect(await cites(QUALIFIED_ROWS, 'specs/001-export/tasks.md', files)).toEqual(QUALIFIED_ROWS);
  });

  it("with Backlog.md's preset: a criterion's number is no reference", async () => {
    const files = { 'specguard.config.yaml': 'presets: [backlog-md]\n', 'backlog/config.yml': 'project_name: demo\n' };
    const head = ['---', 'id: BACK-1', 'title: Export', 'status: To Do', '---', '', '## Acceptance Criteria', '<!-- AC:BEGIN -->'];
    expect(await cites(BACKLOG_ROWS, 'backlog/tasks/back-1 - Export.md', files, head)).toEqual(BACKLOG_ROWS);
  });
});

describe("a task's Files: list", () => {
  /** Seed 004's shape: a numbered task, its Files, Commands and Acceptance lines, and its box. */
  const seed004 = (box: string): string =>
    lines('# Task List', '', '## Parent Tasks', '1. Orchestrator', '   1. Scaffold manager', '      - Files: `orchestrator/src/manager.ts`, `orchestrator/tests`', '      - Commands: `npm test`', '      - Acceptance: tests pass.', `      ${box}`);

  it('names the folders a path in the box may be relative to', async () => {
    const file = 'tasks/tasks-0001-x.md';
    const { byLine } = await citedIn({ 'orchestrator/src/manager.ts': 'export {};\n', [file]: seed004('- [x] Completed — see `src/manager.ts` and `src/agents.ts`') }, file);
    expect(byLine.get(9)).toEqual(['orchestrator/src/manager.ts', 'src/agents.ts (missing)']);
  });

  it("keeps judging seed 004's run citations after `see` and `validated via`", async () => {
    const file = 'tasks/tasks-0001-x.md';
    const { byLine } = await citedIn({ '.runs/3/a/manifest.json': manifest(), [file]: seed004('- [x] Completed — validated via `.runs/3/a/`, `.runs/3/b/` manifests') }, file);
    expect(byLine.get(9)).toEqual(['.runs/3/a', '.runs/3/b (missing)']);
  });

  it('may name absolute paths, which are no folders to read a path from', async () => {
    const file = 'tasks/tasks-0001-x.md';
    const text = lines('1. Task', '   - Files: `//abs/x.ts`, `/etc/`, `C:\\x\\y.ts`', '   - [x] Completed — see `src/manager.ts` and `\\r`');
    const { byLine } = await citedIn({ [file]: text }, file);
    expect(byLine.get(3)).toEqual(['src/manager.ts (missing)']);
  });

  it('is read from the lines above the box, among its siblings only', () => {
    const text = seed004('- [x] Completed');
    expect(filesListOf(text, text.lastIndexOf('- [x]'))).toEqual(['orchestrator/src/manager.ts', 'orchestrator/tests']);
    // Under another parent, or past a sibling task item, there is no Files list.
    const other = lines('1. First', '   - Files: `a/b.ts`', '2. Second', '   - [x] Done');
    expect(filesListOf(other, other.lastIndexOf('- [x]'))).toEqual([]);
    const past = lines('- Files: `a/b.ts`', '- [x] First', '- [x] Second');
    expect(filesListOf(past, past.lastIndexOf('- [x]'))).toEqual([]);
    // A Files line whose files are listed below it.
    const below = lines('1. Task', '   - **Files**:', '     - `a/b.ts`', '     - `c/d.ts`', '   - [x] Done');
    expect(filesListOf(below, below.lastIndexOf('- [x]'))).toEqual(['a/b.ts', 'c/d.ts']);
  });
});

describe('one ticked item, at most one finding per evidence rule', () => {
  it('names every bad citation of the item, at the first of them', async () => {
    const file = 'tasks/tasks-0001.md';
    const { report } = await citedIn(
      {
        '.runs/1/manifest.json': manifest({ status: 'failed' }),
        '.runs/2/manifest.json': manifest({ status: 'cancelled' }),
        [file]: lines('- [x] see `docs/a.md` and `docs/b.md`, fixed in #1 and #2; runs `.runs/1/` `.runs/2/`', '- [x] see `docs/c.md`'),
      },
      file,
    );
    const missing = findingsOf(report, 'evidence-missing');
    expect(missing.map((f) => [f.line, f.column])).toEqual([
      [1, 11],
      [2, 11],
    ]);
    expect(missing[0]!.message).toBe(
      '2 citations of this ticked box do not exist or are outside the repository: (1) Cited evidence `docs/a.md` does not exist; fix the path, or cite evidence that exists. (2) Cited evidence `docs/b.md` does not exist; fix the path, or cite evidence that exists.',
    );
    // One citation alone keeps its own message.
    expect(missing[1]!.message).toBe('Cited evidence `docs/c.md` does not exist; fix the path, or cite evidence that exists.');
    const external = findingsOf(report, 'evidence-external');
    expect(external.map((f) => f.line)).toEqual([1]);
    expect(external[0]!.message).toContain('2 citations of this ticked box cannot be checked offline: (1) `#1` is an issue');
    const failed = findingsOf(report, 'evidence-failed');
    expect(failed.map((f) => f.line)).toEqual([1]);
    expect(failed[0]!.message).toMatch(/^2 citations of this ticked box do not prove success for this task: \(1\) Run manifest `\.runs\/1\/manifest\.json` records status `failed`.*\(2\) Run manifest `\.runs\/2\/manifest\.json` records status `cancelled`/);
  });
});

describe('descriptions are not evidence', () => {
  it('a ticked box that only describes what it touches cites nothing, and says which paths name nothing', async () => {
    const file = 'tasks/tasks-0001.md';
    const { report } = await citedIn({ [file]: markdown(undefined, '- [x] Create `src/models/user.py` and `src/db.sql`') }, file);
    expect(findingsOf(report, 'evidence-missing')).toEqual([]);
    expect(findingsOf(report, 'checkbox-evidence').map((f) => f.message)).toEqual([
      'Ticked box is unproven: it cites no evidence (`src/models/user.py`, `src/db.sql` name nothing in the repository); cite the run manifest, log, file or commit that proves it (as `path` or a link), or untick it.',
    ]);
  });
});
