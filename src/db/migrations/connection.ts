import type { PGlite } from "@electric-sql/pglite";
import type { Client, PoolClient, QueryConfig, QueryResultRow } from "pg";

/**
 * ONE dedicated database session. The migration runner relies on it being the same
 * session from start to end: the advisory lock it takes is session-level.
 */
export interface MigrationConnection {
  /** One statement, with $1… parameters. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A multi-statement script, sent as one simple query: PostgreSQL runs it atomically. */
  exec(script: string): Promise<void>;
}

// A migration must never be abandoned half-way by a client-side timer while the server
// keeps running it: we would record a failure for a script that later commits. pg takes
// a falsy per-query timeout as "use the pool's", so "none" is spelled as a day.
const MIGRATION_QUERY_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function pgMigrationConnection(client: PoolClient | Client): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const result = await client.query<QueryResultRow>(sql, params);
      return result.rows as unknown as T[];
    },
    async exec(script: string): Promise<void> {
      // No values: pg uses the simple query protocol, which accepts several statements.
      // (pg reads query_timeout per query; @types/pg does not declare it.)
      const query: QueryConfig & { query_timeout: number } = { text: script, query_timeout: MIGRATION_QUERY_TIMEOUT_MS };
      await client.query(query);
    },
  };
}

export function pgliteMigrationConnection(db: PGlite): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
  };
}
