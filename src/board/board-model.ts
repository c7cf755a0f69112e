/**
 * The status board: every task of a repository with the status `brief`
 * derives for it, how far its acceptance criteria are proven, its last
 * checkpoint, the stale or drifting specs it depends on and its
 * contradictions; plus the repository's task lists and the mini-specs that
 * `check` finds stale (`spec-freshness`) or drifting (`spec-drift`).
 */
import type { Brief, BriefCheckpoint, BriefCriterion, TaskStatus } from '../brief/brief-model.js';
import type { Severity } from '../findings/finding.js';
import { countCriteria, type CriteriaCounts } from '../tasks/task-model.js';

/** Every status, in the order the board lists them (most urgent first). */
export const STATUS_ORDER: readonly TaskStatus[] = ['stalled', 'blocked', 'done-unverified', 'in-progress', 'not-started', 'done'];

/**
 * Task items counted by what their evidence proves: the task model's counts (`countCriteria`), the same for a
 * task's row and a task list's.
 */
export type ItemCounts = CriteriaCounts;

/** The latest current checkpoint of a task, with its age. */
export interface BoardCheckpoint extends BriefCheckpoint {
  /** Whole minutes from its `created` to the board's clock; absent when `created` does not parse or lies ahead. */
  age_minutes?: number;
}

/** A finding of `spec-freshness` or `spec-drift` on a mini-spec. */
export interface SpecProblem {
  ruleId: 'spec-freshness' | 'spec-drift';
  severity: Severity;
  /** 1-based line of the spec the finding points at. */
  line: number;
  message: string;
}

/** A mini-spec that is stale or drifting. */
export interface BoardSpec {
  /** Repo-relative POSIX path. */
  file: string;
  id?: string;
  title?: string;
  status?: string;
  last_review?: string;
  problems: SpecProblem[];
  /** Tasks whose packet names this spec (`spec:`), sorted. */
  tasks: string[];
}

/** One task: its brief, and what the board reads from it. */
export interface BoardTask {
  /** The task's brief, exactly as `specguard brief --task <id> --format json` gives it (no token budget). */
  brief: Brief;
  /** Its acceptance criteria, counted. */
  counts: ItemCounts;
  last_checkpoint?: BoardCheckpoint;
  /** The spec its packet names (`spec:`, repo-relative), if any. */
  spec?: string;
  /** That spec's stale and drifting findings (empty when it is fresh, or names no mini-spec). */
  spec_problems: SpecProblem[];
}

/** A task list (`tasks/tasks-*.md`) and its items. */
export interface BoardTaskList {
  file: string;
  /** Its frontmatter `title`, else its first heading. */
  title?: string;
  /** Its frontmatter `task`, if any. */
  task?: string;
  counts: ItemCounts;
}

/** The board. */
export interface Board {
  version: 1;
  /** Absolute path of the repository. */
  root: string;
  /** The clock every age and status is computed against (ISO 8601). */
  generated_at: string;
  /** Tasks in natural order of their ids (`2` before `10`). */
  tasks: BoardTask[];
  /** How many tasks have each status. */
  status_counts: Record<TaskStatus, number>;
  /** Stale or drifting mini-specs, by path. */
  specs: BoardSpec[];
  /** How many mini-specs the repository has. */
  spec_count: number;
  /** Task lists, by path. */
  task_lists: BoardTaskList[];
  /** What the board could not show: ids that are not task ids, history that is unavailable. */
  notes: string[];
}

/**
 * Counts items by what their evidence proves, with the task model's {@link countCriteria}.
 * @param items - criteria as `brief` reads them (`state` verified is proven, claimed is unproven, failed, open)
 */
export function countItems(items: readonly BriefCriterion[]): ItemCounts {
  const verdict = { verified: 'proven', claimed: 'unproven', failed: 'failed', open: 'open' } as const;
  return countCriteria(items.map((c) => ({ checked: c.checked, verdict: verdict[c.state], ...(c.deferred ? { deferred: true } : {}) })));
}
