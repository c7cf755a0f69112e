/** Findings: what a check reports, and the report that carries them. */
import { ruleUrl } from '../rules/rule-docs.js';
import { isRuleId, type RuleId } from '../rules/rule-ids.js';

/** How bad a finding is. An error fails the run (exit code 1); a warning does not, unless `--max-warnings` is passed. */
export type Severity = 'error' | 'warning';

/** A severity as configured: `off` turns a rule off. */
export type ConfiguredSeverity = Severity | 'off';

/** One problem, at one place in one file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Repo-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** One sentence that says what is wrong and, where it helps, what to do. */
  message: string;
  /** Where its rule is documented: the rule's section of the README (set by {@link buildReport}). */
  url?: string;
  /** Other files the finding depends on: the manifest a box cites, the spec that governs a file. */
  related?: string[];
  /**
   * Stable identity for baselines and SARIF `partialFingerprints`: a hash of the rule, the file, the message with
   * its numbers blanked, and the text of the finding's line; not of the line number, so edits above it keep it.
   */
  fingerprint?: string;
}

/** What a baseline did to a run. */
export interface BaselineOutcome {
  /** The baseline file, as given. */
  file?: string;
  /** Findings left out because the baseline holds them. */
  suppressed: number;
  /** Baselined findings that no longer occur: fixed since the baseline was written. */
  fixed: Array<{ ruleId: string; file: string; message: string }>;
}

/**
 * The result of `check()`: version 1 of the JSON report contract,
 * described by `schemas/report.schema.json`.
 */
export interface Report {
  version: 1;
  summary: {
    /** How many files were checked. */
    files: number;
    errors: number;
    warnings: number;
    /** With `--dry-run`: every finding is reported and the run exits 0 whatever it found. */
    dryRun?: true;
  };
  /** Ordered by file, line, column, ruleId. */
  findings: Finding[];
  /** Things the run could not do fully (a shallow clone, no git), in one sentence each. */
  notes?: string[];
  /** With `--changed-since`: the change that was checked. */
  changedSince?: {
    /** The ref as given. */
    ref: string;
    /** Full sha of the merge base the change is measured from. */
    base: string;
    /** How many files the change touches. */
    files: number;
    /**
     * Findings in the changed files left out because the merge base's version of the file has them too (not the
     * change's doing); 0 with `--changed-files-all`. A finding a baseline holds is counted in `baseline.suppressed`
     * instead. Always set by `check`; absent from reports of earlier versions.
     */
    preexisting?: number;
  };
  /** With `--baseline`: what it suppressed and what is fixed since. */
  baseline?: BaselineOutcome;
  /**
   * With `check --shard i/n`: this report holds one shard (its files' findings; shard 1 also the repository-wide
   * rules'), to be merged with the others by `specguard merge-reports`; `notes` are the shard's notes before
   * they are merged into sentences, so that the merge can merge them across shards.
   */
  partial?: { shard: { index: number; count: number }; notes: string[] };
}

/** What a report may carry besides its findings. */
export type ReportExtras = Pick<Report, 'notes' | 'changedSince' | 'baseline' | 'partial'>;

/** Orders findings by file, line, column, then rule id, so that output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** A finding with its rule's documentation URL, placed after the message. */
function withUrl(finding: Finding): Finding {
  if (!isRuleId(finding.ruleId)) return finding;
  const { related, fingerprint, ...rest } = finding;
  return { ...rest, url: ruleUrl(finding.ruleId), ...(related ? { related } : {}), ...(fingerprint !== undefined ? { fingerprint } : {}) };
}

/** Builds a report from findings: sorts them, gives each its rule's documentation URL, and counts them. */
export function buildReport(findings: readonly Finding[], files: number, extras: ReportExtras = {}): Report {
  const sorted = [...findings].sort(compareFindings).map(withUrl);
  const errors = sorted.filter((f) => f.severity === 'error').length;
  const notes = extras.notes && extras.notes.length > 0 ? { notes: extras.notes } : {};
  return {
    version: 1,
    summary: { files, errors, warnings: sorted.length - errors },
    findings: sorted,
    ...notes,
    ...(extras.changedSince ? { changedSince: extras.changedSince } : {}),
    ...(extras.baseline ? { baseline: extras.baseline } : {}),
    ...(extras.partial ? { partial: extras.partial } : {}),
  };
}
