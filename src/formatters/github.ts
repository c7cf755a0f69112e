import { visibleForCommand } from '../output/sanitize.js';
import type { Formatter } from './formatter.js';

/**
 * Escapes a workflow command's message (GitHub Actions runner rules: `%`, CR, LF), other control characters
 * shown as visible escapes first (see `visibleForCommand`).
 */
export function escapeData(text: string): string {
  return visibleForCommand(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
 * which the runner turns into annotations on the pull request.
 */
export const githubFormatter: Formatter = (report) => {
  const lines = report.findings.map((f) => {
    const properties = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
      ...(f.endColumn !== undefined ? [`endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(`specguard ${f.ruleId}`)}`,
    ];
    return `::${f.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(f.message)}`;
  });
  for (const note of report.notes ?? []) lines.push(`::notice title=specguard::${escapeData(note)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
