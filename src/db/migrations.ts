/**
 * Versioned SQL migrations: `migrations/NNNN_name.sql` in the package, applied in order, each in its own
 * transaction, and recorded in `specguard_migration` with a SHA-256 of its text. A migration whose first lines
 * say `-- specguard: destructive` (it drops or rewrites data) is applied only when asked to
 * (`specguard db migrate --allow-destructive`). The runbook is `docs/database.md`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import { MIGRATIONS_DIR } from '../package-paths.js';
import type { Database } from './database.js';

/** One migration file. */
export interface Migration {
  /** Its number (`0001_task_state.sql` is 1). */
  version: number;
  /** The file's name. */
  name: string;
  sql: string;
  /** SHA-256 (hex) of its text. */
  checksum: string;
  /** It drops or rewrites data: applied only with `allowDestructive`. */
  destructive: boolean;
}

/** Where a database stands. */
export interface MigrationStatus {
  /** Migrations recorded as applied, by version. */
  applied: Array<{ version: number; name: string; applied_at: string }>;
  /** Migrations of this specguard not applied yet, in order. */
  pending: Migration[];
}

const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
const DESTRUCTIVE = /^--\s*specguard:\s*destructive\b/im;

/** The lock key under which migrations run: one migration run at a time per database. */
const MIGRATION_LOCK = 'migrations';

/**
 * The migrations that ship with specguard, in order.
 * @param folder - where to read them (default: the package's `migrations/`)
 */
export function readMigrations(folder: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(folder)
    .filter((name) => FILE.test(name))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(folder, name), 'utf8');
      const head = sql.split('\n').slice(0, 5).join('\n');
      return { version: Number(FILE.exec(name)![1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex'), destructive: DESTRUCTIVE.test(head) };
    });
}

/** Creates the record of migrations if absent; under the lock, as two processes creating it at once would clash. */
async function ensureTable(db: Database): Promise<void> {
  await db.transaction(MIGRATION_LOCK, (session) =>
    session.script('CREATE TABLE IF NOT EXISTS specguard_migration (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'),
  );
}

/**
 * What is applied and what is pending.
 * @throws SpecguardError `CONFIG` when an applied migration's text has changed since, or the database holds a
 *   migration this specguard does not know (it was migrated by a newer version)
 */
export async function migrationStatus(db: Database, migrations: readonly Migration[] = readMigrations()): Promise<MigrationStatus> {
  await ensureTable(db);
  const { rows } = await db.query<{ version: number; name: string; checksum: string; applied_at: Date | string }>('SELECT version, name, checksum, applied_at FROM specguard_migration ORDER BY version');
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const migration = known.get(row.version);
    if (!migration) throw new SpecguardError('CONFIG', `the database ${db.location} has migration ${row.version} (${row.name}), which this specguard does not know: it was migrated by a newer version`);
    if (migration.checksum !== row.checksum) throw new SpecguardError('CONFIG', `migration ${migration.name} was changed after it was applied to ${db.location}; restore its text`);
  }
  const applied = new Set(rows.map((r) => r.version));
  return {
    applied: rows.map((r) => ({ version: r.version, name: r.name, applied_at: new Date(r.applied_at).toISOString() })),
    pending: migrations.filter((m) => !applied.has(m.version)),
  };
}

/**
 * Applies the pending migrations in order, each in one transaction with its record.
 * @param allowDestructive - also apply migrations marked destructive
 * @returns the migrations applied now
 * @throws SpecguardError `CONFIG` as {@link migrationStatus}, or when a pending migration is destructive and
 *   `allowDestructive` is not set (nothing after it is applied)
 */
export async function migrate(db: Database, options: { allowDestructive?: boolean; migrations?: readonly Migration[] } = {}): Promise<Migration[]> {
  const done: Migration[] = [];
  for (;;) {
    // Read the state again for each step: another process may have applied it meanwhile.
    const { pending } = await migrationStatus(db, options.migrations);
    const next = pending[0];
    if (!next) return done;
    if (next.destructive && !options.allowDestructive) {
      throw new SpecguardError('CONFIG', `migration ${next.name} drops or rewrites data; back the database up (docs/database.md), then run: specguard db migrate --allow-destructive`);
    }
    const applied = await db.transaction(MIGRATION_LOCK, async (session) => {
      const { rows } = await session.query('SELECT 1 FROM specguard_migration WHERE version = $1', [next.version]);
      if (rows.length > 0) return false;
      await session.script(next.sql);
      await session.query('INSERT INTO specguard_migration (version, name, checksum) VALUES ($1, $2, $3)', [next.version, next.name, next.checksum]);
      return true;
    });
    if (applied) done.push(next);
  }
}
