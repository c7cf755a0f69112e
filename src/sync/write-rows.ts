/**
 * Writes a repository's rows as a difference: each row's `row_digest` (SHA-256 of its values) is compared with the
 * stored one, and only rows that are new, changed or gone are written. A changed row is deleted and inserted
 * again. Rows travel as one JSON parameter per batch, read with `jsonb_to_recordset`, which both engines run alike.
 */
import { createHash } from 'node:crypto';
import type { SqlSession } from '../db/database.js';
import type { Row, TableRows, TableName, TableSpec } from './tables.js';
import { TABLES } from './tables.js';

/** What a sync did to one table. */
export interface TableChange {
  inserted: number;
  updated: number;
  deleted: number;
}

/** Rows per statement: bounds the size of one JSON parameter. */
const BATCH = 2_000;

const quote = (name: string): string => `"${name}"`;

/**
 * Text the database accepts: PostgreSQL's `text` and `jsonb` refuse U+0000 and unpaired surrogates, which a file
 * may hold; each becomes U+FFFD.
 */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  return value;
}

/** A row with only its table's columns (absent ones `null`), made storable, and its digest. */
function prepare(table: TableSpec, row: Row): Row {
  const values = Object.fromEntries(table.columns.map(([name]) => [name, storable(row[name] ?? null)]));
  return { ...values, row_digest: createHash('sha256').update(JSON.stringify(table.columns.map(([name]) => values[name]))).digest('hex') };
}

const keyOf = (table: TableSpec, row: Row): string => JSON.stringify(table.key.map((k) => row[k]));

/**
 * Brings one repository's rows in every table to `rows`.
 * @param afterTable - called once a table is written (the fault-injection point of the killed-sync test)
 * @returns per table, the rows inserted, updated and deleted
 */
export async function writeRows(session: SqlSession, repositoryId: number, rows: TableRows, afterTable?: (table: TableName) => void): Promise<Record<TableName, TableChange>> {
  const changes = {} as Record<TableName, TableChange>;
  for (const table of TABLES) {
    changes[table.name] = await writeTable(session, repositoryId, table, rows[table.name]);
    afterTable?.(table.name);
  }
  return changes;
}

async function writeTable(session: SqlSession, repositoryId: number, table: TableSpec, wanted: readonly Row[]): Promise<TableChange> {
  const desired = new Map<string, Row>();
  for (const row of wanted) {
    const prepared = prepare(table, row);
    desired.set(keyOf(table, prepared), prepared);
  }
  const { rows: stored } = await session.query<Row>(`SELECT ${table.key.map(quote).join(', ')}, row_digest FROM ${table.name} WHERE repository_id = $1`, [repositoryId]);
  const storedRows = new Map(stored.map((row) => [keyOf(table, row), row]));
  const gone: Row[] = [];
  const changed: Row[] = [];
  let updated = 0;
  for (const [key, old] of storedRows) {
    const row = desired.get(key);
    if (!row) gone.push(old);
    else if (row.row_digest !== old.row_digest) {
      gone.push(row);
      updated++;
    }
  }
  for (const [key, row] of desired) if (storedRows.get(key)?.row_digest !== row.row_digest) changed.push(row);

  const types = new Map(table.columns);
  const keyColumns = table.key.map((k) => `${quote(k)} ${types.get(k)!}`).join(', ');
  for (let i = 0; i < gone.length; i += BATCH) {
    const batch = gone.slice(i, i + BATCH).map((row) => Object.fromEntries(table.key.map((k) => [k, row[k]])));
    await session.query(
      `DELETE FROM ${table.name} WHERE repository_id = $1 AND (${table.key.map(quote).join(', ')}) IN (SELECT ${table.key.map(quote).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${keyColumns}))`,
      [repositoryId, JSON.stringify(batch)],
    );
  }
  const names = [...table.columns.map(([name]) => quote(name)), 'row_digest'].join(', ');
  const definitions = [...table.columns.map(([name, type]) => `${quote(name)} ${type}`), 'row_digest text'].join(', ');
  for (let i = 0; i < changed.length; i += BATCH) {
    await session.query(`INSERT INTO ${table.name} (repository_id, ${names}) SELECT $1, ${names} FROM jsonb_to_recordset($2::jsonb) AS r(${definitions})`, [
      repositoryId,
      JSON.stringify(changed.slice(i, i + BATCH)),
    ]);
  }
  return { inserted: changed.length - updated, updated, deleted: gone.length - updated };
}
