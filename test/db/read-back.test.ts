/**
 * What reads a database back: `stats --database` gives each repository the figures `stats` gives from its work
 * tree; `board --database` is one page across repositories; `db migrate` and `db status`; and the hostile inputs
 * a sync meets (text PostgreSQL refuses, a remote URL with credentials, a folder that is not a database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrate, migrationStatus, readMigrations } from '../../src/db/migrations.js';
import { checkpointFrontmatter } from '../helpers/check-repo.js';
import { ENGINES, freshDatabase, withDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED_000_NOW, seed000Repo } from '../helpers/seed-000-repo.js';
import { NOW_004, seed004Repo } from '../helpers/seed-004-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

/** `stats` JSON without the clock it was computed at. */
const withoutClock = ({ generated_at: _at, ...stats }: Record<string, unknown>) => stats;

describe.each(ENGINES)('reading the $name engine back', (engine) => {
  it('stats --database gives each repository the figures stats gives from its work tree', async () => {
    const database = await freshDatabase(engine);
    const repos = [['platform', seed000Repo(), SEED_000_NOW], ['orchestrator', seed004Repo(), NOW_004]] as const;
    for (const [name, root, now] of repos) expect((await runCli(['sync', '--database', database, '--name', name, '--now', now], root)).code).toBe(0);
    const fromDatabase = JSON.parse((await runCli(['stats', '--database', database, '--format', 'json'], process.cwd())).stdout);
    expect(fromDatabase.repositories.map((r: { repository: string }) => r.repository)).toEqual(['orchestrator', 'platform']);
    for (const [name, root, now] of repos) {
      const local = JSON.parse((await runCli(['stats', '--format', 'json', '--now', now], root)).stdout);
      const synced = fromDatabase.repositories.find((r: { repository: string }) => r.repository === name).stats;
      expect(withoutClock(synced)).toEqual(withoutClock(local));
    }
    const one = await runCli(['stats', '--database', database, '--repository', 'platform'], process.cwd());
    expect(one.stdout).toMatch(/^# specguard stats: platform \(synced /);
    expect(one.stdout).not.toContain('orchestrator');
    const unknown = await runCli(['stats', '--database', database, '--repository', 'nope'], process.cwd());
    expect([unknown.code, unknown.stderr]).toEqual([2, `specguard: no repository named nope in ${engine.name === 'embedded' ? database : database.replace(/:[^:@/]*@/, ':***@')}\n`]);
  }, 60_000);

  it('board --database is one page across every repository, ids qualified by repository, files as text', async () => {
    const database = await freshDatabase(engine);
    await runCli(['sync', '--database', database, '--name', 'platform', '--now', SEED_000_NOW], seed000Repo());
    await runCli(['sync', '--database', database, '--name', 'orchestrator', '--now', NOW_004], seed004Repo());
    const page = await runCli(['board', '--database', database, '--output', '-'], process.cwd());
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('Status board: <span class="repo">2 repositories</span>');
    expect(page.stdout).toContain('id="task-platform:460"');
    expect(page.stdout).toContain('id="task-orchestrator:0001"');
    // Files are named, not linked: the repositories need not be on this machine.
    expect(page.stdout).toContain('2025-10-16T02-45-00Z-done.md');
    expect(page.stdout).not.toMatch(/href="[^"#]*\.md/);
  }, 60_000);

  it('migrates, reports where it stands, and refuses a destructive, a changed or an unknown migration', async () => {
    const database = await freshDatabase(engine);
    const status = await runCli(['db', 'migrate', '--database', database], process.cwd());
    expect(status.stdout).toBe('Applied migration 0001_task_state.sql.\n');
    expect((await runCli(['db', 'migrate', '--database', database], process.cwd())).stdout).toMatch(/is up to date\.\n$/);
    expect((await runCli(['db', 'status', '--database', database], process.cwd())).stdout).toMatch(/^applied {2}0001_task_state\.sql {2}\d{4}-/);

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-migrations-'));
    for (const m of readMigrations()) fs.writeFileSync(path.join(folder, m.name), m.sql);
    fs.writeFileSync(path.join(folder, '0002_drop_notes.sql'), '-- specguard: destructive\nALTER TABLE repository DROP COLUMN notes;\n');
    const target = engine.name === 'embedded' ? { engine: 'embedded' as const, folder: database } : { engine: 'postgres' as const, url: database };
    const db = await openDatabase(target);
    try {
      await expect(migrate(db, { migrations: readMigrations(folder) })).rejects.toThrow(/0002_drop_notes\.sql drops or rewrites data; back the database up/);
      expect((await migrationStatus(db, readMigrations(folder))).pending.map((m) => m.name)).toEqual(['0002_drop_notes.sql']);
      expect((await migrate(db, { migrations: readMigrations(folder), allowDestructive: true })).map((m) => m.name)).toEqual(['0002_drop_notes.sql']);
      // This specguard does not know migration 2: the database is ahead of it.
      await expect(migrationStatus(db)).rejects.toThrow(/has migration 2 \(0002_drop_notes\.sql\), which this specguard does not know/);
      fs.appendFileSync(path.join(folder, '0001_task_state.sql'), '\n-- edited\n');
      await expect(migrationStatus(db, readMigrations(folder))).rejects.toThrow(/migration 0001_task_state\.sql was changed after it was applied/);
    } finally {
      await db.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('stores text PostgreSQL refuses as U+FFFD, and a remote without its credentials', async () => {
    const database = await freshDatabase(engine);
    const root = tempRepo({
      'state/checkpoints/7/a.md': `---\n${checkpointFrontmatter(7).join('\n').replace('summary: Templates drafted; migration not applied.', 'summary: "nul \\0 and \\uD800 alone"')}\n---\n`,
    });
    gitInit(root);
    git(root, ['remote', 'add', 'origin', 'https://bot:s3cret-token@codeberg.org/acme/platform.git']);
    commitAll(root, 'checkpoint', '2026-06-01T10:00:00Z');
    const run = await runCli(['sync', '--database', database, '--now', '2026-06-02T00:00:00Z'], root);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^codeberg\.org\/acme\/platform synced into .*It holds 1 task, 0 criteria, 1 checkpoint, 0 runs/m);
    await withDatabase(database, async (db) => {
      expect((await db.query('SELECT name, remote FROM repository')).rows).toEqual([{ name: 'codeberg.org/acme/platform', remote: 'https://codeberg.org/acme/platform.git' }]);
      expect((await db.query<{ summary: string }>('SELECT summary FROM task_checkpoint')).rows[0]!.summary).toBe('nul \uFFFD and \uFFFD alone');
    });
  }, 60_000);
});

describe('database targets', () => {
  it('creates the default embedded database in .specguard/db, kept out of git', async () => {
    const root = seed000Repo();
    const run = await runCli(['sync', '--now', SEED_000_NOW], root);
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(root, '.specguard/db/PG_VERSION'))).toBe(true);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    // A .gitignore of the user's is never replaced.
    const other = seed000Repo();
    writeFiles(other, { '.specguard/.gitignore': '# mine\n' });
    await runCli(['sync', '--now', SEED_000_NOW], other);
    expect(fs.readFileSync(path.join(other, '.specguard/.gitignore'), 'utf8')).toBe('# mine\n');
  }, 60_000);

  it('refuses what is not a database, in one line', async () => {
    const root = tempRepo({ 'notes/a.txt': 'mine\n' });
    const cases: Array<[string[], RegExp]> = [
      [['sync', '--database', 'notes'], /holds files that are not a database; give an empty or new folder/],
      [['stats', '--database', 'missing'], /no embedded database in .*missing; run specguard sync first/],
      [['board', '--database', 'missing', '-o', '-'], /no embedded database/],
      [['sync', '--database', 'mysql://host/db'], /expected a postgres:\/\/ URL or the folder of an embedded database/],
      [['sync', '--database', 'postgres://u:pw@127.0.0.1:1/db'], /^specguard: cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: /],
      [['stats', '--repository', 'x'], /--repository needs --database/],
      [['stats', '--database', 'x', '--now', '2026-01-01'], /--now does not go with --database/],
      [['board', '--database', 'x', '--now', '2026-01-01', '-o', '-'], /--now does not go with --database/],
      [['board', '--database', 'x', '--config', 'c.yaml', '-o', '-'], /--config does not go with --database/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv, root);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.split('\n').length, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toMatch(message);
      expect(run.stderr).not.toContain('pw@');
    }
    expect(fs.readFileSync(path.join(root, 'notes/a.txt'), 'utf8')).toBe('mine\n');
  }, 60_000);
});
