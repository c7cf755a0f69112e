import { createColors } from 'picocolors';
import type { Finding } from '../findings/finding.js';
import { visibleLine } from '../output/sanitize.js';
import type { Formatter } from './formatter.js';
import { shortSha } from '../git/short-sha.js';

/**
 * The default, human report: findings grouped by file, one line each as
 * `path:line:column  severity  message  ruleId` (so terminals and editors
 * can jump to the place), then a summary line. With colours, each rule id
 * is also a terminal hyperlink (OSC 8) to the rule's documentation.
 */
export const stylishFormatter: Formatter = (report, context) => {
  const c = createColors(context.color);
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  // Everything from a file, a file name or a config is shown, never obeyed (see `visibleLine`): no escape
  // sequence reaches the terminal and no newline starts a line a CI runner would read as a command.
  for (const [file, findings] of groups) {
    // A file named `::error::…` would start a line a CI runner obeys: shown as `./::error::…`.
    const shown = visibleLine(file);
    lines.push(c.underline(shown.startsWith('::') ? `./${shown}` : shown));
    const places = findings.map((f) => `${visibleLine(f.file)}:${f.line}:${f.column}`);
    const width = Math.max(...places.map((p) => p.length));
    findings.forEach((finding, i) => {
      const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${places[i]!.padEnd(width)}  ${severity}  ${visibleLine(finding.message)}  ${c.dim(context.color && finding.url ? hyperlink(visibleLine(finding.ruleId), visibleLine(finding.url)) : visibleLine(finding.ruleId))}`);
    });
    lines.push('');
  }
  const { errors, warnings, files } = report.summary;
  const problems = errors + warnings;
  const checked = `${files} file${files === 1 ? '' : 's'} checked`;
  if (problems === 0) {
    lines.push(c.green(`✔ No problems (${checked}).`));
  } else {
    const counts = `${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    lines.push((errors > 0 ? c.red : c.yellow)(c.bold(`✖ ${counts} in ${groups.size} file${groups.size === 1 ? '' : 's'}; ${checked}.`)));
  }
  if (report.summary.dryRun) lines.push(c.bold(`Dry run: exit 0 whatever was found${errors > 0 ? '; without --dry-run this run exits 1' : ''}.`));
  for (const note of report.notes ?? []) lines.push(c.dim(`note: ${visibleLine(note)}`));
  if (report.changedSince) lines.push(c.dim(`Checked the change since ${report.changedSince.ref} (${shortSha(report.changedSince.base)}): ${report.changedSince.files} changed file${report.changedSince.files === 1 ? '' : 's'}.`));
  const older = report.changedSince?.preexisting ?? 0;
  if (older > 0) lines.push(c.dim(`Left out ${older} finding${older === 1 ? '' : 's'} in changed files that the merge base has too (--changed-files-all shows them).`));
  if (report.baseline) {
    const { suppressed, fixed } = report.baseline;
    lines.push(c.dim(`Baseline: ${suppressed} known finding${suppressed === 1 ? '' : 's'} left out; ${fixed.length} fixed since it was written.`));
    for (const f of fixed) lines.push(c.green(`  fixed: ${visibleLine(f.file)}  ${visibleLine(f.message)}  ${visibleLine(f.ruleId)}`));
  }
  return `${lines.join('\n')}\n`;
};

/** Text that a terminal shows as a link to `url` (OSC 8; terminals without it show the text alone). */
function hyperlink(text: string, url: string): string {
  return `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\`;
}
