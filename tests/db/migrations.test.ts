/**
 * Migrations: the folder builds exactly prisma/schema.prisma (no drift), and the runner
 * keeps Prisma Migrate's `_prisma_migrations` contract. Runs on an in-memory PGlite
 * always, and on a PostgreSQL server too when TEST_DATABASE_URL is set (each test gets a
 * scratch database `ct_mig_<random>` there, dropped afterwards).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { openSchemaEngine, pgliteAdapterFactory } from "../../src/db/migrations/engine";
import { pgAdapterFactory } from "../../src/db/migrations/engine-pg";
import { listMigrationNames } from "../../src/db/migrations/migrations-dir";
import { applyMigrations, migrationStatus, pgliteMigrationConnection, pgMigrationConnection } from "../../src/db/migrations/runner";
import type { MigrationConnection, MigrationLog } from "../../src/db/migrations/runner";
import { createScratchPglite } from "../../src/db/migrations/scratch-pglite";

const ROOT = path.resolve(__dirname, "../..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
const MIGRATIONS = listMigrationNames(MIGRATIONS_DIR);
const ENGINE_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------
// Databases under test
// ---------------------------------------------------------------------------------------

interface TestDb {
  conn: MigrationConnection;
  /** The same database as the schema engine reaches it (drift checks). */
  engineDatabase(): SqlDriverAdapterFactory;
  /** Another session on the same database (PostgreSQL server only). */
  openSession?(): Promise<{ conn: MigrationConnection; close(): Promise<void> }>;
  close(): Promise<void>;
}

interface Target {
  name: string;
  create(): Promise<TestDb>;
}

const pgliteTarget: Target = {
  name: "PGlite",
  async create() {
    const db = await createScratchPglite();
    return { conn: pgliteMigrationConnection(db), engineDatabase: () => pgliteAdapterFactory(db), close: () => db.close() };
  },
};

function serverTarget(adminUrl: string): Target {
  return {
    name: "PostgreSQL server",
    async create() {
      const name = `ct_mig_${randomBytes(6).toString("hex")}`;
      await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const pools: pg.Pool[] = [];
      const others: pg.Client[] = [];
      return {
        conn: pgMigrationConnection(client),
        engineDatabase() {
          const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
          pools.push(pool);
          return pgAdapterFactory(pool);
        },
        async openSession() {
          const other = new pg.Client({ connectionString: url.toString() });
          await other.connect();
          others.push(other);
          return { conn: pgMigrationConnection(other), close: () => other.end() };
        },
        async close() {
          await client.end();
          await Promise.all([...pools.map((p) => p.end()), ...others.map((c) => c.end().catch(() => undefined))]);
          await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

const targets: Target[] = [pgliteTarget];
if (process.env.TEST_DATABASE_URL) targets.push(serverTarget(process.env.TEST_DATABASE_URL));

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function collectingLog(): { log: MigrationLog; warnings: { obj: object; msg?: string }[] } {
  const warnings: { obj: object; msg?: string }[] = [];
  return { warnings, log: { info: () => undefined, warn: (obj, msg) => warnings.push({ obj, msg }) } };
}

/** A copy of the migrations folder that a test may change. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ct-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
}

function records(conn: MigrationConnection): Promise<Row[]> {
  return conn.query<Row>(
    `SELECT id, checksum, migration_name, logs, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back,
            applied_steps_count FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}

async function expectSqlError(conn: MigrationConnection, sql: string, params: unknown[], pattern: RegExp): Promise<void> {
  await expect(conn.query(sql, params)).rejects.toThrow(pattern);
}

/** One organization with a claim, an article, a revision and an appearance of the claim. */
async function insertFixture(conn: MigrationConnection, statement: string, quote: string) {
  const ids = { org: randomUUID(), claim: randomUUID(), article: randomUUID(), revision: randomUUID(), appearance: randomUUID() };
  await conn.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, $2, 'Test newsroom')`, [ids.org, `org-${ids.org}`]);
  await conn.query(
    `INSERT INTO claims ("organizationId", id, statement, kind, fidelity, "updatedAt") VALUES ($1, $2, $3, 'statement', 'verbatim', now())`,
    [ids.org, ids.claim, statement],
  );
  await conn.query(
    `INSERT INTO articles ("organizationId", id, url, title, language, "updatedAt") VALUES ($1, $2, 'https://example.org/a', 'A title', 'en', now())`,
    [ids.org, ids.article],
  );
  await conn.query(
    `INSERT INTO article_revisions ("organizationId", id, "articleId", number, text, "textHash") VALUES ($1, $2, $3, 1, $4, repeat('ab', 32))`,
    [ids.org, ids.revision, ids.article, quote],
  );
  await conn.query(
    `INSERT INTO claim_appearances ("organizationId", id, "claimId", "articleId", "revisionId", exact, start, "end", "lastGoodRevisionId", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $5, now())`,
    [ids.org, ids.appearance, ids.claim, ids.article, ids.revision, quote, quote.length],
  );
  return ids;
}

/** The table as Prisma's engine creates it (CREATE TABLE _prisma_migrations in sql-schema-connector). */
const PRISMA_MIGRATIONS_TABLE = {
  columns: [
    ["id", "character varying", 36, "NO", null],
    ["checksum", "character varying", 64, "NO", null],
    ["finished_at", "timestamp with time zone", null, "YES", null],
    ["migration_name", "character varying", 255, "NO", null],
    ["logs", "text", null, "YES", null],
    ["rolled_back_at", "timestamp with time zone", null, "YES", null],
    ["started_at", "timestamp with time zone", null, "NO", "now()"],
    ["applied_steps_count", "integer", null, "NO", "0"],
  ],
  primaryKey: ["id"],
};

async function migrationsTableShape(conn: MigrationConnection): Promise<typeof PRISMA_MIGRATIONS_TABLE> {
  const columns = await conn.query<{ name: string; type: string; max_length: number | null; nullable: string; default: string | null }>(
    `SELECT column_name AS name, data_type AS type, character_maximum_length AS max_length, is_nullable AS nullable, column_default AS "default"
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' AND table_schema = current_schema()
      ORDER BY ordinal_position`,
  );
  const primaryKey = await conn.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
  );
  return {
    columns: columns.map((c) => [c.name, c.type, c.max_length, c.nullable, c.default]),
    primaryKey: primaryKey.map((c) => c.name),
  };
}

async function claimsMatching(conn: MigrationConnection, orgId: string, query: string): Promise<string[]> {
  const rows = await conn.query<{ id: string }>(
    `SELECT id FROM claims WHERE "organizationId" = $1 AND search_vector @@ websearch_to_tsquery('english', $2)`,
    [orgId, query],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------

test("the migrations folder builds exactly prisma/schema.prisma (engine, in-memory PGlite shadow)", async () => {
  const engine = await openSchemaEngine();
  try {
    const diff = await engine.diffMigrationsToSchema(MIGRATIONS_DIR, SCHEMA);
    // The drift itself is the useful failure message: it is the SQL of the missing migration.
    expect(diff.empty ? "" : diff.script).toBe("");
  } finally {
    await engine.close();
  }
}, ENGINE_TIMEOUT_MS);

describe.each(targets)("migrations on $name", (target) => {
  describe("a database migrated from empty", () => {
    let db: TestDb;
    let firstRun: { applied: string[] };
    const { log, warnings } = collectingLog();

    beforeAll(async () => {
      db = await target.create();
      firstRun = await applyMigrations(db.conn, { migrationsDir: MIGRATIONS_DIR, log });
    }, ENGINE_TIMEOUT_MS);
    afterAll(() => db?.close());

    test("applies every migration, in order, without warnings", () => {
      expect(MIGRATIONS.length).toBeGreaterThan(0);
      expect(firstRun.applied).toEqual(MIGRATIONS);
      expect(warnings).toEqual([]);
    });

    test("has Prisma's _prisma_migrations table, column for column", async () => {
      expect(await migrationsTableShape(db.conn)).toEqual(PRISMA_MIGRATIONS_TABLE);
    });

    test("records each migration as finished, one step, checksum = sha256 of migration.sql", async () => {
      const rows = await records(db.conn);
      expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS);
      for (const row of rows) {
        const bytes = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row).toEqual({
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          checksum: createHash("sha256").update(bytes).digest("hex"),
          migration_name: row.migration_name,
          logs: null,
          finished: true,
          rolled_back: false,
          applied_steps_count: 1,
        });
      }
    });

    test("a second run applies nothing, and the status is ok", async () => {
      expect(await applyMigrations(db.conn, { migrationsDir: MIGRATIONS_DIR, log })).toEqual({ applied: [] });
      expect(await records(db.conn)).toHaveLength(MIGRATIONS.length);
      expect(await migrationStatus(db.conn, { migrationsDir: MIGRATIONS_DIR })).toEqual({ pending: [], failed: [], ok: true });
    });

    test("releases Prisma's advisory lock", async () => {
      const [row] = await db.conn.query<{ held: number }>(
        `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND pid = pg_backend_pid()`,
      );
      expect(row?.held).toBe(0);
    });

    test(
      "has no drift: the engine finds nothing between the database and schema.prisma",
      async () => {
        const engine = await openSchemaEngine({ database: db.engineDatabase() });
        try {
          const diff = await engine.diffDatabaseToSchema(SCHEMA);
          expect(diff.empty ? "" : diff.script).toBe("");
        } finally {
          await engine.close();
        }
      },
      ENGINE_TIMEOUT_MS,
    );

    test(
      "Prisma's own engine reads this history as complete and applies nothing",
      async () => {
        const engine = await openSchemaEngine({ database: db.engineDatabase() });
        try {
          expect(await engine.diagnoseHistory(MIGRATIONS_DIR)).toEqual({
            editedMigrationNames: [],
            failedMigrationNames: [],
            hasMigrationsTable: true,
            history: null,
          });
          expect(await engine.applyMigrations(MIGRATIONS_DIR)).toEqual([]);
        } finally {
          await engine.close();
        }
      },
      ENGINE_TIMEOUT_MS,
    );

    test("events are append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
      const { org, claim } = await insertFixture(db.conn, "Events are forever", "forever");
      await db.conn.query(
        `INSERT INTO events ("organizationId", id, seq, "actorType", action, "entityType", "entityId", "prevHash", hash)
         VALUES ($1, $2, 1, 'system', 'claim.created', 'claim', $3, repeat('0', 64), repeat('a', 64))`,
        [org, randomUUID(), claim],
      );
      await expectSqlError(db.conn, `UPDATE events SET action = 'rewritten' WHERE "organizationId" = $1`, [org], /events are append-only/);
      await expectSqlError(db.conn, `DELETE FROM events WHERE "organizationId" = $1`, [org], /events are append-only/);
      // Statement-level: refused even when no row would be touched.
      await expectSqlError(db.conn, `DELETE FROM events WHERE false`, [], /events are append-only/);
      await expectSqlError(db.conn, `TRUNCATE events`, [], /events are append-only/);
      const [row] = await db.conn.query<{ action: string }>(`SELECT action FROM events WHERE "organizationId" = $1`, [org]);
      expect(row?.action).toBe("claim.created");
    });

    test("article revisions are immutable: their text, hash and number cannot be updated", async () => {
      const { revision } = await insertFixture(db.conn, "Revisions stay", "stay");
      const refused = /article revisions are immutable/;
      await expectSqlError(db.conn, `UPDATE article_revisions SET text = 'rewritten' WHERE id = $1`, [revision], refused);
      await expectSqlError(db.conn, `UPDATE article_revisions SET "textHash" = repeat('cd', 32) WHERE id = $1`, [revision], refused);
      await expectSqlError(db.conn, `UPDATE article_revisions SET number = 7 WHERE id = $1`, [revision], refused);
      // An UPDATE that changes nothing is harmless and allowed.
      await db.conn.query(`UPDATE article_revisions SET text = text WHERE id = $1`, [revision]);
      const [row] = await db.conn.query<{ text: string; number: number }>(`SELECT text, number FROM article_revisions WHERE id = $1`, [revision]);
      expect(row).toEqual({ text: expect.stringContaining("stay"), number: 1 });
    });

    test("CHECK constraints refuse rows no code path should write", async () => {
      const { org, claim, article, revision } = await insertFixture(db.conn, "Checks hold", "checks");
      const violation = /violates check constraint/;
      await expectSqlError(db.conn, `UPDATE claims SET statement = '   ' WHERE id = $1`, [claim], violation);
      await expectSqlError(db.conn, `UPDATE claims SET version = 0 WHERE id = $1`, [claim], violation);
      await expectSqlError(
        db.conn,
        `INSERT INTO claim_appearances ("organizationId", id, "claimId", "articleId", "revisionId", exact, start, "end", "lastGoodRevisionId", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, 'x', 5, 5, $5, now())`,
        [org, randomUUID(), claim, article, revision],
        violation,
      );
      await expectSqlError(
        db.conn,
        `INSERT INTO article_revisions ("organizationId", id, "articleId", number, text, "textHash") VALUES ($1, $2, $3, 2, 'x', 'ABC')`,
        [org, randomUUID(), article],
        violation,
      );
      await expectSqlError(
        db.conn,
        `INSERT INTO idempotency_keys ("organizationId", key, method, path, "requestHash", "createdAt", "expiresAt")
         VALUES ($1, 'k', 'POST', '/x', 'h', now(), now() - interval '1 second')`,
        [org],
        violation,
      );
      const sourceId = randomUUID();
      await db.conn.query(
        `INSERT INTO sources ("organizationId", id, name, "searchText", type, "updatedAt") VALUES ($1, $2, 'Ministry', 'ministry', 'government', now())`,
        [org, sourceId],
      );
      await expectSqlError(db.conn, `UPDATE sources SET "mergedIntoId" = id WHERE id = $1`, [sourceId], violation);
      await expectSqlError(
        db.conn,
        `INSERT INTO attribution_links ("organizationId", id, "claimId", position, "sourceId", role, "cueStart", "speechAct") VALUES ($1, $2, $3, 0, $4, 'speaker', 3, 'asserts')`,
        [org, randomUUID(), claim, sourceId],
        violation,
      );
    });

    test("claims.search_vector follows the statement and the quotes of the claim's appearances", async () => {
      const { org, claim, appearance } = await insertFixture(db.conn, "Unemployment fell sharply", "The minister said inflation doubled");
      expect(await claimsMatching(db.conn, org, "unemployment")).toEqual([claim]);
      expect(await claimsMatching(db.conn, org, "inflation")).toEqual([claim]);

      await db.conn.query(`UPDATE claim_appearances SET exact = 'Wages rose' WHERE id = $1`, [appearance]);
      expect(await claimsMatching(db.conn, org, "inflation")).toEqual([]);
      expect(await claimsMatching(db.conn, org, "wages")).toEqual([claim]);

      await db.conn.query(`UPDATE claims SET statement = 'Employment rose' WHERE id = $1`, [claim]);
      expect(await claimsMatching(db.conn, org, "unemployment")).toEqual([]);
      expect(await claimsMatching(db.conn, org, "employment")).toEqual([claim]);

      await db.conn.query(`DELETE FROM claim_appearances WHERE id = $1`, [appearance]);
      expect(await claimsMatching(db.conn, org, "wages")).toEqual([]);

      // The application cannot write a stale document: any write of the column is recomputed.
      await db.conn.query(`UPDATE claims SET search_vector = to_tsvector('english', 'bogus') WHERE id = $1`, [claim]);
      expect(await claimsMatching(db.conn, org, "bogus")).toEqual([]);

      // Trigram similarity (pg_trgm) on the statement tolerates typos.
      const similar = await db.conn.query<{ id: string }>(`SELECT id FROM claims WHERE "organizationId" = $1 AND statement % 'Employmnt rose'`, [org]);
      expect(similar.map((r) => r.id)).toEqual([claim]);

      // Deleting a claim cascades to its appearances, whose trigger then finds no claim.
      await db.conn.query(`DELETE FROM claims WHERE id = $1`, [claim]);
    });

    test("stored claim renders and event payloads are lz4-compressed where the build has lz4, pglz elsewhere", async () => {
      const [build] = await db.conn.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
      const columns = await db.conn.query<{ col: string; method: string }>(
        `SELECT attrelid::regclass::text || '.' || attname AS col, attcompression::text AS method FROM pg_attribute
         WHERE (attrelid = 'claim_renders'::regclass AND attname = 'json') OR (attrelid = 'events'::regclass AND attname IN ('before', 'after'))
         ORDER BY 1`,
      );
      // attcompression: 'l' = lz4, '' = the default (pglz).
      const expected = build?.lz4 ? "l" : "";
      expect(columns).toEqual(["claim_renders.json", "events.after", "events.before"].map((col) => ({ col, method: expected })));
    });

    test("the rate-limit counters, and only they, are unlogged (no WAL flush for the hit every request counts)", async () => {
      const unlogged = await db.conn.query<{ rel: string }>(
        `SELECT c.relname AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relpersistence = 'u' ORDER BY c.relname COLLATE "C"`,
      );
      expect(unlogged.map((r) => r.rel)).toEqual(["rate_limit_buckets", "rate_limit_buckets_expiresAt_idx", "rate_limit_buckets_pkey"]);
    });
  });

  test(
    "the drift check sees indexes and columns, but not CHECK constraints or triggers",
    async () => {
      const db = await target.create();
      try {
        await applyMigrations(db.conn, { migrationsDir: MIGRATIONS_DIR, log: collectingLog().log });
        await db.conn.exec(`ALTER TABLE claims DROP CONSTRAINT claims_statement_not_blank;
                            DROP TRIGGER events_append_only ON events;
                            DROP TRIGGER claims_search_vector_refresh ON claims;`);
        const engine = await openSchemaEngine({ database: db.engineDatabase() });
        try {
          expect((await engine.diffDatabaseToSchema(SCHEMA)).empty).toBe(true);
          await db.conn.exec(`DROP INDEX claims_search_vector_idx;`);
          const diff = await engine.diffDatabaseToSchema(SCHEMA);
          expect(diff.empty).toBe(false);
          expect(diff.script).toContain(`CREATE INDEX "claims_search_vector_idx" ON "claims" USING GIN ("search_vector")`);
        } finally {
          await engine.close();
        }
      } finally {
        await db.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  describe("with a migrations folder a test changes", () => {
    let db: TestDb;
    let dir: string;
    beforeEach(async () => {
      db = await target.create();
      dir = copyOfMigrations();
    }, ENGINE_TIMEOUT_MS);
    afterEach(async () => {
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test(
      "a history written by Prisma's own engine is accepted as it is",
      async () => {
        const engine = await openSchemaEngine({ database: db.engineDatabase() });
        try {
          expect(await engine.applyMigrations(dir)).toEqual(MIGRATIONS);
        } finally {
          await engine.close();
        }
        expect(await migrationsTableShape(db.conn)).toEqual(PRISMA_MIGRATIONS_TABLE);
        const { log, warnings } = collectingLog();
        expect(await applyMigrations(db.conn, { migrationsDir: dir, log })).toEqual({ applied: [] });
        expect(warnings).toEqual([]);
        expect(await migrationStatus(db.conn, { migrationsDir: dir })).toEqual({ pending: [], failed: [], ok: true });
      },
      ENGINE_TIMEOUT_MS,
    );

    test("a failing migration is rolled back, recorded with its logs, and blocks later runs until resolved", async () => {
      const broken = "29991231000000_broken";
      const next = "29991231000001_next";
      addMigration(dir, broken, `CREATE TABLE "half_done" (x int);\nSELECT 1/0;\n`);

      await expect(applyMigrations(db.conn, { migrationsDir: dir })).rejects.toMatchObject({ code: "P3018", migration: broken });
      const failed = (await records(db.conn)).find((r) => r.migration_name === broken);
      expect(failed).toMatchObject({ finished: false, rolled_back: false, applied_steps_count: 0 });
      expect(failed?.logs).toContain("Database error code: 22012");
      expect(failed?.logs).toContain("division by zero");
      // The script ran as one transaction: its first statement was undone too.
      const [half] = await db.conn.query<{ exists: boolean }>(`SELECT to_regclass('half_done') IS NOT NULL AS "exists"`);
      expect(half?.exists).toBe(false);

      addMigration(dir, next, `CREATE TABLE "next_one" (x int);\n`);
      await expect(applyMigrations(db.conn, { migrationsDir: dir })).rejects.toMatchObject({ code: "P3009", migration: broken });
      // Prisma's own engine sees the same failed migration and refuses the same way.
      const engine = await openSchemaEngine({ database: db.engineDatabase() });
      try {
        expect((await engine.diagnoseHistory(dir)).failedMigrationNames).toEqual([broken]);
        await expect(engine.applyMigrations(dir)).rejects.toThrow(/found failed migrations/);
      } finally {
        await engine.close();
      }
      expect((await records(db.conn)).map((r) => r.migration_name)).not.toContain(next);
      expect(await migrationStatus(db.conn, { migrationsDir: dir })).toEqual({ pending: [next], failed: [broken], ok: false });

      // What `prisma migrate resolve --rolled-back` does, then a fixed script goes through.
      await db.conn.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL`, [broken]);
      writeFileSync(path.join(dir, broken, "migration.sql"), `CREATE TABLE "half_done" (x int);\n`);
      expect(await applyMigrations(db.conn, { migrationsDir: dir })).toEqual({ applied: [broken, next] });
      expect(await migrationStatus(db.conn, { migrationsDir: dir })).toEqual({ pending: [], failed: [], ok: true });
    }, ENGINE_TIMEOUT_MS);

    test("an applied migration edited afterwards is a loud warning, or a refusal on request", async () => {
      await applyMigrations(db.conn, { migrationsDir: dir });
      const first = MIGRATIONS[0] ?? "";
      const file = path.join(dir, first, "migration.sql");
      const original = readFileSync(file, "utf8");

      // Line endings changed by git on Windows are not an edit, as for Prisma.
      writeFileSync(file, original.replace(/\n/g, "\r\n"));
      const crlf = collectingLog();
      expect(await applyMigrations(db.conn, { migrationsDir: dir, log: crlf.log })).toEqual({ applied: [] });
      expect(crlf.warnings).toEqual([]);

      appendFileSync(file, "-- edited after it was applied\n");
      const edited = collectingLog();
      expect(await applyMigrations(db.conn, { migrationsDir: dir, log: edited.log })).toEqual({ applied: [] });
      expect(edited.warnings).toEqual([{ obj: { migrations: [first] }, msg: expect.stringContaining("modified after they were applied") }]);
      await expect(applyMigrations(db.conn, { migrationsDir: dir, onEditedMigration: "refuse" })).rejects.toMatchObject({ code: "EDITED_MIGRATION" });
    });

    test("refuses to start a history on a schema that already has tables (P3005)", async () => {
      await db.conn.exec(`CREATE TABLE stray (x int);`);
      await expect(applyMigrations(db.conn, { migrationsDir: dir })).rejects.toMatchObject({ code: "P3005" });
      const [row] = await db.conn.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
      expect(row?.exists).toBe(false);
    });

    if (target.name !== "PGlite") {
      test("concurrent runs apply each migration once (advisory lock)", async () => {
        const other = await db.openSession?.();
        if (!other) throw new Error("target has no second session");
        try {
          const results = await Promise.all([applyMigrations(db.conn, { migrationsDir: dir }), applyMigrations(other.conn, { migrationsDir: dir })]);
          expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([MIGRATIONS, []]);
          expect(await records(db.conn)).toHaveLength(MIGRATIONS.length);
        } finally {
          await other.close();
        }
      });

      test("waits for Prisma's lock, gives up with P1002, and leaves the session's statement_timeout as it was", async () => {
        const other = await db.openSession?.();
        if (!other) throw new Error("target has no second session");
        try {
          await other.conn.query(`SELECT pg_advisory_lock(72707369)`);
          await expect(applyMigrations(db.conn, { migrationsDir: dir, lockTimeoutMs: 600 })).rejects.toMatchObject({ code: "P1002" });
          await other.conn.query(`SELECT pg_advisory_unlock(72707369)`);

          await db.conn.query(`SET statement_timeout = '5s'`);
          expect((await applyMigrations(db.conn, { migrationsDir: dir })).applied).toEqual(MIGRATIONS);
          const [row] = await db.conn.query<{ value: string }>(`SELECT current_setting('statement_timeout') AS value`);
          expect(row?.value).toBe("5s");
        } finally {
          await other.close();
        }
      });
    }
  });
});
