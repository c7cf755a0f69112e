/**
 * `specguard sync`: mirrors one repository's task state into a database (see `migrations/` for the tables and
 * `docs/database.md` for the runbook). Git stays the source of truth: the rows are derived, and a sync can always
 * rebuild them. A sync
 * - applies pending migrations first (never a destructive one);
 * - writes nothing when the repository's files, config and HEAD have the blob ids and commit of the last sync;
 * - else derives every row and writes only those that differ, in one transaction, so a sync killed at any point
 *   leaves the previous state; two syncs of one repository run one after the other (an advisory lock on its
 *   name), syncs of different repositories do not touch each other's rows.
 */
import path from 'node:path';
import { openDatabase, safeLocation, type Database, type DatabaseTarget } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import { VERSION } from '../package-info.js';
import { trimTrailing } from '../strings.js';
import { gatherRows, readSource, type GatherOptions, type SourceState } from './gather-rows.js';
import { TABLES, type TableName } from './tables.js';
import { writeRows, type TableChange } from './write-rows.js';

/** Options of {@link sync}. */
export interface SyncOptions extends GatherOptions {
  /** Where to write. */
  database: DatabaseTarget;
  /** The repository's name in the database. Default: its origin remote (host/owner/name), else its folder's name. */
  name?: string;
  /** Derive and compare every row even when no file, the config nor HEAD changed (statuses that age with the clock). */
  full?: boolean;
  /**
   * Fault injection for tests: after writing this table, the process kills itself with SIGKILL, inside the
   * transaction. Read from `SPECGUARD_SYNC_FAULT` by the CLI.
   */
  killAfterTable?: TableName;
}

/** What a sync did. */
export interface SyncResult {
  repository: string;
  /** The database, without its password. */
  database: string;
  engine: Database['engine'];
  /** Migrations applied by this sync, by file name. */
  migrated: string[];
  /** True when nothing had changed since the last sync: nothing was written. */
  unchanged: boolean;
  /** Rows written, per table (all zero when unchanged). */
  changes: Record<TableName, TableChange>;
  /** Rows the repository has now, per table (absent when unchanged). */
  rows?: Record<TableName, number>;
  notes: string[];
}

/**
 * Syncs a repository.
 * @throws SpecguardError `USAGE` when the database cannot be opened; `CONFIG` when its migrations are ahead of
 *   this specguard, changed, or a destructive one is pending; as `check()` for the repository
 */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const source = await readSource(options);
  const name = options.name ?? repositoryName(source);
  // The database is open only around its reads and its writes, not while the rows are derived: the embedded
  // engine's memory (about 300 MB) and its folder's lock are not held through a long derivation.
  let migrated: string[];
  let stored: string | undefined;
  let engine: Database['engine'];
  const first = await openDatabase(options.database);
  try {
    engine = first.engine;
    migrated = (await migrate(first)).map((m) => m.name);
    stored = (await first.query<{ source_digest: string }>('SELECT source_digest FROM repository WHERE name = $1', [name])).rows[0]?.source_digest;
  } finally {
    await first.close();
  }
  const base = { repository: name, database: safeLocation(options.database), engine, migrated };
  if (!options.full && stored === source.digest) {
    const none = Object.fromEntries(TABLES.map((t) => [t.name, { inserted: 0, updated: 0, deleted: 0 }])) as Record<TableName, TableChange>;
    return { ...base, unchanged: true, changes: none, notes: [] };
  }

  const gathered = await gatherRows(options, source);
  const db = await openDatabase(options.database);
  try {
    const changes = await db.transaction(name, async (session) => {
      const repository = [name, source.root, source.remote ?? null, source.head ?? null, source.branch ?? null, source.digest, VERSION, gathered.clock.toISOString(), JSON.stringify(gathered.notes)];
      const { rows } = await session.query<{ id: string | number }>(
        `INSERT INTO repository (name, root, remote, head, branch, source_digest, specguard_version, clock, synced_at, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9::jsonb)
         ON CONFLICT (name) DO UPDATE SET root = $2, remote = $3, head = $4, branch = $5, source_digest = $6, specguard_version = $7, clock = $8, synced_at = now(), notes = $9::jsonb
         RETURNING id`,
        repository,
      );
      const id = Number(rows[0]!.id);
      return writeRows(session, id, gathered.rows, (table) => {
        if (table === options.killAfterTable) process.kill(process.pid, 'SIGKILL');
      });
    });
    const counts = Object.fromEntries(TABLES.map((t) => [t.name, gathered.rows[t.name].length])) as Record<TableName, number>;
    return { ...base, unchanged: false, changes, rows: counts, notes: gathered.notes };
  } finally {
    await db.close();
  }
}

/**
 * How a repository is named when no name is given: its origin remote as `host/owner/name`
 * (`https://codeberg.org/specguard/specguard.git` and `git@codeberg.org:specguard/specguard.git` both give
 * `codeberg.org/specguard/specguard`), else the name of its folder.
 */
export function repositoryName(source: Pick<SourceState, 'remote' | 'root'>): string {
  const remote = source.remote;
  if (remote) {
    const scp = /^[^/@:]+@([^:/]+):(.+)$/.exec(remote);
    const url = scp ? `${scp[1]}/${scp[2]}` : remote.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]*@/, '');
    const named = trimTrailing(trimTrailing(url, '/').replace(/\.git$/, ''), '/');
    if (named) return named;
  }
  return path.basename(source.root);
}
