/**
 * Boards read back from a database that `sync` wrote: each repository's board as `board()` computed it at its
 * last sync (the briefs are stored whole), and one board across every repository, for `stats --database` and
 * `board --database`.
 */
import { countItems, STATUS_ORDER, type Board, type BoardSpec, type BoardTask, type BoardTaskList, type SpecProblem } from '../board/board-model.js';
import { lastCheckpoint, naturalOrder } from '../board/gather-board.js';
import type { Brief, TaskStatus } from '../brief/brief-model.js';
import { briefUnderFolder } from '../brief/package-paths.js';
import type { SqlSession } from '../db/database.js';

/** One repository's board, as of its last sync. */
export interface RepositoryBoard {
  /** Its name in the database. */
  repository: string;
  /** When it was last synced (ISO 8601). */
  synced_at: string;
  head?: string;
  board: Board;
}

/**
 * Reads the board of every repository in the database, by name.
 * @param only - just the repository of this name
 */
export async function readBoards(db: SqlSession, only?: string): Promise<RepositoryBoard[]> {
  const { rows: repositories } = await db.query<{ id: string | number; name: string; root: string; head: string | null; clock: Date | string; synced_at: Date | string; notes: string[] }>(
    `SELECT id, name, root, head, clock, synced_at, notes FROM repository ${only !== undefined ? 'WHERE name = $1' : ''} ORDER BY name`,
    only !== undefined ? [only] : [],
  );
  const boards: RepositoryBoard[] = [];
  for (const repository of repositories) {
    const clock = new Date(repository.clock);
    const id = [repository.id];
    const [tasks, specs, lists] = await Promise.all([
      db.query<{ brief: Omit<Brief, 'generated_at'> }>('SELECT brief FROM task WHERE repository_id = $1', id),
      db.query<{ path: string; spec_id: string | null; title: string | null; status: string | null; last_review: string | null; problems: SpecProblem[]; tasks: string[] }>(
        'SELECT path, spec_id, title, status, last_review::text AS last_review, problems, tasks FROM spec WHERE repository_id = $1 ORDER BY path',
        id,
      ),
      db.query<{ path: string; title: string | null; task_id: string | null; items: number; ticked: number; proven: number; unproven: number; failed: number; open: number; deferred: number }>(
        'SELECT path, title, task_id, items, ticked, proven, unproven, failed, open, deferred FROM task_list WHERE repository_id = $1 ORDER BY path',
        id,
      ),
    ]);
    const specOf = new Map<string, (typeof specs.rows)[number]>();
    for (const spec of specs.rows) for (const task of spec.tasks) specOf.set(task, spec);
    const boardTasks: BoardTask[] = tasks.rows
      .map(({ brief: stored }): BoardTask => {
        const brief: Brief = { ...stored, generated_at: clock.toISOString() } as Brief;
        const spec = specOf.get(brief.task);
        const last = lastCheckpoint(brief, clock);
        return { brief, counts: countItems(brief.criteria), ...(last ? { last_checkpoint: last } : {}), ...(spec ? { spec: spec.path } : {}), spec_problems: spec?.problems ?? [] };
      })
      .sort((a, b) => naturalOrder(a.brief.task, b.brief.task));
    const stale: BoardSpec[] = specs.rows
      .filter((s) => s.problems.length > 0)
      .map((s) => ({
        file: s.path,
        ...(s.spec_id !== null ? { id: s.spec_id } : {}),
        ...(s.title !== null ? { title: s.title } : {}),
        ...(s.status !== null ? { status: s.status } : {}),
        ...(s.last_review !== null ? { last_review: s.last_review } : {}),
        problems: s.problems,
        tasks: s.tasks,
      }));
    const taskLists: BoardTaskList[] = lists.rows.map((l) => ({
      file: l.path,
      ...(l.title !== null ? { title: l.title } : {}),
      ...(l.task_id !== null ? { task: l.task_id } : {}),
      counts: { total: l.items, checked: l.ticked, proven: l.proven, unproven: l.unproven, failed: l.failed, open: l.open, deferred: l.deferred },
    }));
    boards.push({
      repository: repository.name,
      synced_at: new Date(repository.synced_at).toISOString(),
      ...(repository.head ? { head: repository.head } : {}),
      board: {
        version: 1,
        root: repository.root,
        generated_at: clock.toISOString(),
        tasks: boardTasks,
        status_counts: statusCounts(boardTasks),
        specs: stale,
        spec_count: specs.rows.length,
        task_lists: taskLists,
        notes: repository.notes,
      },
    });
  }
  return boards;
}

function statusCounts(tasks: readonly BoardTask[]): Record<TaskStatus, number> {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, tasks.filter((t) => t.brief.status === s).length])) as Record<TaskStatus, number>;
}

/**
 * One board across repositories: every task id qualified by its repository (`codeberg.org/acme/api:0001`), every
 * path under its repository's name, and the brief's `package` set to the repository. One repository's board is
 * returned as it is.
 * @param root - what the merged board's `root` says (there is no one folder)
 */
export function mergeRepositoryBoards(boards: readonly RepositoryBoard[], root: string): Board | undefined {
  if (boards.length === 1) return boards[0]!.board;
  if (boards.length === 0) return undefined;
  const tasks: BoardTask[] = [];
  const specs: BoardSpec[] = [];
  const lists: BoardTaskList[] = [];
  const notes = new Set<string>();
  for (const { repository, board } of boards) {
    const id = (task: string): string => `${repository}:${task}`;
    const under = (file: string): string => `${repository}/${file}`;
    for (const task of board.tasks) {
      tasks.push({
        ...task,
        brief: { ...briefUnderFolder(task.brief, repository), task: id(task.brief.task) },
        ...(task.last_checkpoint ? { last_checkpoint: { ...task.last_checkpoint, file: under(task.last_checkpoint.file) } } : {}),
        ...(task.spec ? { spec: under(task.spec) } : {}),
      });
    }
    for (const spec of board.specs) specs.push({ ...spec, file: under(spec.file), tasks: spec.tasks.map(id) });
    for (const list of board.task_lists) lists.push({ ...list, file: under(list.file), ...(list.task ? { task: id(list.task) } : {}) });
    for (const note of board.notes) notes.add(`${repository}: ${note}`);
  }
  const clocks = boards.map((b) => b.board.generated_at).sort();
  return {
    version: 1,
    root,
    generated_at: clocks[clocks.length - 1]!,
    tasks,
    status_counts: statusCounts(tasks),
    specs,
    spec_count: boards.reduce((n, b) => n + b.board.spec_count, 0),
    task_lists: lists,
    notes: [...notes],
  };
}
