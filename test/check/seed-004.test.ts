/**
 * Seed 004's real task list, copied verbatim into test/fixtures/seed-004 with
 * the manifests it cites (one failed, two never recorded) and its mini-specs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = path.resolve('test/fixtures/seed-004');
const TASK_LIST = 'tasks/tasks-0001-codex-orchestrator.md';
const NOW = '2025-10-20';

describe('seed 004 fixture', () => {
  it('reports exactly the ticked items whose evidence is missing or failed, at their lines', async () => {
    const report = await check({ root: FIXTURE, now: NOW, env: {} });
    const evidence = report.findings.filter((f) => f.file === TASK_LIST);
    expect(evidence.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['evidence-failed', 49, 83],
      ['evidence-missing', 49, 120],
      ['evidence-missing', 54, 143],
    ]);
    const lines = readFileSync(path.join(FIXTURE, TASK_LIST), 'utf8').split('\n');
    // Each finding points at the backtick that opens the cited path.
    expect(lines[48]!.slice(82)).toMatch(/^`\.runs\/3\/2025-10-16T01-33-15Z\/`/);
    expect(lines[48]!.slice(119)).toMatch(/^`\.runs\/3\/2025-10-16T01-41-05Z\/`/);
    expect(lines[53]!.slice(142)).toMatch(/^`\.runs\/3\/2025-10-16T02-17-35Z\/`/);
  });

  it('raises nothing on the unticked "Status: Pending" items', async () => {
    const report = await check({ root: FIXTURE, now: NOW, env: {} });
    const text = readFileSync(path.join(FIXTURE, TASK_LIST), 'utf8').split('\n');
    for (const finding of report.findings.filter((f) => f.file === TASK_LIST)) {
      expect(text[finding.line - 1]).toContain('[x]');
    }
  });

  it('finds the failed run cited by the task packet, the stale mini-spec, and nothing else outside the task list', async () => {
    const report = await check({ root: FIXTURE, now: NOW, env: {} });
    const others = report.findings.filter((f) => f.file !== TASK_LIST);
    expect(others).toEqual([
      expect.objectContaining({ ruleId: 'evidence-failed', file: 'state/packets/0001/packet.md', line: 28, column: 37 }),
      expect.objectContaining({ ruleId: 'spec-freshness', file: 'tasks/specs/0001-orchestrator-architecture.md', line: 5, column: 14 }),
    ]);
    expect(others[1]!.message).toContain('49 days old');
  });

  it.each(['stylish', 'json'])('matches the golden %s report', async (format) => {
    const run = await runCli(['check', FIXTURE, '--now', NOW, '--format', format], process.cwd());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    await expect(run.stdout).toMatchFileSnapshot(`../golden/seed-004.${format === 'json' ? 'json' : 'txt'}`);
  });
});
