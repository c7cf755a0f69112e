/**
 * The SQL in `docs/database.md`: every query under "Questions a lead asks" runs on each engine against seed 000's
 * and seed 004's repositories and one with a stuck run, and answers what the files say; the read-only role of
 * the runbook reads and cannot write (on a PostgreSQL server).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest, validPacket } from '../helpers/check-repo.js';
import { ENGINES, freshDatabase, withDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { NOW_004, seed004Repo } from '../helpers/seed-004-repo.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

const DOC = fs.readFileSync(fileURLToPath(new URL('../../docs/database.md', import.meta.url)), 'utf8');

/** The `### heading` and the ```sql block under it, for each question. */
function questions(): Map<string, string> {
  const part = DOC.slice(DOC.indexOf('## Questions a lead asks'));
  const found = new Map<string, string>();
  for (const match of part.matchAll(/^### (.+)\n[\s\S]*?```sql\n([\s\S]*?)```/gm)) found.set(match[1]!, match[2]!);
  return found;
}

/** A repository with a run that has said `running` since June, and a spec last reviewed long ago. */
function stuckRepo(): string {
  const root = tempRepo({
    'state/packets/9.md': validPacket(9, ['- [x] Nightly export runs — `.runs/9/a/`']),
    '.runs/9/a/manifest.json': manifest({ task_id: '9', run_id: 'a', status: 'running', finished_at: undefined, heartbeat_at: '2026-06-10T08:00:00Z' }),
  });
  gitInit(root);
  commitAll(root, 'feat: export', '2026-06-10T09:00:00Z');
  return root;
}

describe.each(ENGINES)('the documented SQL on the $name engine', (engine) => {
  it('answers each question a lead asks from the synced files', async () => {
    const database = await freshDatabase(engine);
    const repositories = [
      ['platform', seed000Repo(), SEED_000_NOW],
      ['orchestrator', seed004Repo(), NOW_004],
      ['exporter', stuckRepo(), '2026-06-10T09:00:00Z'],
    ] as const;
    // What check reports of each: its errors counted by rule, as "Errors per repository and rule" must count them.
    const errors: Array<[string, string, number]> = [];
    for (const [name, root, now] of repositories) {
      expect((await runCli(['sync', '--database', database, '--name', name, '--now', now], root)).code).toBe(0);
      const report = JSON.parse((await runCli(['check', '--format', 'json', '--now', now], root)).stdout) as { findings: Array<{ ruleId: string; severity: string }> };
      const byRule = new Map<string, number>();
      for (const f of report.findings) if (f.severity === 'error') byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      for (const [rule, n] of byRule) errors.push([name, rule, n]);
    }
    expect(errors.length).toBeGreaterThan(0);
    const stats = JSON.parse((await runCli(['stats', '--database', database, '--format', 'json'], process.cwd())).stdout) as {
      repositories: Array<{ repository: string; stats: { tasks: Array<{ task: string; ready: boolean }>; totals: { runs: { succeeded: number; failed: number; cancelled: number } } } }>;
    };
    const ready = stats.repositories.flatMap((r) => r.stats.tasks.map((t) => [r.repository, t.task, t.ready])).sort((a, b) => (`${a[0]}\0${a[1]}` < `${b[0]}\0${b[1]}` ? -1 : 1));
    expect(ready.length).toBeGreaterThan(2);
    const asked = questions();
    expect([...asked.keys()]).toEqual([
      'Tasks claimed done without proof',
      'Ticked boxes without proof',
      'Runs stuck running',
      'Specs past review',
      'Reviewer readiness',
      'Run success rate per repository',
      "Each task's last checkpoint",
      'Errors per repository and rule',
    ]);
    await withDatabase(database, async (db) => {
      const run = async (question: string) => (await db.query<Record<string, unknown>>(asked.get(question)!)).rows;
      // Seed 000: task 460 was logged "verified-then-closed" with its live-database criterion open.
      expect((await run('Tasks claimed done without proof')).map((r) => [r.repository, r.task_id, r.status])).toContainEqual(['platform', '460', 'done-unverified']);
      const unproven = await run('Ticked boxes without proof');
      expect(unproven.length).toBeGreaterThan(0);
      expect(unproven.every((r) => r.verdict !== 'proven')).toBe(true);
      expect((await run('Runs stuck running')).map((r) => [r.repository, r.run_id])).toEqual([['exporter', 'a']]);
      // Seed 004's specs were last reviewed in 2025.
      const past = await run('Specs past review');
      expect(past.length).toBeGreaterThan(0);
      expect(past.every((r) => r.repository === 'orchestrator')).toBe(true);
      // The SQL's readiness is specguard's own (`stats`), task by task.
      const readiness = (await run('Reviewer readiness')).map((r) => [r.repository, r.task_id, r.ready]);
      expect(readiness).toEqual(ready);
      // Every run of these repositories belongs to a task, so the SQL's counts are stats' counts.
      const success = (await run('Run success rate per repository')).map((r): Array<string | number> => [String(r.repository), Number(r.succeeded), Number(r.ended)]);
      const fromStats = stats.repositories.map((r) => [r.repository, r.stats.totals.runs.succeeded, r.stats.totals.runs.succeeded + r.stats.totals.runs.failed + r.stats.totals.runs.cancelled]);
      expect(success).toEqual(fromStats.filter(([name]) => success.some(([s]) => s === name)));
      expect(success.find(([name]) => name === 'exporter')).toEqual(['exporter', 0, 0]);
      expect(success.some(([, , ended]) => (ended as number) > 0)).toBe(true);
      const last = await run("Each task's last checkpoint");
      expect(last.find((r) => r.repository === 'platform' && r.task === '460')).toMatchObject({ checkpoint_kind: 'handoff' });
      const perRule = (await run('Errors per repository and rule')).map((r): Array<string | number> => [String(r.repository), String(r.rule_id), Number(r.findings)]);
      const order = (a: Array<string | number>, b: Array<string | number>) => (`${a[0]}\0${a[1]}` < `${b[0]}\0${b[1]}` ? -1 : 1);
      expect([...perRule].sort(order)).toEqual([...errors].sort(order));
    });
  }, 60_000);
});

describe.runIf(ENGINES.some((e) => e.name === 'postgres'))('the read-only role of the runbook', () => {
  it('reads every table and writes none', async () => {
    const database = await freshDatabase(ENGINES.find((e) => e.name === 'postgres')!);
    expect((await runCli(['sync', '--database', database, '--name', 'platform', '--now', SEED_000_NOW], seed000Repo())).code).toBe(0);
    const grant = /### A read-only role[\s\S]*?```sql\n([\s\S]*?)```/.exec(DOC)![1]!;
    await withDatabase(database, async (db) => {
      // Roles belong to the server, not to the test's database: another run may have created it.
      const once = 'DO $$ BEGIN CREATE ROLE specguard_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;';
      await db.script(grant.replace('CREATE ROLE specguard_reader NOLOGIN;', () => once));
      await db.script('SET ROLE specguard_reader');
      expect((await db.query<{ n: string }>('SELECT count(*) AS n FROM task')).rows[0]!.n).toBe('1');
      await expect(db.query("DELETE FROM task WHERE task_id = '460'")).rejects.toThrow(/permission denied/);
      await db.script('RESET ROLE');
    });
  });
});
