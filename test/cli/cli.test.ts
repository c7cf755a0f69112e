import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lines, validSpec } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default: { default?: FormatsPlugin } & FormatsPlugin }).default.default ??
  (addFormatsModule as unknown as { default: FormatsPlugin }).default) as FormatsPlugin;

const NOW = ['--now', '2026-11-21'];
const LIST = 'tasks/tasks-0001.md';

/** A repository without findings. */
function cleanRepo(): string {
  return tempRepo({ 'README.md': '# Repo\n', 'tasks/specs/0001-core.md': validSpec('0001-core'), [LIST]: lines('# Tasks', '', '- [x] wrote it `README.md`', '- [ ] open') });
}

/** A repository with one error (a ticked box without evidence) and two warnings (issue references). */
function repoWithFindings(): string {
  return tempRepo({ [LIST]: lines('# Tasks', '', '- [x] shipped', '- [x] fixed in #12', '- [x] fixed in owner/repo#13') });
}

/** A repository with two warnings and no error. */
function repoWithWarnings(): string {
  return tempRepo({ [LIST]: lines('- [x] fixed in #12', '- [x] fixed in #13') });
}

/** stderr holds exactly one line and no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('specguard check', () => {
  it('exits 0 on a clean repository', async () => {
    const run = await runCli(['check', ...NOW], cleanRepo());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No problems (2 files checked)');
  });

  it('exits 1 when there are errors, and prints each finding with its place and rule', async () => {
    const root = repoWithFindings();
    const run = await runCli(['check', root, ...NOW], process.cwd());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${LIST}:3:3`);
    expect(run.stdout).toContain('checkbox-evidence');
    expect(run.stdout).toContain('3 problems (1 error, 2 warnings)');
  });

  it('exits 0 with warnings, and 1 when they exceed --max-warnings', async () => {
    const root = repoWithWarnings();
    expect((await runCli(['check', ...NOW], root)).code).toBe(0);
    expect((await runCli(['check', ...NOW, '--max-warnings', '2'], root)).code).toBe(0);
    const over = await runCli(['check', ...NOW, '--max-warnings', '1'], root);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('specguard: 2 warnings, more than --max-warnings 1\n');
    expect((await runCli(['check', ...NOW, '--max-warnings', '0'], root)).code).toBe(1);
  });

  it('exits 2 on an unknown option, and on a bad --max-warnings', async () => {
    const root = cleanRepo();
    const unknown = await runCli(['check', '--bogus'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(unknown.stdout).toBe('');
    const bad = await runCli(['check', '--max-warnings', 'many'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('a whole number');
  });

  it('exits 2 with one clear line, naming the line, on a config with an unknown key', async () => {
    const root = tempRepo({ 'specguard.config.yaml': lines('freshness:', '  days: 10', 'rulez:', '  link-broken: off') });
    const run = await runCli(['check', ...NOW], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toBe('specguard: specguard.config.yaml:3:1: Unknown key `rulez` in the config. Did you mean `rules`?\n');
  });

  it('exits 2 with one line on a config naming an unknown rule, or not parsing', async () => {
    const unknownRule = await runCli(['check', ...NOW], tempRepo({ 'specguard.config.yaml': lines('rules:', '  link-broken: off', '  links-broken: off') }));
    expect(unknownRule.code).toBe(2);
    expectOneLine(unknownRule.stderr);
    expect(unknownRule.stderr).toMatch(/^specguard: specguard\.config\.yaml:3:3: unknown rule `links-broken`/);

    const broken = await runCli(['check', ...NOW], tempRepo({ 'specguard.config.json': '{ "rules": { "link-broken": "off", } }\n' }));
    expect(broken.code).toBe(2);
    expectOneLine(broken.stderr);
    expect(broken.stderr).toMatch(/^specguard: specguard\.config\.json:1:/);
  });

  it('exits 2 on --now garbage', async () => {
    const run = await runCli(['check', '--now', 'garbage'], cleanRepo());
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--now: `garbage` is not an ISO 8601 date');
  });

  it('exits 2 when the folder to check does not exist', async () => {
    const run = await runCli(['check', 'no-such-folder', ...NOW], cleanRepo());
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('not a folder');
  });

  it('writes the report to --output and prints nothing on stdout', async () => {
    const root = repoWithFindings();
    const out = tempRepo();
    const target = path.join(out, 'report.json');
    const run = await runCli(['check', root, ...NOW, '--format', 'json', '--output', target], process.cwd());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(existsSync(target)).toBe(true);
    const report = JSON.parse(readFileSync(target, 'utf8')) as { summary: unknown; findings: Array<{ ruleId: string }> };
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 2 });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['checkbox-evidence', 'evidence-external', 'evidence-external']);
  });

  it('writes a stylish report to --output relative to the working directory', async () => {
    const root = cleanRepo();
    const run = await runCli(['check', '.', ...NOW, '-o', 'out.txt'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(path.join(root, 'out.txt'), 'utf8')).toContain('No problems');
  });

  it('exits 2 with one line when --output cannot be written', async () => {
    const run = await runCli(['check', ...NOW, '--output', 'no/such/folder/report.txt'], cleanRepo());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('--output: cannot write no/such/folder/report.txt (ENOENT)');
  });

  it('prints --format json that validates against schemas/report.schema.json', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.resolve('schemas/report.schema.json'), 'utf8')) as object);
    for (const root of [repoWithFindings(), cleanRepo()]) {
      const run = await runCli(['check', root, ...NOW, '--format', 'json'], process.cwd());
      const report: unknown = JSON.parse(run.stdout);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
    const run = await runCli(['check', repoWithFindings(), ...NOW, '--format', 'json'], process.cwd());
    const report = JSON.parse(run.stdout) as { version: number; findings: Array<{ file: string; line: number; column: number; ruleId: string; severity: string }> };
    expect(report.version).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).toEqual([
      ['checkbox-evidence', 'error', LIST, 3, 3],
      ['evidence-external', 'warning', LIST, 4, 16],
      ['evidence-external', 'warning', LIST, 5, 16],
    ]);
  });
});
