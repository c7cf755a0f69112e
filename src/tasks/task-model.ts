/**
 * The one task model: what `check`'s task rules, `brief` and `board` know of a
 * task. A task is whatever the layout says holds one (a preset's `tasks`
 * sources): a task list (seed 004: `tasks/tasks-0001-….md` is task `0001`), a
 * spec-kit feature folder, an OpenSpec change, a Backlog.md task file, a Kiro
 * spec. Its criteria are the task list items of its documents, each with the
 * verdict of its evidence as the evidence rules judge it.
 */
import type { VerifiedCitation } from '../evidence/analyze.js';
import type { Verdict } from '../evidence/verify.js';
import type { DeclaredValue, StatusCategory } from './declared-value.js';

/**
 * What a criterion's box and evidence say: `open` (not ticked), `proven` (ticked, and what it cites holds),
 * `failed` (ticked, but what it cites is missing, outside the repository or a failed run), `unproven` (ticked,
 * citing nothing that can be checked).
 */
export type CriterionVerdict = 'proven' | 'unproven' | 'failed' | 'open';

/** One task list item of a task. */
export interface TaskCriterion {
  /** The item's own text, whitespace folded. */
  text: string;
  /** Repo-relative path of its document; `line` is 1-based. */
  file: string;
  line: number;
  /** 1-based column of its checkbox. */
  column: number;
  checked: boolean;
  /**
   * An open item its text defers on purpose (`— DEFERRED`, `won't do`, `out of scope`) or calls optional
   * (`4.3 Optional: …`): it does not hold a done task open.
   */
  deferred: boolean;
  verdict: CriterionVerdict;
  /** Index (in the task's `criteria`) of the item it is nested under, by indentation or by numbering (`1.` holds `1.1`). */
  parent?: number;
  /**
   * The plain list items (not task items) it sits under, outermost first, as written: seed 004's
   * `1. Governance & Approvals Alignment` and `1. Secure PRD approval sign-off` above `- [ ] Status: Pending`.
   */
  group: string[];
  /** What it cites, with each citation's verdict. */
  evidence: CitedEvidence[];
}

/** A task's declared status, with the category its words fall in. */
export interface DeclaredStatus extends DeclaredValue {
  category: StatusCategory;
}

/** Counts of a task's criteria by verdict. */
export interface CriteriaCounts {
  total: number;
  checked: number;
  proven: number;
  unproven: number;
  failed: number;
  /** Open items, deferred ones included. */
  open: number;
  /** Open items deferred on purpose. */
  deferred: number;
}

/** One task, as its layout holds it. */
export interface TaskRecord {
  /** The task's id, as its layout derives it (`0001`, `001-event-discovery`, `BACK-222.1`). */
  id: string;
  /** The preset whose task source found it. */
  preset: string;
  title?: string;
  /** Repo-relative paths of the documents holding its criteria, sorted. */
  documents: string[];
  /** Every file it was read from (its documents and the files its status or dates came from), sorted. */
  sources: string[];
  /** Its task list items, document by document in document order. */
  criteria: TaskCriterion[];
  /** What it says of its own status, where it says so; an archived task is declared done by its place. */
  status?: DeclaredStatus;
  /** Dates it declares (`Created`, `created_date`), as written. */
  dates: DeclaredValue[];
  /** Whether it lies in an archive of finished work (a preset's `archived` globs). */
  archived: boolean;
  /** Whether its layout holds every ticked box to cited evidence (the rule `checkbox-evidence` is on for it). */
  evidenceRequired: boolean;
  /** Its sections that declare a status of their own (TheMonk's `#### Task 1.1` with `**Status**: ✅ Completed`). */
  sections: TaskSection[];
}

/** A section of a task's document that declares a status of its own, over the criteria below its heading. */
export interface TaskSection {
  /** The heading's text (`Task 1.1: Add Role-Based Context Models`). */
  heading: string;
  status: DeclaredStatus;
  /** Its criteria: `criteria.slice(from, to)` of the task. */
  from: number;
  to: number;
}

/**
 * Counts criteria by verdict: a task's, or any items judged the same way (the board's task lists and packets).
 * `checked = proven + unproven + failed` and `total = checked + open`.
 */
export function countCriteria(criteria: ReadonlyArray<Pick<TaskCriterion, 'checked' | 'verdict'> & { deferred?: boolean }>): CriteriaCounts {
  const counts: CriteriaCounts = { total: criteria.length, checked: 0, proven: 0, unproven: 0, failed: 0, open: 0, deferred: 0 };
  for (const criterion of criteria) {
    if (criterion.checked) counts.checked++;
    if (criterion.deferred) counts.deferred++;
    counts[criterion.verdict]++;
  }
  return counts;
}

/** What one citation of a criterion proved, as `brief`, the board and the task model show it. */
export interface CitedEvidence {
  /** As written: a path, a commit, `#636`, a URL. */
  cited: string;
  status: Verdict['status'];
  /** Why it is not `ok`. */
  message?: string;
  /** A `moved` path's path today (see {@link Verdict}). */
  movedTo?: string;
  /** Full sha of the commit that moved or deleted a `moved` path. */
  by?: string;
}

/** A verified citation as {@link CitedEvidence}. */
export function citedEvidence({ citation, verdict }: VerifiedCitation): CitedEvidence {
  return {
    cited: citation.raw,
    status: verdict.status,
    ...('message' in verdict ? { message: verdict.message } : {}),
    ...(verdict.status === 'moved' && verdict.movedTo !== undefined ? { movedTo: verdict.movedTo } : {}),
    ...(verdict.status === 'moved' && verdict.by !== undefined ? { by: verdict.by } : {}),
  };
}
