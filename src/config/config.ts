/** The configuration as written by a user, and as resolved for a run. */
import type { DocumentFormat } from '../document/source-document.js';
import type { ConfiguredSeverity } from '../findings/finding.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { RuleId } from '../rules/rule-ids.js';

/** `specguard.config.yaml` / `.yml` / `.json`, as described by `schemas/config.schema.json`. */
export interface SpecguardConfig {
  kinds?: Record<string, { globs?: string[]; schema?: string; format?: DocumentFormat; description?: string }>;
  rules?: Record<string, ConfiguredSeverity>;
  freshness?: { days?: number };
  ignore?: string[];
  limits?: { max_file_bytes?: number };
}

/** Default review window of a mini-spec, in days (seed 004: "`last_review` date ≤30 days"). */
export const DEFAULT_FRESHNESS_DAYS = 30;

/** Default largest file read, in bytes (10 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

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
}
