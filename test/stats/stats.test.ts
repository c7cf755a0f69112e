/**
 * `specguard stats`: evidence coverage, run success rate, contradictions, stale specs and reviewer readiness, per
 * task and in all, from the working tree.
 */
import { describe, expect, it } from 'vitest';
import { board } from '../../src/board/gather-board.js';
import { statsOf } from '../../src/stats/stats.js';
import { manifest, validPacket, validSpec } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

const NOW = '2026-11-21T00:00:00Z';

/** Task 7: 2 of 3 ticked criteria proven, one open; task 8: both ticked criteria proven. Runs: 2 succeeded, 1 failed, 1 running. */
function repository(): string {
  return tempRepo({
    'state/packets/7.md': validPacket(7, ['- [x] The importer reads the ledger — `.runs/7/a/`', '- [x] Duplicates are rejected — `.runs/7/a/`', '- [x] The runbook is written', '- [ ] Retries back off']),
    'state/packets/8.md': validPacket(8, ['- [x] The export job is scheduled — `.runs/8/a/`', '- [x] Row counts match — `.runs/8/a/`']),
    '.runs/7/a/manifest.json': manifest({ task_id: '7' }),
    '.runs/7/b/manifest.json': manifest({ task_id: '7', run_id: 'b', status: 'failed', commands: [{ command: 'npm test', exit_code: 1 }] }),
    '.runs/8/a/manifest.json': manifest({ task_id: '8' }),
    '.runs/8/b/manifest.json': manifest({ task_id: '8', run_id: 'b', status: 'running', finished_at: undefined, heartbeat_at: '2026-11-20T23:59:00Z' }),
    'tasks/specs/0001-core.md': validSpec('0001-core', '2026-01-01'),
  });
}

describe('specguard stats', () => {
  it('counts coverage, run success and readiness per task and in all', async () => {
    const stats = statsOf(await board({ root: repository(), now: NOW, env: {} }));
    const rows = Object.fromEntries(stats.tasks.map((t) => [t.task, { ticked: t.ticked, proven: t.proven, coverage: t.coverage, ready: t.ready, runs: t.runs }]));
    expect(rows['7']).toEqual({ ticked: 3, proven: 2, coverage: 2 / 3, ready: false, runs: { succeeded: 1, failed: 1, cancelled: 0, running: 0, successRate: 0.5 } });
    expect(rows['8']).toEqual({ ticked: 2, proven: 2, coverage: 1, ready: true, runs: { succeeded: 1, failed: 0, cancelled: 0, running: 1, successRate: 1 } });
    expect(stats.totals).toMatchObject({ tasks: 2, ready: 1, ticked: 5, proven: 4, coverage: 0.8, runs: { succeeded: 2, failed: 1, running: 1 }, stale_specs: 1, specs: 1 });
    // A lower share makes task 7 ready too.
    expect(statsOf(await board({ root: repository(), now: NOW, env: {} }), 0.6).totals.ready).toBe(2);
  });

  it('prints markdown and JSON, and refuses a share that is not one', async () => {
    const root = repository();
    const markdown = await runCli(['stats', '--now', NOW], root);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('Reviewer-ready tasks (evidence coverage ≥ 95.0%): **1 of 2**.');
    expect(markdown.stdout).toContain('| evidence coverage (proven of ticked criteria) | 80.0% (4 of 5) |');
    expect(markdown.stdout).toContain('| run success rate (succeeded of ended runs) | 66.7% (2 of 3) |');
    const json = await runCli(['stats', '--now', NOW, '--format', 'json', '--ready', '0.5'], root);
    expect((JSON.parse(json.stdout) as { totals: { ready: number } }).totals.ready).toBe(2);
    const bad = await runCli(['stats', '--ready', '95'], root);
    expect(bad.code).toBe(2);
  });
});
