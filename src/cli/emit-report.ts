/** Writes a report as `check` and `merge-reports` do, and gives the exit code it deserves. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import type { Report } from '../findings/finding.js';
import type { Formatter } from '../formatters/formatter.js';
import { BUILTIN_RULES } from '../rules/builtin-rules.js';
import { ruleUrl } from '../rules/rule-docs.js';
import { EXIT } from './exit-codes.js';
import { useColor, type CliIo } from './io.js';
import { VERSION } from './version.js';

/** The flags that say how a report is written and judged. */
export interface EmitFlags {
  format: string;
  output?: string;
  color?: boolean;
  maxWarnings?: number;
  dryRun?: boolean;
}

/**
 * Formats the report, writes it to `--output` or stdout, and judges it.
 * @returns the exit code: 1 with errors (or more warnings than `--max-warnings`), else 0; 0 with `--dry-run`
 * @throws SpecguardError `USAGE` when a formatter plug-in fails or returns no text; `WRITE` when `--output` cannot be written
 */
export async function emitReport(io: CliIo, report: Report, formatter: Formatter, flags: EmitFlags): Promise<number> {
  const rules = BUILTIN_RULES.map((rule) => ({ id: rule.id, summary: rule.summary, defaultSeverity: rule.defaultSeverity, url: ruleUrl(rule.id) }));
  let text: unknown;
  try {
    text = await formatter(report, { color: flags.output ? false : useColor(flags.color, io.stdout, io.env), rules, toolVersion: VERSION });
  } catch (error) {
    throw new SpecguardError('USAGE', `--format: the formatter \`${flags.format}\` failed (${String((error as Error)?.message ?? error).split('\n')[0]})`, { cause: error });
  }
  if (typeof text !== 'string') throw new SpecguardError('USAGE', `--format: the formatter \`${flags.format}\` returned ${text === null ? 'null' : typeof text}, not the report's text`);
  if (flags.output) {
    const target = path.resolve(io.cwd, flags.output);
    try {
      await writeFile(target, text);
    } catch (error) {
      throw new SpecguardError('WRITE', `--output: cannot write ${flags.output} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
  } else {
    io.stdout.write(text);
  }
  const { errors, warnings } = report.summary;
  if (flags.dryRun) return EXIT.OK;
  if (errors > 0) return EXIT.FINDINGS;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr.write(`specguard: ${warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n`);
    return EXIT.FINDINGS;
  }
  return EXIT.OK;
}
