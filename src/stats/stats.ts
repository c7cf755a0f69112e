/**
 * `specguard stats`: how far a repository's claims are proven, per task and in all, from the working tree (the
 * same tasks, criteria, runs and specs as the board reads): the run success rate, the evidence coverage (the
 * share of ticked criteria whose evidence is proven), the contradictions, the stale or drifting specs, and a
 * reviewer-readiness verdict: a task is ready for review when its coverage reaches a share, 95% by default, as
 * seed 004 asks ("a summary file reports success rate and guardrail coverage with 95% reviewer-readiness
 * indicator").
 */
import { countItems } from '../board/board-model.js';
import type { Board } from '../board/board-model.js';
import type { TaskStatus } from '../brief/brief-model.js';

/** Default share of ticked criteria that must be proven for a task to be ready for review (seed 004: 95%). */
export const DEFAULT_READY_SHARE = 0.95;

/** Runs counted by how they ended. */
export interface RunCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  running: number;
  /** `succeeded / (succeeded + failed + cancelled)`; `undefined` when no run has ended. */
  successRate?: number;
}

/** Criteria, their evidence, contradictions and runs: of one task, or of all. */
export interface Figures {
  criteria: number;
  ticked: number;
  proven: number;
  /** `proven / ticked`; `undefined` when nothing is ticked. */
  coverage?: number;
  contradictions: number;
  runs: RunCounts;
}

/** One task's figures. */
export interface TaskStats extends Figures {
  task: string;
  title?: string;
  status: TaskStatus;
  /** Ready for review: something is ticked and the coverage reaches the share. */
  ready: boolean;
}

/** The figures of a repository. */
export interface RepositoryStats {
  version: 1;
  generated_at: string;
  /** The share of ticked criteria that must be proven for a task to be ready (0 to 1). */
  ready_share: number;
  tasks: TaskStats[];
  totals: Figures & {
    tasks: number;
    ready: number;
    /** Mini-specs that are stale or drifting, of all mini-specs. */
    stale_specs: number;
    specs: number;
  };
}

/**
 * Computes the figures from a board (see `board()`).
 * @param readyShare - share of ticked criteria (0 to 1) that must be proven for a task to be ready
 */
export function statsOf(board: Board, readyShare = DEFAULT_READY_SHARE): RepositoryStats {
  const tasks = board.tasks.map((row): TaskStats => {
    const c = countItems(row.brief.criteria);
    const runs = countRuns(row.brief.runs.map((r) => r.status));
    const coverage = c.checked > 0 ? c.proven / c.checked : undefined;
    return {
      task: row.brief.task,
      ...(row.brief.title ? { title: row.brief.title } : {}),
      status: row.brief.status,
      criteria: c.total,
      ticked: c.checked,
      proven: c.proven,
      ...(coverage !== undefined ? { coverage } : {}),
      contradictions: row.brief.contradictions.length,
      runs,
      ready: coverage !== undefined && coverage >= readyShare,
    };
  });
  const sum = (pick: (t: TaskStats) => number): number => tasks.reduce((total, t) => total + pick(t), 0);
  const ticked = sum((t) => t.ticked);
  const proven = sum((t) => t.proven);
  return {
    version: 1,
    generated_at: board.generated_at,
    ready_share: readyShare,
    tasks,
    totals: {
      tasks: tasks.length,
      ready: tasks.filter((t) => t.ready).length,
      criteria: sum((t) => t.criteria),
      ticked,
      proven,
      ...(ticked > 0 ? { coverage: proven / ticked } : {}),
      contradictions: sum((t) => t.contradictions),
      runs: countRuns(board.tasks.flatMap((row) => row.brief.runs.map((r) => r.status))),
      stale_specs: board.specs.filter((s) => s.problems.length > 0).length,
      specs: board.spec_count,
    },
  };
}

function countRuns(statuses: readonly string[]): RunCounts {
  const count = (status: string): number => statuses.filter((s) => s === status).length;
  const counts: RunCounts = { succeeded: count('succeeded'), failed: count('failed'), cancelled: count('cancelled'), running: count('running') };
  const ended = counts.succeeded + counts.failed + counts.cancelled;
  return ended > 0 ? { ...counts, successRate: counts.succeeded / ended } : counts;
}

/** The figures of every repository in a database (`specguard stats --database`), each as of its last sync. */
export interface DatabaseStats {
  version: 1;
  ready_share: number;
  repositories: Array<{
    /** The repository's name in the database. */
    repository: string;
    /** When it was last synced (ISO 8601). */
    synced_at: string;
    stats: RepositoryStats;
  }>;
}

/**
 * The figures of each repository a database holds.
 * @param boards - from `readBoards()`
 */
export function databaseStatsOf(boards: ReadonlyArray<{ repository: string; synced_at: string; board: Board }>, readyShare = DEFAULT_READY_SHARE): DatabaseStats {
  return { version: 1, ready_share: readyShare, repositories: boards.map((b) => ({ repository: b.repository, synced_at: b.synced_at, stats: statsOf(b.board, readyShare) })) };
}

/** A share as a percentage with one decimal, or `n/a`. */
function percent(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/**
 * The figures as markdown: the totals, then one row per task.
 * @param escape - makes text from the repository safe for its sink (task ids and titles)
 * @param repository - the repository's name, for a heading of its own (a database's figures)
 */
export function renderStatsMarkdown(stats: RepositoryStats, escape: (text: string) => string, repository?: string): string {
  const t = stats.totals;
  const cell = (text: string): string => escape(text).replace(/\|/g, '\\|');
  const lines = [
    repository === undefined ? `# specguard stats` : `# specguard stats: ${escape(repository)}`,
    '',
    `Reviewer-ready tasks (evidence coverage ≥ ${percent(stats.ready_share)}): **${t.ready} of ${t.tasks}**.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| evidence coverage (proven of ticked criteria) | ${percent(t.coverage)} (${t.proven} of ${t.ticked}) |`,
    `| run success rate (succeeded of ended runs) | ${percent(t.runs.successRate)} (${t.runs.succeeded} of ${t.runs.succeeded + t.runs.failed + t.runs.cancelled}) |`,
    `| runs still running | ${t.runs.running} |`,
    `| contradictions | ${t.contradictions} |`,
    `| stale or drifting specs | ${t.stale_specs} of ${t.specs} |`,
    '',
  ];
  if (stats.tasks.length > 0) {
    lines.push('| task | status | criteria | coverage | run success | contradictions | ready |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
    for (const task of stats.tasks) {
      const name = task.title ? `${cell(task.task)} ${cell(task.title)}` : cell(task.task);
      lines.push(`| ${name} | ${task.status} | ${task.criteria} | ${percent(task.coverage)} | ${percent(task.runs.successRate)} | ${task.contradictions} | ${task.ready ? 'yes' : 'no'} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
