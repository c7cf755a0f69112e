/** The PostgreSQL engine: one connection through `pg` (node-postgres). */
import pg from 'pg';
import { SpecguardError } from '../errors.js';
import type { Database, QueryResult, SqlSession } from './database.js';

/**
 * Connects to a PostgreSQL server.
 * @param url - a `postgres://` connection URL
 * @param location - the URL without its password, for messages
 * @throws SpecguardError `USAGE` when the server cannot be reached or refuses the login
 */
export async function openPostgres(url: string, location: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url, application_name: 'specguard' });
  try {
    await client.connect();
  } catch (error) {
    throw new SpecguardError('USAGE', `cannot connect to ${location}: ${(error as Error).message}`);
  }
  // A server that drops the connection later fails the statement in flight; it must not crash the process.
  client.on('error', () => undefined);
  const query = async <Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> => {
    const result = await client.query(sql, params as unknown[]);
    return { rows: result.rows as Row[], affected: result.rowCount ?? 0 };
  };
  // Without parameters, node-postgres sends the simple query protocol, which runs several statements.
  const script = async (sql: string): Promise<void> => {
    await client.query(sql);
  };
  return {
    engine: 'postgres',
    location,
    query,
    script,
    async transaction<T>(lockKey: string, work: (session: SqlSession) => Promise<T>): Promise<T> {
      await client.query('BEGIN');
      try {
        // Serializes transactions on one key (one repository) across every connection; released at COMMIT.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`specguard:${lockKey}`]);
        const result = await work({ query, script });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end(),
  };
}
