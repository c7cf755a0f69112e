/**
 * The databases the database tests run against: the embedded engine (PGlite in a temporary folder) always, and a
 * real PostgreSQL server when `SPECGUARD_TEST_POSTGRES_URL` is set (`.ci/run` starts one), each test on a database
 * of its own created on that server and dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

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

/** The engines to run every database test on. */
export const ENGINES: readonly TestEngine[] = SERVER ? [embedded, postgres] : [embedded];
