/** The formatter contract: a report in, text out. Formatters are plug-ins: one file each. */
import type { Report } from '../findings/finding.js';

/** What a formatter knows of a rule (for SARIF's rules table, JUnit's names). */
export interface RuleInfo {
  id: string;
  summary: string;
  defaultSeverity: 'error' | 'warning';
  /** Where the rule is documented (SARIF `helpUri`). */
  url?: string;
}

/** What a formatter may take into account besides the report. */
export interface FormatterContext {
  /** Whether to use ANSI colours (a TTY without NO_COLOR, or FORCE_COLOR). */
  color: boolean;
  /** Every rule of the run, built-in first. Default: none. */
  rules?: readonly RuleInfo[];
  /** specguard's version. */
  toolVersion?: string;
}

/** Renders a report. The text goes to stdout (or `--output`) as is. */
export type Formatter = (report: Report, context: FormatterContext) => string;
