/**
 * The rule contract. A rule looks at one document at a time, or at the whole
 * repository once every document is loaded, and reports findings through its
 * context; it never throws for bad input.
 */
import type { CheckedDocument, LoadFailure } from '../check/checked-document.js';
import type { ResolvedConfig } from '../config/config.js';
import type { SourceRange } from '../document/metadata.js';
import type { EvidenceAnalyzer } from '../evidence/analyze.js';
import type { Severity } from '../findings/finding.js';
import type { RepoPaths } from '../fs/repo-paths.js';
import type { ChangeSet } from '../check/changes.js';
import type { HistoryIndex } from '../git/history-index.js';
import type { GitRepository } from '../git/repository.js';
import type { RuleId } from './rule-ids.js';

/** What a rule can see and do. */
export interface RuleContext {
  readonly config: ResolvedConfig;
  /** The clock freshness is measured against (`--now`, `SOURCE_DATE_EPOCH`, or the system clock). */
  readonly now: Date;
  /**
   * In `checkRepository`: the documents that repository-wide rules read (see {@link Rule.readsDocument}),
   * sorted by path. In `checkDocument`: empty, since a document's own rules see only that document.
   */
  readonly documents: readonly CheckedDocument[];
  /** Files that could not be loaded. */
  readonly failures: readonly LoadFailure[];
  /** Task items and their verified evidence, per document (prepared before the rules run). */
  readonly evidence: EvidenceAnalyzer;
  /** Safe existence checks of repo-relative paths. */
  readonly paths: RepoPaths;
  /** With `--changed-since`, in `checkRepository`: the change being checked (always `undefined` in `checkDocument`). */
  readonly changes: ChangeSet | undefined;
  /** The git repository, or `undefined` outside git. */
  git(): Promise<GitRepository | undefined>;
  /** HEAD's history, indexed once per run; `undefined` outside git or in a repository without commits. */
  history(): Promise<HistoryIndex | undefined>;
  /**
   * Reports a finding in a document.
   * @param range - offsets in the document's text (a number is a single offset)
   */
  report(document: CheckedDocument, range: SourceRange | number, message: string, extra?: FindingExtra): void;
  /** Reports a finding about a file as a whole (line 1, column 1); the file need not be a document. */
  reportFile(file: string, message: string, extra?: FindingExtra): void;
  /** Records a note: something the run could not do fully. Repeated notes are kept once. */
  note(message: string): void;
}

/** More about a finding. */
export interface FindingExtra {
  /** Other files it depends on (for `--changed-since`: a change to them brings the finding in). */
  related?: string[];
  /** The 1-based line of the ticked box the finding is about: a box ticked in the change is never baselined away. */
  checkboxLine?: number;
  /** `warning` reports this finding as a warning even where the rule is an error (a rule's milder case). */
  severity?: 'warning';
}

/** One rule. */
export interface Rule {
  /** Stable id; also the file name of the rule's module. */
  readonly id: RuleId;
  /** What the rule checks, in one line, for `--help` and the rules table of SARIF. */
  readonly summary: string;
  readonly defaultSeverity: Severity;
  /** Runs on each loaded document. */
  checkDocument?(document: CheckedDocument, context: RuleContext): void | Promise<void>;
  /** Runs once, after every document has been checked. */
  checkRepository?(context: RuleContext): void | Promise<void>;
  /**
   * Whether `checkRepository` reads this document. Documents no repository-wide rule reads are dropped as soon
   * as their own rules have run, which keeps memory flat on large repositories. Default: every document.
   */
  readsDocument?(document: CheckedDocument, config: ResolvedConfig): boolean;
}
