import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory, DriverAdapterError } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiagnoseMigrationHistoryOutput, DiffTarget, MigrationList } from "@prisma/schema-engine-wasm" with { "resolution-mode": "import" };
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadSchemaEngineWasm, takeEnginePanic } from "./engine-wasm";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, MIGRATION_SCRIPT_FILE, readMigrationsFolder } from "./migrations-dir";
import { createScratchPglite } from "./scratch-pglite";

/**
 * Prisma's schema engine (WebAssembly build) driven through driver adapters, with no
 * native engine: the schema diffs behind `npm run db:migration` and the drift test, and
 * Prisma's own `migrate deploy` / history diagnosis, which the tests use to prove that our
 * runner and Prisma read and write the same `_prisma_migrations`. The shadow database is
 * always a throw-away in-memory PGlite (@prisma/adapter-pg as a shadow leaks its pool).
 * Development tooling only.
 */

export interface SchemaDiff {
  /** True when nothing separates the two schemas. */
  empty: boolean;
  /** SQL that takes the `from` side to the `to` side ("-- This is an empty migration." if none). */
  script: string;
}

export interface SchemaEngineSession {
  /** The SQL a new migration needs: what the migrations folder builds → schema.prisma. */
  diffMigrationsToSchema(migrationsDir: string, schemaPath: string): Promise<SchemaDiff>;
  /** Drift of the live database (the `database` given to openSchemaEngine) → schema.prisma. */
  diffDatabaseToSchema(schemaPath: string): Promise<SchemaDiff>;
  /** Prisma's own view of the database's migration history (what `migrate status` reads). */
  diagnoseHistory(migrationsDir: string): Promise<DiagnoseMigrationHistoryOutput>;
  /** Prisma's own `migrate deploy` on the database; returns the names it applied. */
  applyMigrations(migrationsDir: string): Promise<string[]>;
  /** Frees the engine and closes what it opened; without it the process lingers. */
  close(): Promise<void>;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * @param opts.database the live database the engine connects to (diffDatabaseToSchema);
 *   by default a scratch PGlite, which the migrations diff only asks for its version.
 */
export async function openSchemaEngine(opts: { database?: SqlDriverAdapterFactory; onLog?: (line: string) => void } = {}): Promise<SchemaEngineSession> {
  const { SchemaEngine } = loadSchemaEngineWasm();
  const opened: PGlite[] = [];
  const main: SqlDriverAdapterFactory = opts.database ?? {
    provider: "postgres",
    adapterName: "scratch-pglite",
    connect: async () => {
      const db = await createScratchPglite();
      opened.push(db);
      return pgliteAdapter(db, await new PrismaPGlite(db).connect());
    },
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => {
      const db = await createScratchPglite();
      return pgliteAdapter(db, await new PrismaPGlite(db).connect(), () => db.close());
    },
  };
  const engine = await SchemaEngine.new({ datamodels: undefined }, opts.onLog ?? (() => undefined), bindMigrationAwareSqlAdapterFactory(factory));

  async function call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      const panic = takeEnginePanic();
      throw panic ? new Error(`the schema engine panicked: ${panic}`, { cause: err }) : err;
    }
  }

  async function diff(from: DiffTarget, to: DiffTarget): Promise<SchemaDiff> {
    // exitCode 2 means "not empty" (`prisma migrate diff --exit-code`).
    const result = await call(() => engine.diff({ from, to, script: true, exitCode: true, filters: NO_FILTERS }));
    return { empty: result.exitCode === 0, script: result.stdout ?? "" };
  }

  return {
    diffMigrationsToSchema: (migrationsDir, schemaPath) =>
      diff({ tag: "migrations", ...migrationList(migrationsDir) }, { tag: "schemaDatamodel", files: schemaFiles(schemaPath) }),
    diffDatabaseToSchema: (schemaPath) =>
      diff(
        { tag: "schemaDatasource", files: schemaFiles(schemaPath), configDir: path.dirname(path.resolve(schemaPath)) },
        { tag: "schemaDatamodel", files: schemaFiles(schemaPath) },
      ),
    diagnoseHistory: (migrationsDir) =>
      call(() => engine.diagnoseMigrationHistory({ migrationsList: migrationList(migrationsDir), optInToShadowDatabase: false, filters: NO_FILTERS })),
    applyMigrations: async (migrationsDir) =>
      (await call(() => engine.applyMigrations({ migrationsList: migrationList(migrationsDir), filters: NO_FILTERS }))).appliedMigrationNames,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((db) => db.close()));
    },
  };
}

/** A driver adapter factory for a PGlite the caller owns (and closes). */
export function pgliteAdapterFactory(db: PGlite): SqlDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "pglite",
    connect: async () => pgliteAdapter(db, await new PrismaPGlite(db).connect()),
  };
}

function schemaFiles(schemaPath: string): { path: string; content: string }[] {
  const file = path.resolve(schemaPath);
  return [{ path: file, content: readFileSync(file, "utf8") }];
}

/**
 * A folder that does not exist yet is an empty history (before the first migration). The
 * engine takes the provider from migration_lock.toml: ours is always PostgreSQL.
 */
function migrationList(migrationsDir: string): MigrationList {
  const folder = existsSync(migrationsDir) ? readMigrationsFolder(migrationsDir) : { dir: migrationsDir, lockfile: null, migrations: [] };
  return {
    baseDir: folder.dir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: folder.lockfile ?? MIGRATION_LOCK_CONTENT },
    shadowDbInitScript: "",
    migrationDirectories: folder.migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: MIGRATION_SCRIPT_FILE, content: { tag: "ok", value: m.script } },
    })),
  };
}

/**
 * pglite-prisma-adapter 0.7.2 starts executeScript's exec without awaiting it, so a
 * failing migration looks applied; this one awaits and reports the PostgreSQL error.
 */
function pgliteAdapter(db: PGlite, inner: SqlDriverAdapter, onDispose?: () => Promise<void>): SqlDriverAdapter {
  const getConnectionInfo = inner.getConnectionInfo?.bind(inner);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    ...(getConnectionInfo ? { getConnectionInfo } : {}),
    async executeScript(script) {
      try {
        await db.exec(script);
      } catch (err) {
        throw toDriverAdapterError(err);
      }
    },
    async dispose() {
      await inner.dispose();
      await onDispose?.();
    },
  };
}

/** A PostgreSQL error as driver adapters report it, so the engine shows its message. */
export function toDriverAdapterError(err: unknown): unknown {
  if (typeof err !== "object" || err === null) return err;
  const e = err as { code?: unknown; message?: unknown; severity?: unknown; detail?: unknown; hint?: unknown; column?: unknown };
  if (typeof e.code !== "string" || typeof e.message !== "string") return err;
  const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: text(e.severity) ?? "ERROR",
    message: e.message,
    detail: text(e.detail),
    column: text(e.column),
    hint: text(e.hint),
  });
}
