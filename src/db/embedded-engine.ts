/**
 * The embedded engine: PGlite (PostgreSQL compiled to WebAssembly, https://pglite.dev) with its data in a
 * folder. One process opens a folder at a time: a lock file beside it (`<folder>.lock`, naming the process; see
 * `pid-lock.ts`) makes a second process wait, and is broken as soon as its holder is gone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SpecguardError } from '../errors.js';
import { acquirePidLock } from '../fs/pid-lock.js';
import type { Database, QueryResult, SqlSession } from './database.js';

/** How long a second process waits for the folder's lock before giving up, in ms. */
const LOCK_WAIT_MS = 120_000;

/**
 * Opens an embedded database in a folder.
 * @param create - create it when the folder does not exist
 * @throws SpecguardError `USAGE` when the folder exists and holds something else than a database, does not exist
 *   and `create` is false, or its lock is held for longer than 2 minutes
 */
export async function openEmbedded(folder: string, create: boolean): Promise<Database> {
  if (!create && !fs.existsSync(path.join(folder, 'PG_VERSION'))) throw new SpecguardError('USAGE', `no embedded database in ${folder}; run specguard sync first`);
  if (fs.existsSync(folder)) {
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory()) throw new SpecguardError('USAGE', `${folder} is not a folder; an embedded database needs one of its own`);
    if (fs.readdirSync(folder).length > 0 && !fs.existsSync(path.join(folder, 'PG_VERSION'))) {
      throw new SpecguardError('USAGE', `${folder} holds files that are not a database; give an empty or new folder`);
    }
  } else {
    fs.mkdirSync(folder, { recursive: true });
  }
  let release: () => void;
  try {
    release = await acquirePidLock(`${folder}.lock`, LOCK_WAIT_MS);
  } catch (error) {
    throw new SpecguardError('USAGE', `the embedded database ${folder} is in use by another process: ${(error as Error).message}`);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let db: InstanceType<typeof PGlite>;
  try {
    db = new PGlite(folder);
    await db.waitReady;
  } catch (error) {
    release();
    throw new SpecguardError('USAGE', `cannot open the embedded database ${folder}: ${(error as Error).message}`);
  }
  type Session = Pick<typeof db, 'query' | 'exec'>;
  const run = async <Row>(session: Session, sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> => {
    const result = await session.query<Row>(sql, params as unknown[]);
    return { rows: result.rows, affected: result.affectedRows ?? 0 };
  };
  return {
    engine: 'embedded',
    location: folder,
    query: (sql, params) => run(db, sql, params),
    script: async (sql) => void (await db.exec(sql)),
    // The folder's lock already keeps every other process out: no key needs locking within it.
    transaction: <T>(_lockKey: string, work: (session: SqlSession) => Promise<T>): Promise<T> => db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params), script: async (sql) => void (await tx.exec(sql)) })),
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
