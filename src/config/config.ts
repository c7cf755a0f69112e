/** The configuration as written by a user, and as resolved for a run. */
import type { DocumentFormat } from '../document/source-document.js';
import type { ConfiguredSeverity } from '../findings/finding.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { TaskSource } from '../presets/preset.js';
import type { RuleId } from '../rules/rule-ids.js';

/** `specguard.config.yaml` / `.yml` / `.json`, as described by `schemas/config.schema.json`. */
export interface SpecguardConfig {
  /** Preset names (`presets/<name>.yaml`); default `[specguard]`. */
  presets?: string[];
  kinds?: Record<string, { globs?: string[]; schema?: string; format?: DocumentFormat; description?: string }>;
  rules?: Record<string, ConfiguredSeverity>;
  freshness?: { days?: number };
  ignore?: string[];
  limits?: { max_file_bytes?: number };
  packets?: { max_tokens?: number };
  loops?: { stale_days?: number };
  brief?: { heartbeat_stale_minutes?: number; stall_days?: number; commit_patterns?: string[] };
  signoff?: { patterns?: string[]; allowed?: string[]; require_signature?: boolean };
  agents?: { identities?: string[]; trailers?: string[] };
}

/** Default review window of a mini-spec, in days (seed 004: "`last_review` date ≤30 days"). */
export const DEFAULT_FRESHNESS_DAYS = 30;

/** Default largest file read, in bytes (10 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Default token budget of a task packet, in o200k tokens (seed 002 budgets a ~3.9k-token prompt). */
export const DEFAULT_PACKET_MAX_TOKENS = 8000;

/**
 * Default window of an open loop, in days: one whose last date is older is stale (seed 002 notes an
 * OPEN_LOOPS.md entry '23+ days stale'; two weeks is the cadence past which a loop nobody touched is forgotten).
 */
export const DEFAULT_LOOP_STALE_DAYS = 14;

/** Default age, in minutes, past which a running manifest's heartbeat is stale. */
export const DEFAULT_HEARTBEAT_STALE_MINUTES = 30;

/** Default quiet period, in days, after which a task with no activity is stalled. */
export const DEFAULT_STALL_DAYS = 3;

/**
 * Default patterns (POSIX ERE, case-insensitive; `{id}` is the task id) that find a task's commits:
 * a `Task: <id>` trailer, `#<id>`, or `[<id>]`.
 */
export const DEFAULT_COMMIT_PATTERNS = ['^Task: *{id} *$', '#{id}([^0-9A-Za-z_]|$)', '\\[{id}\\]'];

/**
 * Default words that make a ticked item a sign-off (case-insensitive, anywhere in its text): seed 004's
 * "approvals recorded", "sign-off", and items marked as a person's to tick, `(human)`.
 */
export const DEFAULT_SIGNOFF_PATTERNS = ['approval', 'approved by', 'sign-off', 'signoff', 'signed off', '(human)'];

/**
 * Default commit trailers (case-insensitive prefixes of a trailer line) that mark a commit as an agent's: the
 * co-author lines coding agents add.
 */
export const DEFAULT_AGENT_TRAILERS = [
  'co-authored-by: claude',
  'co-authored-by: codex',
  'co-authored-by: copilot',
  'co-authored-by: cursor',
  'co-authored-by: devin',
  'co-authored-by: aider',
  'co-authored-by: gemini',
];

/** Globs never checked, whatever the config says. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** The configuration a run uses: defaults merged with the user's file. */
export interface ResolvedConfig {
  /** Absolute path of the repository root. */
  root: string;
  /** Repo-relative path of the config file, when there is one. */
  file?: string;
  /** Every kind, built-in first, in the order their globs are tried. */
  kinds: KindDefinition[];
  /** Severity per rule; rules not named run at their default. */
  severities: Partial<Record<RuleId, ConfiguredSeverity>>;
  /** Review window of a mini-spec without `review_interval_days`, in days. */
  freshnessDays: number;
  /** Globs (repo-relative) never checked. */
  ignore: string[];
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Default token budget of a task packet (o200k tokens). */
  packetMaxTokens: number;
  /** Window of an open loop, in days, when neither its entry nor its file says otherwise. */
  loopStaleDays: number;
  /** Minutes after which a running manifest's heartbeat is stale. */
  heartbeatStaleMinutes: number;
  /** Days without activity after which a task is stalled. */
  stallDays: number;
  /**
   * With `check --since`: only boxes ticked after this bound are held to the evidence rules (see
   * {@link SinceBound}); set by the run, never by a config file.
   */
  since?: SinceBound;
  /** Commit message patterns of a task (ERE, `{id}` placeholder). */
  commitPatterns: string[];
  /** Sign-offs: which ticked items are one, who may tick them, and whether the commit must be signed. */
  signoff: { patterns: string[]; allowed: string[]; requireSignature: boolean };
  /** Who the agents are: commit authors (substrings of `name <email>`) and trailers that mark an agent's commit. */
  agents: { identities: string[]; trailers: string[] };
  /** The presets applied, in order (`[specguard]` when the config names none). */
  presets: string[];
  /** Globs (repo-relative) of archives of finished work: declared done by their place, held to status rules only. */
  archived: string[];
  /** Which documents hold a task and how it is read, from the presets. */
  tasks: TaskSource[];
  /** Text right after a checkbox that marks an item optional (Kiro's `- [ ]* 2.3`). */
  optionalMarkers: string[];
  /**
   * Rule severities of each preset, for the files its kinds' globs find. The config's own `rules` win over
   * them; the first preset whose globs find a file decides for it.
   */
  scopedSeverities: Array<{ preset: string; globs: string[]; rules: Partial<Record<RuleId, ConfiguredSeverity>> }>;
}

/**
 * Where `check --since` starts holding ticked boxes to the evidence rules: after a commit (boxes ticked in a
 * commit that `git rev-list <commit>..HEAD` lists) or after a time (boxes ticked in a commit whose committer time
 * is later). A box ticked in the working tree is always after it.
 */
export interface SinceBound {
  /** As the user wrote it (a `YYYY-MM-DD` date, an ISO 8601 date-time, or a revision). */
  raw: string;
  /** The full sha it names, for a revision. */
  commit?: string;
  /** Milliseconds since the epoch, for a date (midnight UTC for a bare date). */
  date?: number;
}
