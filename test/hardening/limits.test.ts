/**
 * Limits: one pathological file cannot hang or crash a run. Markdown that
 * makes remark slow (quadratic nesting, bracket and delimiter runs) is parsed
 * under a per-file deadline (`SPECGUARD_MAX_PARSE_MS`) in a worker of the
 * build and skipped with a finding past it; nesting deep enough to exhaust
 * the stack is a finding too, in every mode; JSON nesting is capped.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it, beforeAll } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/document/metadata.js';
import { checkRepo, findingsOf, lines, places } from '../helpers/check-repo.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { CLI, ensureBuilt } from './harness.js';

/** Small files (a few KiB) that take remark seconds to minutes. */
const PATHOLOGICAL = {
  'tasks/tasks-markers.md': `${'- '.repeat(5000)}x\n`,
  'tasks/tasks-brackets.md': `${'['.repeat(8000)}a${'](b)'.repeat(8000)}\n`,
  'tasks/tasks-quotes.md': `${'>'.repeat(10_000)} - [x] a\n`,
};

const GOOD = { 'tasks/tasks-0001.md': lines('# Tasks', '', '- [x] a `missing.log`', '', '> a quote, so that remark parses this file') };

function runBuilt(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

describe('limits', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('the build skips each file past the parse deadline with a finding saying why, and checks the rest', async () => {
    const root = tempRepo({ ...PATHOLOGICAL, ...GOOD });
    const run = await runBuilt(['check', '.', '--now', '2026-11-21', '--format', 'json'], root, { SPECGUARD_MAX_PARSE_MS: '1500' });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }> };
    const skipped = report.findings.filter((f) => f.ruleId === 'file-unreadable');
    expect(skipped.map((f) => f.file).sort()).toEqual(Object.keys(PATHOLOGICAL).sort());
    for (const f of skipped) {
      expect([f.line, f.column]).toEqual([1, 1]);
      expect(f.message).toMatch(/^Body not checked: its markdown (took longer than 1500 ms|nests too deeply)/);
    }
    expect(report.findings.filter((f) => f.ruleId === 'evidence-missing').map((f) => [f.file, f.line])).toEqual([['tasks/tasks-0001.md', 3]]);
    // Three files at 1.5 s each, start-up included: far below the minutes remark would take.
    expect(run.ms).toBeLessThan(60_000);
  }, 120_000);

  it('in-process (no worker), nesting that exhausts the stack is a finding, not a crash', async () => {
    const report = await checkRepo({ 'tasks/tasks-quotes.md': PATHOLOGICAL['tasks/tasks-quotes.md'], ...GOOD });
    const skipped = findingsOf(report, 'file-unreadable');
    expect(places(skipped)).toEqual([['tasks/tasks-quotes.md', 1, 1]]);
    expect(skipped[0]!.message).toMatch(/^Body not checked: its markdown nests too deeply/);
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([['tasks/tasks-0001.md', 3, 9]]);
  }, 60_000);

  it(`a run manifest nesting deeper than ${MAX_JSON_DEPTH} levels is a syntax finding, never parsed`, async () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const shallowEnough = `{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    const report = await checkRepo({ '.runs/1/manifest.json': deep, '.runs/2/manifest.json': shallowEnough });
    const syntax = findingsOf(report, 'frontmatter-syntax');
    expect(syntax.map((f) => f.file)).toEqual(['.runs/1/manifest.json']);
    expect(syntax[0]!.message).toContain(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(findingsOf(report, 'manifest-schema').map((f) => f.file)).toContain('.runs/2/manifest.json');
  });
});
