/**
 * The databases the database tests run against: the embedded engine (PGlite in a temporary folder) always, and a
 * real PostgreSQL server when `SPECGUARD_TEST_POSTGRES_URL` is set (`.ci/run` starts one), each test on a database
 * of its own created on that server and dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openDatabase, parseDatabaseTarget, type Database } from '../../src/db/database.js';
import { TABLES } from '../../src/sync/tables.js';

/** A fresh, empty database for one test. */
export interface TestDatabase {
  /** What `--database` takes. */
  arg: string;
  drop(): Promise<void>;
}

/** An engine the tests run on. */
export interface TestEngine {
  name: 'embedded' | 'postgres';
  create(): Promise<TestDatabase>;
}

const SERVER = process.env.SPECGUARD_TEST_POSTGRES_URL;

const embedded: TestEngine = {
  name: 'embedded',
  async create() {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-db-'));
    return { arg: path.join(parent, 'db'), drop: async () => fs.rmSync(parent, { recursive: true, force: true }) };
  },
};

let counter = 0;
const postgres: TestEngine = {
  name: 'postgres',
  async create() {
    const name = `specguard_test_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(SERVER!);
    url.pathname = `/${name}`;
    return {
      arg: url.toString(),
      async drop() {
        const client = new pg.Client({ connectionString: SERVER });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  },
};

const created: TestDatabase[] = [];
afterEach(async () => {
  for (const db of created.splice(0)) await db.drop();
});

/** A fresh database on an engine, dropped after the test; returns what `--database` takes. */
export async function freshDatabase(engine: TestEngine): Promise<string> {
  const db = await engine.create();
  created.push(db);
  return db.arg;
}

/** The engines to run every database test on. */
export const ENGINES: readonly TestEngine[] = SERVER ? [embedded, postgres] : [embedded];

/** Opens a database the tests created, runs `work` on it and closes it (the embedded one admits one process at a time). */
export async function withDatabase<T>(arg: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(parseDatabaseTarget(arg, process.cwd()), { create: false });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Every row of every table, in key order, as JSON text: two equal dumps are two equal states. */
export async function dump(arg: string): Promise<string> {
  return withDatabase(arg, async (db) => {
    const out: Record<string, unknown[]> = {};
    const repositories = await db.query('SELECT name, root, remote, head, branch, source_digest, clock, synced_at, notes FROM repository ORDER BY name');
    out.repository = repositories.rows;
    for (const table of TABLES) {
      const { rows } = await db.query(`SELECT r.name AS repository, t.* FROM ${table.name} t JOIN repository r ON r.id = t.repository_id ORDER BY r.name, ${table.key.map((k) => `t."${k}"`).join(', ')}`);
      out[table.name] = rows.map(({ repository_id: _id, ...row }) => row);
    }
    return JSON.stringify(out);
  });
}

/** The `n` column of a query's first row, as a number. */
export async function count(arg: string, sql: string, params: unknown[] = []): Promise<number> {
  return withDatabase(arg, async (db) => Number((await db.query<{ n: string | number }>(sql, params)).rows[0]!.n));
}

