/** The formatter contract: a report in, text out. Formatters are plug-ins: one file each. */
import type { Report } from '../findings/finding.js';

/** What a formatter may take into account besides the report. */
export interface FormatterContext {
  /** Whether to use ANSI colours (a TTY without NO_COLOR, or FORCE_COLOR). */
  color: boolean;
}

/** Renders a report. The text goes to stdout (or `--output`) as is. */
export type Formatter = (report: Report, context: FormatterContext) => string;
