/**
 * `specguard sync`: seed 000's rescue repository and seed 004's example mirrored into each engine (the embedded one
 * always, a real PostgreSQL server when `SPECGUARD_TEST_POSTGRES_URL` is set): row counts against the files, a
 * re-sync that writes nothing, edits and deletions that change exactly their rows, a sync killed mid-way (a real
 * process, killed with SIGKILL inside its transaction) that leaves the previous state, and concurrent syncs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../src/sync/tables.js';
import { count, dump, ENGINES, freshDatabase, withDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { NOW_004, seed004Repo } from '../helpers/seed-004-repo.js';
import { git, writeFiles } from '../helpers/temp-repo.js';

const BIN = fileURLToPath(new URL('../../bin/specguard.js', import.meta.url));

/** Runs the built CLI as its own process. */
function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The task list items (`- [ ]`, `- [x]`) of a file. */
function itemsIn(file: string): number {
  return (fs.readFileSync(file, 'utf8').match(/^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s/gm) ?? []).length;
}

describe.each(ENGINES)('specguard sync into the $name engine', (engine) => {
  const fresh = (): Promise<string> => freshDatabase(engine);

  it('mirrors seed 000 and seed 004 with row counts equal to their files, and a re-sync writes nothing', async () => {
    const database = await fresh();
    const seed000 = seed000Repo();
    const seed004 = seed004Repo();
    const first = await runCli(['sync', '--database', database, '--name', 'platform', '--now', SEED_000_NOW, '--format', 'json'], seed000);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ repository: 'platform', engine: engine.name, migrated: ['0001_task_state.sql'], unchanged: false });
    expect((await runCli(['sync', '--database', database, '--name', 'orchestrator', '--now', NOW_004], seed004)).code).toBe(0);

    const rows = (name: string, table: string): Promise<number> => count(database, `SELECT count(*) AS n FROM ${table} t JOIN repository r ON r.id = t.repository_id WHERE r.name = $1`, [name]);
    // Seed 000: two checkpoints in the work tree (the start checkpoint was deleted in history), task 460 with its packet's three criteria.
    expect(await rows('platform', 'task_checkpoint')).toBe(fs.readdirSync(path.join(seed000, 'state/checkpoints/460')).length);
    expect(await rows('platform', 'task')).toBe(1);
    expect(await rows('platform', 'task_criterion')).toBe(itemsIn(path.join(seed000, 'state/packets/460/packet.md')));
    expect(await count(database, "SELECT count(*) AS n FROM task WHERE task_id = '460' AND status = 'done-unverified' AND next_step LIKE 'Schema migration%'")).toBe(1);
    expect(await count(database, "SELECT count(*) AS n FROM task_checkpoint WHERE task = '460' AND commit IS NOT NULL AND length(blob) = 40")).toBe(2);
    // Seed 004: every manifest under .runs, each command, the task list's items, the specs.
    const manifests = fs.readdirSync(path.join(seed004, '.runs'), { recursive: true }).filter((f) => String(f).endsWith('manifest.json'));
    expect(await rows('orchestrator', 'task_run')).toBe(manifests.length);
    const commands = manifests.reduce((n, f) => n + (JSON.parse(fs.readFileSync(path.join(seed004, '.runs', String(f)), 'utf8')).commands?.length ?? 0), 0);
    expect(await rows('orchestrator', 'task_run_command')).toBe(commands);
    expect(await count(database, "SELECT count(*) AS n FROM task_list l JOIN repository r ON r.id = l.repository_id WHERE r.name = 'orchestrator' AND items = $1", [itemsIn(path.join(seed004, 'tasks/tasks-0001-codex-orchestrator.md'))])).toBe(1);
    expect(await rows('orchestrator', 'spec')).toBe(fs.readdirSync(path.join(seed004, 'tasks/specs')).filter((f) => f.endsWith('.md')).length);
    const check = JSON.parse((await runCli(['check', '--format', 'json', '--now', NOW_004], seed004)).stdout);
    expect(await rows('orchestrator', 'finding')).toBe(check.findings.length);

    // Nothing changed: nothing is written, not even the sync time.
    const before = await dump(database);
    const again = await runCli(['sync', '--database', database, '--name', 'platform', '--now', SEED_000_NOW], seed000);
    expect(again.stdout).toBe(`platform: nothing changed since the last sync into ${database}; nothing written.\n`);
    expect(await dump(database)).toBe(before);
    // A full derivation at the same clock finds every row equal and writes none.
    const full = JSON.parse((await runCli(['sync', '--database', database, '--name', 'platform', '--now', SEED_000_NOW, '--full', '--format', 'json'], seed000)).stdout);
    for (const table of TABLES) expect(full.changes[table.name], table.name).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it('changes exactly the rows of an edited, an added and a deleted file', async () => {
    const database = await fresh();
    const root = seed004Repo();
    const sync = async () => JSON.parse((await runCli(['sync', '--database', database, '--name', 'r', '--now', NOW_004, '--format', 'json'], root)).stdout);
    await sync();
    const list = path.join(root, 'tasks/tasks-0001-codex-orchestrator.md');
    const text = fs.readFileSync(list, 'utf8');
    const open = /^(\s*[-*+] )\[ \]/m.exec(text)!;
    fs.writeFileSync(list, `${text.slice(0, open.index)}${open[1]}[x]${text.slice(open.index + open[0].length)}`);
    const checkpoints = path.join(root, 'state/checkpoints/0001');
    const deleted = fs.readdirSync(checkpoints).sort()[0]!;
    fs.rmSync(path.join(checkpoints, deleted));
    writeFiles(root, { '.runs/0001/2026-06-14T10-00-00Z/manifest.json': { run_id: 'late', task_id: '0001', started_at: '2026-06-14T10:00:00Z', finished_at: '2026-06-14T10:05:00Z', status: 'failed', commands: [{ command: 'npm test', exit_code: 1 }] } });
    const result = await sync();
    expect(result.changes.synced_file).toEqual({ inserted: 1, updated: 1, deleted: 1 });
    expect(result.changes.task_checkpoint).toEqual({ inserted: 0, updated: 0, deleted: 1 });
    expect(result.changes.task_run).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect(result.changes.task_run_command).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect(result.changes.task_list).toEqual({ inserted: 0, updated: 1, deleted: 0 });
    expect(result.changes.task.updated).toBe(1);
    // The ticked item's row changed; the other criteria did not.
    expect(result.changes.task_criterion.updated).toBeGreaterThanOrEqual(1);
    expect(result.changes.task_criterion.inserted + result.changes.task_criterion.deleted).toBe(0);
    expect(result.changes.task_criterion.updated).toBeLessThan(itemsIn(list));
    expect(await count(database, 'SELECT count(*) AS n FROM task_checkpoint WHERE path LIKE $1', [`%${deleted}`])).toBe(0);
    expect(await count(database, "SELECT count(*) AS n FROM task_run WHERE run_id = 'late' AND status = 'failed'")).toBe(1);
  });

  it('derives again after an uncommitted change to a file no kind reads, or to the config', async () => {
    const database = await fresh();
    const root = seed000Repo();
    const sync = async () => JSON.parse((await runCli(['sync', '--database', database, '--name', 'p', '--now', SEED_000_NOW, '--format', 'json'], root)).stdout);
    expect((await sync()).unchanged).toBe(false);
    expect((await sync()).unchanged).toBe(true);
    // The spec the ticked criterion cites, deleted without a commit: no kind reads it, HEAD is the same.
    fs.rmSync(path.join(root, 'state/memory/task-run-schema.md'));
    expect((await sync()).unchanged).toBe(false);
    expect((await sync()).unchanged).toBe(true);
    // A config that turns a rule off, not committed: that rule's finding rows go, and no other row changes.
    const top = await withDatabase(database, async (db) => (await db.query<{ rule_id: string; n: string }>('SELECT rule_id, count(*) AS n FROM finding GROUP BY rule_id ORDER BY count(*) DESC, rule_id LIMIT 1')).rows[0]!);
    writeFiles(root, { 'specguard.config.yaml': `rules:\n  ${top.rule_id}: off\n` });
    const result = await sync();
    expect(result.changes.finding).toEqual({ inserted: 0, updated: 0, deleted: Number(top.n) });
    expect(await count(database, 'SELECT count(*) AS n FROM finding WHERE rule_id = $1', [top.rule_id])).toBe(0);
  });

  it('leaves the previous state when a sync is killed inside its transaction', async () => {
    const database = await fresh();
    const root = seed000Repo();
    expect((await spawnCli(['sync', '--database', database, '--name', 'p', '--now', SEED_000_NOW], root)).code).toBe(0);
    const before = await dump(database);
    writeFiles(root, { 'state/checkpoints/460/2026-06-01T09-00-00Z-rescue.md': '---\ntask: 460\ncheckpoint_kind: rescue\ncreated: 2026-06-01T09:00:00Z\nagent: claude\nsummary: Took over.\n---\n' });
    git(root, ['rm', '-q', 'state/checkpoints/460/2026-05-25T10-00-00Z-progress.md']);
    // The process kills itself (SIGKILL) once task_checkpoint is written, before the transaction commits.
    const killed = await spawnCli(['sync', '--database', database, '--name', 'p', '--now', SEED_000_NOW], root, { SPECGUARD_SYNC_FAULT: 'task_checkpoint' });
    expect(killed.signal).toBe('SIGKILL');
    expect(await dump(database)).toBe(before);
    // The next sync (after the killed one's lock went stale, for the embedded engine) writes the change.
    const next = await spawnCli(['sync', '--database', database, '--name', 'p', '--now', SEED_000_NOW, '--format', 'json'], root);
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout).changes.task_checkpoint).toEqual({ inserted: 1, updated: 0, deleted: 1 });
  }, 60_000);

  it('syncs two repositories at once without interference, and serializes one repository synced twice at once', async () => {
    const database = await fresh();
    const a = seed000Repo();
    const b = seed004Repo();
    const [ra, rb, ra2] = await Promise.all([
      spawnCli(['sync', '--database', database, '--name', 'a', '--now', SEED_000_NOW], a),
      spawnCli(['sync', '--database', database, '--name', 'b', '--now', NOW_004], b),
      spawnCli(['sync', '--database', database, '--name', 'a', '--now', SEED_000_NOW], a),
    ]);
    expect([ra.code, rb.code, ra2.code], ra.stderr + rb.stderr + ra2.stderr).toEqual([0, 0, 0]);
    const together = JSON.parse(await dump(database));
    // The same repositories synced one after the other, into another database, give the same rows.
    const alone = await fresh();
    await runCli(['sync', '--database', alone, '--name', 'a', '--now', SEED_000_NOW], a);
    await runCli(['sync', '--database', alone, '--name', 'b', '--now', NOW_004], b);
    const separate = JSON.parse(await dump(alone));
    for (const table of TABLES) expect(together[table.name], table.name).toEqual(separate[table.name]);
  }, 60_000);

  it('creates exactly the columns the sync writes', async () => {
    const database = await fresh();
    await runCli(['db', 'migrate', '--database', database], process.cwd());
    await withDatabase(database, async (db) => {
      for (const table of TABLES) {
        const { rows } = await db.query<{ column_name: string; data_type: string }>(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position",
          [table.name],
        );
        expect(rows.map((r) => [r.column_name, r.data_type]), table.name).toEqual([['repository_id', 'bigint'], ...table.columns, ['row_digest', 'text']]);
      }
    });
  });
});
