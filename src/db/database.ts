/**
 * The database specguard mirrors task state into: PostgreSQL by URL, or an embedded engine (PGlite: PostgreSQL
 * compiled to WebAssembly) in a folder. Both run the same SQL; this module is the one place that tells them apart.
 */
import path from 'node:path';
import { SpecguardError } from '../errors.js';

/** A result of one statement. */
export interface QueryResult<Row> {
  rows: Row[];
  /** Rows an INSERT, UPDATE or DELETE touched (0 for other statements). */
  affected: number;
}

/** What every engine answers: one statement at a time, with `$1` parameters. */
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements, without parameters (a migration). */
  script(sql: string): Promise<void>;
}

/** An open database. */
export interface Database extends SqlSession {
  /** `postgres` (a server by URL) or `embedded` (PGlite in a folder). */
  readonly engine: 'postgres' | 'embedded';
  /** Where it is, for messages: the URL without its password, or the folder. */
  readonly location: string;
  /**
   * Runs `work` in one transaction, holding a lock on `lockKey` for the transaction's length (PostgreSQL's
   * `pg_advisory_xact_lock`; the embedded engine holds its folder's lock for as long as it is open). Rolls back when
   * `work` throws, and rethrows.
   */
  transaction<T>(lockKey: string, work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where a database is: a PostgreSQL URL, or the folder of an embedded one. */
export type DatabaseTarget = { engine: 'postgres'; url: string } | { engine: 'embedded'; folder: string };

/** The embedded database's folder in a repository, when no `--database` is given. */
export const DEFAULT_EMBEDDED_FOLDER = '.specguard/db';

/**
 * Reads a `--database` value.
 * @param value - `postgres://…` or `postgresql://…` (a server), `file:<folder>` or a folder path (embedded)
 * @param cwd - what a relative folder is relative to
 */
export function parseDatabaseTarget(value: string, cwd: string): DatabaseTarget {
  if (/^postgres(?:ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new SpecguardError('USAGE', '--database: not a valid PostgreSQL URL (expected postgres://user@host:port/database)');
    }
    return { engine: 'postgres', url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new SpecguardError('USAGE', '--database: expected a postgres:// URL or the folder of an embedded database');
  const folder = value.startsWith('file:') ? value.slice('file:'.length) : value;
  if (folder === '') throw new SpecguardError('USAGE', '--database: the folder is empty');
  return { engine: 'embedded', folder: path.resolve(cwd, folder) };
}

/** A URL as it may be shown: without its password. */
export function safeLocation(target: DatabaseTarget): string {
  if (target.engine === 'embedded') return target.folder;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Opens a database. The engines' modules load only when used.
 * @param options.create - create an embedded database whose folder does not exist (default true); `false` for
 *   commands that only read
 * @throws SpecguardError `USAGE` when it cannot be opened (the server refuses, the folder is not a database, or
 *   does not exist and `create` is false)
 */
export async function openDatabase(target: DatabaseTarget, options: { create?: boolean } = {}): Promise<Database> {
  if (target.engine === 'postgres') {
    const { openPostgres } = await import('./postgres-engine.js');
    return openPostgres(target.url, safeLocation(target));
  }
  const { openEmbedded } = await import('./embedded-engine.js');
  return openEmbedded(target.folder, options.create ?? true);
}

/**
 * Opens a database to read what `sync` wrote: it must exist and be migrated.
 * @throws SpecguardError `USAGE` as {@link openDatabase}, or when no migration has been applied; `CONFIG` when its
 *   migrations are ahead of this specguard or pending
 */
export async function openForReading(target: DatabaseTarget): Promise<Database> {
  const db = await openDatabase(target, { create: false });
  try {
    const { migrationStatus } = await import('./migrations.js');
    const status = await migrationStatus(db);
    if (status.applied.length === 0) throw new SpecguardError('USAGE', `${db.location} holds no specguard tables yet; run: specguard sync --database <the same target>`);
    if (status.pending.length > 0) throw new SpecguardError('CONFIG', `${db.location} is behind this specguard (${status.pending.length} migration(s) pending); run: specguard db migrate`);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
