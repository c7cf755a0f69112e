/**
 * `--format github`: one `::error` / `::warning` workflow command per
 * finding, with `file`, `line`, `col` (and the end, when known) and `title`,
 * escaped as the Actions runner expects; notes become `::notice`.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/findings/finding.js';
import { buildReport } from '../../src/findings/finding.js';
import { escapeData, escapeProperty, githubFormatter } from '../../src/formatters/github.js';
import { lines, NOW } from '../helpers/check-repo.js';
import { cleanRepo, repoWithFindings } from '../helpers/formatter-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

/** The JSON report and the GitHub output of one repository, through the CLI. */
async function both(root: string): Promise<{ report: Report; text: string; code: number }> {
  const json = await runCli(['check', '--now', NOW, '--format', 'json'], root);
  const github = await runCli(['check', '--now', NOW, '--format', 'github'], root);
  expect(github.code).toBe(json.code);
  return { report: JSON.parse(json.stdout) as Report, text: github.stdout, code: github.code };
}

/** The workflow command a finding should become (for plain file names and messages). */
function command(f: Finding): string {
  const end = `${f.endLine !== undefined ? `,endLine=${f.endLine}` : ''}${f.endColumn !== undefined ? `,endColumn=${f.endColumn}` : ''}`;
  return `::${f.severity} file=${f.file},line=${f.line},col=${f.column}${end},title=specguard ${f.ruleId}::${f.message}`;
}

describe('GitHub formatter', () => {
  it('prints one ::error or ::warning line per finding with its place and title, then notes', async () => {
    const { report, text, code } = await both(repoWithFindings());
    expect(code).toBe(1);
    const out = text.trimEnd().split('\n');
    expect(report.findings.some((f) => f.severity === 'warning')).toBe(true);
    expect(report.findings.some((f) => f.endLine !== undefined)).toBe(true);
    expect(out.slice(0, report.findings.length)).toEqual(report.findings.map(command));
    expect(out.slice(report.findings.length)).toEqual(report.notes!.map((note) => `::notice title=specguard::${note}`));
    expect(out[0]).toMatch(/^::error file=[^,]+,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?,title=specguard [a-z-]+::/);
  });

  it('prints no annotation for a clean repository, only its notes', async () => {
    const { report, text, code } = await both(cleanRepo());
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(text).toBe((report.notes ?? []).map((note) => `::notice title=specguard::${note}\n`).join(''));
    expect(githubFormatter(buildReport([], 3), { color: false })).toBe('');
  });

  it('escapes %, CR and LF in data', () => {
    expect(escapeData('100% done')).toBe('100%25 done');
    expect(escapeData('a\r\nb\nc\rd')).toBe('a%0D%0Ab%0Ac%0Dd');
    expect(escapeData('%0A is not a newline')).toBe('%250A is not a newline');
    // `:` and `,` are fine in a message.
    expect(escapeData('a: b, c')).toBe('a: b, c');
  });

  it('escapes %, CR, LF, : and , in property values', () => {
    expect(escapeProperty('tasks/a,b:c.md')).toBe('tasks/a%2Cb%3Ac.md');
    expect(escapeProperty('50%\r\n')).toBe('50%25%0D%0A');
    // `%` first: an escape already in the name stays readable as written.
    expect(escapeProperty('a%3Ab')).toBe('a%253Ab');
  });

  it('escapes a message with %, CR and LF, and a file name with , and :', () => {
    const report = buildReport(
      [{ ruleId: 'checkbox-evidence', severity: 'error', file: 'tasks/a,b:c.md', line: 2, column: 3, endLine: 2, endColumn: 9, message: 'first line\r\nsecond: 100%, done' }],
      1,
      { notes: ['a note\nover two lines'] },
    );
    expect(githubFormatter(report, { color: false })).toBe(
      '::error file=tasks/a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=9,title=specguard checkbox-evidence::first line%0D%0Asecond: 100%25, done\n' +
        '::notice title=specguard::a note%0Aover two lines\n',
    );
  });

  it('escapes end to end: a task list whose name has , and :, citing a path with %', async () => {
    const file = 'tasks/tasks-a,b:c.md';
    const root = tempRepo({ [file]: lines('# Tasks', '', '- [x] shipped', '- [x] report, see `docs/100%.md`') });
    const { report, text } = await both(root);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([
      [file, 'checkbox-evidence'],
      [file, 'evidence-missing'],
    ]);
    const missing = report.findings[1]!;
    expect(missing.message).toContain('docs/100%.md');
    expect(text.trimEnd().split('\n')).toEqual([
      `::error file=tasks/tasks-a%2Cb%3Ac.md,line=3,col=3,title=specguard checkbox-evidence::${report.findings[0]!.message}`,
      `::error file=tasks/tasks-a%2Cb%3Ac.md,line=${missing.line},col=${missing.column},endLine=${missing.endLine},endColumn=${missing.endColumn},title=specguard evidence-missing::${missing.message.replace('100%', '100%25')}`,
    ]);
  });
});
