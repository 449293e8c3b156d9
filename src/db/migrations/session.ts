import { setTimeout as sleep } from "node:timers/promises";
import type { MigrationConnection } from "./connection";
import { MigrationError } from "./errors";
import { PRISMA_MIGRATE_LOCK_KEY } from "./prisma-migrations-table";

const LOCK_POLL_MS = 250;

/**
 * Runs fn holding Prisma Migrate's session-level advisory lock, released afterwards even
 * when fn fails: the session may be a pooled connection that lives on.
 *
 * Polls pg_try_advisory_lock (same lock as Prisma's pg_advisory_lock) instead of blocking,
 * so that giving up needs no client-side timer that would leave a waiting query behind,
 * and no lock_timeout change to the session.
 */
export async function withAdvisoryLock<T>(conn: MigrationConnection, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await conn.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY}) AS locked`);
    if (row?.locked === true) break;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        "P1002",
        `Timed out after ${timeoutMs} ms trying to acquire the migration advisory lock (pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})): another process is migrating this database`,
      );
    }
    await sleep(LOCK_POLL_MS);
  }

  let result: T;
  try {
    result = await fn();
  } catch (err) {
    // Keep fn's error; a failing unlock here means the session is gone, lock with it.
    await unlock(conn).catch(() => undefined);
    throw err;
  }
  await unlock(conn);
  return result;
}

async function unlock(conn: MigrationConnection): Promise<void> {
  await conn.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK_KEY})`);
}

/** Runs fn with statement_timeout off for this session, then puts the previous value back. */
export async function withoutStatementTimeout<T>(conn: MigrationConnection, fn: () => Promise<T>): Promise<T> {
  const [row] = await conn.query<{ value: string }>(`SELECT current_setting('statement_timeout') AS value`);
  const previous = row?.value ?? "0";
  if (previous === "0") return fn();
  await conn.query(`SELECT set_config('statement_timeout', '0', false)`);
  try {
    return await fn();
  } finally {
    await conn.query(`SELECT set_config('statement_timeout', $1, false)`, [previous]).catch(() => undefined);
  }
}
