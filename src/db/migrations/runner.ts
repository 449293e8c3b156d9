import type { MigrationConnection } from "./connection";
import { assertPostgresLockfile, checksumMatches, defaultMigrationsDir, listMigrationNames, readMigrationsFolder } from "./migrations-dir";
import type { MigrationScript } from "./migrations-dir";
import {
  CREATE_MIGRATIONS_TABLE_SQL,
  listMigrationRecords,
  migrationsTableExists,
  recordFailedStep,
  recordMigrationFinished,
  recordMigrationStarted,
  recordSuccessfulStep,
  userTablesInCurrentSchema,
} from "./prisma-migrations-table";
import type { MigrationRecord } from "./prisma-migrations-table";
import { MigrationError } from "./errors";
import { withAdvisoryLock, withoutStatementTimeout } from "./session";

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
 * schema engine (it cannot be downloaded where this service runs). The database it leaves
 * is one Prisma's own `migrate deploy` / `migrate status` accept, and the other way round.
 */

export type { MigrationConnection } from "./connection";
export { pgliteMigrationConnection, pgMigrationConnection } from "./connection";
export { MigrationError } from "./errors";
export type { MigrationErrorCode } from "./errors";

export interface MigrationLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  log?: MigrationLog;
  /**
   * How long to wait while another process holds the migration lock. Prisma gives up
   * after 10 s; replicas starting together wait longer here rather than crash-loop while
   * one of them runs a slow migration.
   */
  lockTimeoutMs?: number;
  /**
   * An applied migration whose migration.sql changed since. Prisma's `migrate deploy`
   * says nothing and `migrate dev` demands a reset; by default we warn loudly.
   */
  onEditedMigration?: "warn" | "refuse";
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

const RESOLVE_HELP =
  "Once the database is repaired, mark the failed attempt as rolled back so the fixed migration is applied again " +
  "(what `prisma migrate resolve --rolled-back <name>` does): " +
  "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL AND rolled_back_at IS NULL; " +
  "see https://pris.ly/d/migrate-resolve";

const defaultLog: MigrationLog = {
  info: () => undefined,
  // Warnings are about the integrity of the history: never swallow them.
  warn: (obj, msg) => console.warn(`[migrations] ${msg ?? ""}`, obj),
};

/**
 * Applies the migrations not yet applied, in order, each as one script (PostgreSQL runs a
 * multi-statement query atomically), under Prisma's advisory lock. Throws MigrationError:
 * P3005 (tables but no history), P3009 (a failed migration is recorded), P3018 (one failed
 * now, recorded with its logs), P1002 (lock timeout).
 *
 * On PGlite there is one session for everything, and advisory locks are re-entrant per
 * session: the lock cannot exclude a second concurrent call from the same process (the
 * data directory lock already excludes other processes). Call it once, at start-up.
 */
export async function applyMigrations(conn: MigrationConnection, opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? defaultLog;
  const folder = readMigrationsFolder(opts.migrationsDir ?? defaultMigrationsDir());
  assertPostgresLockfile(folder);

  return withAdvisoryLock(conn, opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, () =>
    // Migrations may rewrite big tables: the pool's per-statement timeout is not for them.
    withoutStatementTimeout(conn, async () => {
      await initializeHistory(conn);
      const records = await listMigrationRecords(conn);
      refuseIfFailed(records);
      checkHistory(folder.migrations, records, log, opts.onEditedMigration ?? "warn");

      // Prisma's rule: applied unless a record that was not rolled back has its name.
      const done = new Set(records.filter((r) => !r.rolled_back).map((r) => r.migration_name));
      const applied: string[] = [];
      for (const migration of folder.migrations.filter((m) => !done.has(m.name))) {
        await applyOne(conn, migration, log);
        applied.push(migration.name);
      }
      return { applied };
    }),
  );
}

/** For /readyz: cheap, read-only, takes no lock. */
export async function migrationStatus(
  conn: MigrationConnection,
  opts: { migrationsDir?: string } = {},
): Promise<{ pending: string[]; failed: string[]; ok: boolean }> {
  const names = listMigrationNames(opts.migrationsDir ?? defaultMigrationsDir());
  const records = (await migrationsTableExists(conn)) ? await listMigrationRecords(conn) : [];
  const done = new Set(records.filter((r) => !r.rolled_back).map((r) => r.migration_name));
  const pending = names.filter((name) => !done.has(name));
  const failed = records.filter(isFailed).map((r) => r.migration_name);
  return { pending, failed, ok: pending.length === 0 && failed.length === 0 };
}

async function initializeHistory(conn: MigrationConnection): Promise<void> {
  if (await migrationsTableExists(conn)) return;
  const tables = await userTablesInCurrentSchema(conn);
  if (tables.length > 0) {
    throw new MigrationError(
      "P3005",
      `The database schema is not empty (tables: ${tables.join(", ")}) and has no migration history. ` +
        "Baseline it first: https://pris.ly/d/migrate-baseline",
    );
  }
  await conn.exec(CREATE_MIGRATIONS_TABLE_SQL);
}

function isFailed(r: MigrationRecord): boolean {
  return !r.finished && !r.rolled_back;
}

function refuseIfFailed(records: MigrationRecord[]): void {
  const failed = records.filter(isFailed);
  if (failed.length === 0) return;
  const details = failed
    .map((r) => {
      const logs = r.logs?.trim();
      return `The \`${r.migration_name}\` migration started at ${r.started_at} failed${logs ? ` with the following logs:\n${logs}` : ""}`;
    })
    .join("\n");
  throw new MigrationError(
    "P3009",
    `migrate found failed migrations in the target database, new migrations will not be applied.\n${details}\n${RESOLVE_HELP}`,
    failed[0]?.migration_name,
  );
}

function checkHistory(migrations: MigrationScript[], records: MigrationRecord[], log: MigrationLog, onEdited: "warn" | "refuse"): void {
  const byName = new Map(records.filter((r) => !r.rolled_back).map((r) => [r.migration_name, r]));
  const edited = migrations.filter((m) => {
    const record = byName.get(m.name);
    return record !== undefined && record.checksum !== m.checksum && !checksumMatches(m.script, record.checksum);
  });
  if (edited.length > 0) {
    const names = edited.map((m) => m.name);
    const message =
      `applied migration(s) ${names.join(", ")} were modified after they were applied: the database may not match ` +
      "what the migrations folder describes. Restore the original migration.sql and put the change in a new migration.";
    if (onEdited === "refuse") throw new MigrationError("EDITED_MIGRATION", message, names[0]);
    log.warn({ migrations: names }, message);
  }

  const known = new Set(migrations.map((m) => m.name));
  const unknown = records.filter((r) => !r.rolled_back && !known.has(r.migration_name)).map((r) => r.migration_name);
  if (unknown.length > 0) {
    log.warn({ migrations: unknown }, "the database has applied migrations that this code's migrations folder does not contain (is this an older build?)");
  }
}

async function applyOne(conn: MigrationConnection, migration: MigrationScript, log: MigrationLog): Promise<void> {
  const started = Date.now();
  log.info({ migration: migration.name }, "applying migration");
  const id = await recordMigrationStarted(conn, migration.name, migration.checksum);
  try {
    await conn.exec(migration.script);
  } catch (err) {
    const logs = describeDatabaseError(err);
    // A script with its own BEGIN that failed leaves the session in an aborted
    // transaction; without this the failure could not even be recorded.
    await conn.exec("ROLLBACK").catch(() => undefined);
    await recordFailedStep(conn, id, logs);
    throw new MigrationError(
      "P3018",
      `A migration failed to apply. New migrations cannot be applied before the error is recovered from.\n\nMigration name: ${migration.name}\n\n${logs}\n\n${RESOLVE_HELP}`,
      migration.name,
      { cause: err },
    );
  }
  // One script is one step for Prisma: the count goes to 1, then the migration is finished.
  await recordSuccessfulStep(conn, id);
  await recordMigrationFinished(conn, id);
  log.info({ migration: migration.name, durationMs: Date.now() - started }, "applied migration");
}

interface DatabaseErrorFields {
  message: string;
  code?: unknown;
  detail?: unknown;
  hint?: unknown;
  where?: unknown;
  position?: unknown;
}

function isDatabaseError(err: unknown): err is DatabaseErrorFields {
  return typeof err === "object" && err !== null && typeof (err as { message?: unknown }).message === "string";
}

/** The text stored in `_prisma_migrations.logs`, shaped like Prisma's. */
export function describeDatabaseError(err: unknown): string {
  if (!isDatabaseError(err)) return `Database error:\n${String(err)}`;
  const lines: string[] = [];
  if (typeof err.code === "string") lines.push(`Database error code: ${err.code}`, "");
  lines.push("Database error:", `ERROR: ${err.message}`);
  if (typeof err.detail === "string" && err.detail) lines.push(`DETAIL: ${err.detail}`);
  if (typeof err.hint === "string" && err.hint) lines.push(`HINT: ${err.hint}`);
  if (typeof err.where === "string" && err.where) lines.push(`CONTEXT: ${err.where}`);
  if ((typeof err.position === "string" || typeof err.position === "number") && err.position !== "") {
    lines.push(`POSITION: ${String(err.position)}`);
  }
  return lines.join("\n");
}
