/**
 * The rescue brief of a task: version 1 of the contract described by
 * `schemas/brief.schema.json`. Everything here is derived from the repository
 * and its git history; nothing is invented.
 */

/** Where the task stands, derived from the evidence (not from anyone's say-so). */
export type TaskStatus = 'not-started' | 'in-progress' | 'blocked' | 'stalled' | 'done-unverified' | 'done';

/** A place in a file: repo-relative POSIX path and 1-based line (and column). */
export interface BriefPlace {
  file: string;
  line: number;
  column?: number;
}

/** What one citation of a criterion proved. */
export interface BriefEvidence {
  /** As written: a path, a commit, `#636`, a URL. */
  cited: string;
  /**
   * `ok` proven; `missing`/`outside`/`failed` disproven; `unverifiable` taken on trust; `moved` a path that
   * existed when the box was ticked and was moved or deleted since (proof at the time of the claim).
   */
  status: 'ok' | 'missing' | 'outside' | 'failed' | 'unverifiable' | 'moved';
  message?: string;
  /** A `moved` path's path today, when git's rename detection finds it. */
  moved_to?: string;
  /** Full sha of the commit that moved or deleted a `moved` path. */
  commit?: string;
}

/** One acceptance criterion: a task item of the task packet's "Acceptance criteria", or of the task's task list. */
export interface BriefCriterion extends BriefPlace {
  text: string;
  checked: boolean;
  /**
   * `verified`: ticked and its evidence holds; `claimed`: ticked, evidence only taken on trust or absent;
   * `failed`: ticked but its evidence is missing or failed; `open`: not ticked.
   */
  state: 'verified' | 'claimed' | 'failed' | 'open';
  evidence: BriefEvidence[];
  /** Index (in `criteria`) of the item it is nested under: by indentation, or by numbering (`1.` holds `1.1`). */
  parent?: number;
  /** An open item its text defers on purpose (`— DEFERRED`, `won't do`): it does not hold the task open. */
  deferred?: true;
  /** The plain list items it sits under in its task list, outermost first (seed 004's numbered parent tasks). */
  group?: string[];
}

/** One checkpoint, current or recovered from git history. */
export interface BriefCheckpoint {
  file: string;
  created: string;
  checkpoint_kind: string;
  agent: string;
  summary: string;
  next_steps: string[];
  head?: string;
  /** `current`: in the work tree; `rewritten`: an earlier version of a file that still exists; `deleted`: a file since removed. */
  state: 'current' | 'rewritten' | 'deleted';
  /** For a recovered version: the commit that rewrote or deleted it. */
  replaced_by?: string;
  /** The path the file had before git history renamed it (unchanged content moved: one entry, not a deletion). */
  renamed_from?: string;
}

/** One run manifest of the task. */
export interface BriefRun {
  file: string;
  run_id: string;
  status: string;
  started_at?: string;
  finished_at?: string;
  heartbeat_at?: string;
  /** For a running run: minutes since its heartbeat (or start). */
  heartbeat_age_minutes?: number;
  /** For a running run: whether that age is past the stale limit. */
  stale?: boolean;
}

/** One commit that mentions the task. */
export interface BriefCommit {
  sha: string;
  date: string;
  author: string;
  subject: string;
  files: string[];
}

/** A claim the evidence does not back. */
export interface Contradiction extends BriefPlace {
  kind: 'done-claim-unbacked' | 'evidence-failed' | 'heartbeat-stale';
  message: string;
}

/** What was left out to fit the token budget: the `count` oldest entries of one section. */
export interface Omission {
  section: 'timeline' | 'commits' | 'runs';
  /** How many were left out (at least 1); the section still holds the rest. */
  count: number;
}

/**
 * The token budget applied with `--max-tokens`. The status, contradictions and acceptance criteria are never
 * left out: when they alone take more than the budget, everything else is left out and `exceeded` is true.
 */
export interface BriefBudget {
  /** The budget (o200k tokens). */
  max_tokens: number;
  /** Tokens of the rendered brief, this record included. */
  tokens: number;
  /** Oldest entries left out, per section. */
  omitted: Omission[];
  /** Whether the brief is still over the budget (`tokens` > `max_tokens`) after leaving out all it can. */
  exceeded: boolean;
}

/** The brief. */
export interface Brief {
  version: 1;
  task: string;
  /**
   * In a monorepo, the package folder (relative to where the command ran) whose config governs the task. The
   * brief's file paths are, like every path in it, relative to where the command ran.
   */
  package?: string;
  title?: string;
  /** The clock the brief was computed against (ISO 8601). */
  generated_at: string;
  status: TaskStatus;
  /** Why that status, in one sentence. */
  status_reason: string;
  next_step?: { text: string; source: 'checkpoint' | 'criterion' | 'contradiction' } & Partial<BriefPlace>;
  packet?: BriefPlace & { title?: string; agent?: string; created?: string };
  /**
   * The task as its layout holds it (a preset's task source: a task list, a spec-kit feature folder, an
   * OpenSpec change, a Backlog.md task): its files, and the status it declares and where.
   */
  layout?: {
    preset: string;
    /** Repo-relative paths of the files the task was read from, sorted. */
    files: string[];
    /** The status the task declares (`Implemented`, `Done`, `archived` for an archive folder), and its category. */
    declared_status?: BriefPlace & { value: string; category: 'done' | 'in-progress' | 'not-started' | 'abandoned' | 'unknown' };
    /** Whether its layout holds every ticked box to cited evidence (else a ticked box counts as done). */
    evidence_required: boolean;
  };
  contradictions: Contradiction[];
  criteria: BriefCriterion[];
  /** Every checkpoint, oldest first. */
  timeline: BriefCheckpoint[];
  runs: BriefRun[];
  /** Newest first. */
  commits: BriefCommit[];
  history: {
    available: boolean;
    shallow: boolean;
    /** Commits reachable from HEAD. */
    commits?: number;
    /** Oldest commit date present in a shallow clone. */
    oldest?: string;
    note?: string;
  };
  /** Token budget applied (o200k), if any, what it cut, and whether the brief still exceeds it. */
  budget?: BriefBudget;
}
