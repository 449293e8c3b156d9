import { randomUUID } from "node:crypto";
import type { MigrationConnection } from "./connection";

/**
 * Prisma Migrate's bookkeeping, statement for statement as its schema engine does it
 * (sql-schema-connector, PostgreSQL flavour), so that `prisma migrate deploy` / `status`
 * read what we write and we read what they write.
 */

/** Prisma's key for `pg_advisory_lock`: holding it keeps Prisma's own engine out too. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Verbatim from Prisma's engine. */
export const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationRecord {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  /** Text, for messages; the drivers disagree on how they return timestamps. */
  started_at: string;
  finished: boolean;
  rolled_back: boolean;
}

export async function migrationsTableExists(conn: MigrationConnection): Promise<boolean> {
  const [row] = await conn.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
  return row?.exists === true;
}

/** Tables in the current schema: Prisma refuses to start a history on a non-empty one. */
export async function userTablesInCurrentSchema(conn: MigrationConnection): Promise<string[]> {
  const rows = await conn.query<{ tablename: string }>(
    `SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

/** All records, oldest first, as Prisma lists them. */
export async function listMigrationRecords(conn: MigrationConnection): Promise<MigrationRecord[]> {
  return conn.query<MigrationRecord>(
    `SELECT id, checksum, migration_name, logs, started_at::text AS started_at,
            finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY _prisma_migrations.started_at ASC`,
  );
}

/** Inserted before the script runs, so a crash mid-way leaves a visible failed record. */
export async function recordMigrationStarted(conn: MigrationConnection, name: string, checksum: string): Promise<string> {
  const id = randomUUID();
  await conn.query(`INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`, [
    id,
    checksum,
    name,
  ]);
  return id;
}

export async function recordSuccessfulStep(conn: MigrationConnection, id: string): Promise<void> {
  await conn.query(`UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
}

export async function recordMigrationFinished(conn: MigrationConnection, id: string): Promise<void> {
  await conn.query(`UPDATE _prisma_migrations SET finished_at = now() WHERE id = $1`, [id]);
}

export async function recordFailedStep(conn: MigrationConnection, id: string, logs: string): Promise<void> {
  await conn.query(`UPDATE _prisma_migrations SET logs = $2 WHERE id = $1`, [id, logs]);
}
