import { randomBytes } from "node:crypto";
import pino from "pino";
import request from "supertest";
import { createApp } from "../../src/app";
import type { Database } from "../../src/db/database";
import { openEmbeddedDatabase } from "../../src/db/embedded";
import { defaultMigrationsDir, listMigrationNames } from "../../src/db/migrations/migrations-dir";
import { CREATE_MIGRATIONS_TABLE_SQL } from "../../src/db/migrations/prisma-migrations-table";
import { openServerDatabase } from "../../src/db/server";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("http-basics");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

describe("health", () => {
  it("GET /healthz answers 200 without auth", async () => {
    await request(t.app).get("/healthz").expect(200, { status: "ok" });
  });

  it("GET /readyz answers 200 when the database is reachable and migrated", async () => {
    const res = await request(t.app).get("/readyz").expect(200);
    expect(res.body).toMatchObject({ status: "ok", database: "ok", migrations: "applied" });
  });

  describe("on a database that is behind the code", () => {
    // A database of its own, whose migration history the test writes by hand: on the
    // server a schema of the run's database (search_path), embedded a new in-memory one.
    let db: Database;
    let dropSchema: (() => Promise<void>) | undefined;
    const names = listMigrationNames(defaultMigrationsDir());
    const last = names.at(-1)!;

    beforeAll(async () => {
      const url = process.env.CLAIMTRAIL_TEST_DB_URL;
      if (url) {
        const schema = `readyz_${randomBytes(4).toString("hex")}`;
        await t.db.query(`CREATE SCHEMA ${schema}`, []);
        dropSchema = async () => void (await t.db.query(`DROP SCHEMA ${schema} CASCADE`, []));
        const scoped = new URL(url);
        scoped.searchParams.set("options", `-c search_path=${schema}`);
        db = await openServerDatabase({ url: scoped.toString(), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 15000, log: pino({ level: "silent" }) });
      } else {
        db = await openEmbeddedDatabase({ transactionTimeoutMs: 15000 });
      }
    });
    afterAll(async () => {
      await db.close();
      await dropSchema?.();
    });

    const record = (name: string, finished: boolean) =>
      db.query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, ${finished ? "now()" : "NULL"}, $3, $4)`,
        [randomBytes(16).toString("hex"), "0".repeat(64), name, finished ? 1 : 0],
      );

    it("GET /readyz answers 503 not_ready naming the pending migrations, and 200 once they are applied", async () => {
      const app = createApp({ config: t.config, db, log: t.log });
      // No history at all: every migration is pending.
      const none = await request(app).get("/readyz").expect(503);
      expect(none.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(none.body).toMatchObject({ code: "not_ready", database: "ok", migrations: { pending: names, failed: [] } });

      await db.withSession((conn) => conn.exec(CREATE_MIGRATIONS_TABLE_SQL));
      for (const name of names.slice(0, -1)) await record(name, true);
      const behind = await request(app).get("/readyz").expect(503);
      expect(behind.body).toMatchObject({ code: "not_ready", detail: "Database migrations are not all applied.", migrations: { pending: [last], failed: [] } });

      // A failed attempt of the last one (the deployment's migration broke) is not ready either.
      await record(last, false);
      const failed = await request(app).get("/readyz").expect(503);
      expect(failed.body).toMatchObject({ code: "not_ready", migrations: { pending: [], failed: [last] } });

      await db.query(`UPDATE _prisma_migrations SET finished_at = now() WHERE migration_name = $1`, [last]);
      await request(app).get("/readyz").expect(200);
    });
  });
});

describe("errors and request ids", () => {
  it("answers an unknown route with 404 problem+json", async () => {
    const res = await request(t.app).get("/nope").expect(404);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.stringContaining("route-not-found"), title: "Not Found", status: 404, code: "route_not_found" });
  });

  it("puts a request id on every response and in the problem body", async () => {
    const res = await request(t.app).get("/v1/claims").expect(401);
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers["x-request-id"]);
  });

  it("keeps a well-formed X-Request-Id from the caller and replaces a malformed one", async () => {
    const kept = await request(t.app).get("/healthz").set("X-Request-Id", "cms-123.abc").expect(200);
    expect(kept.headers["x-request-id"]).toBe("cms-123.abc");
    const replaced = await request(t.app).get("/healthz").set("X-Request-Id", "bad id\twith junk").expect(200);
    expect(replaced.headers["x-request-id"]).not.toContain("junk");
  });

  it("sends security headers", async () => {
    const res = await request(t.app).get("/healthz");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("answers a non-JSON body with 415 and malformed JSON with 400", async () => {
    const key = { Authorization: `Bearer ${org.keys.admin}` };
    const a = await request(t.app).post("/v1/claims").set(key).set("Content-Type", "text/plain").send("hello").expect(415);
    expect(a.body.code).toBe("unsupported_media_type");
    const b = await request(t.app).post("/v1/claims").set(key).set("Content-Type", "application/json").send("{nope").expect(400);
    expect(b.body.code).toBe("malformed_json");
  });
});
