import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "../../src/db/embedded";
import { applyMigrations, pgliteMigrationConnection, pgMigrationConnection } from "../../src/db/migrations/runner";

/**
 * Prepares one migrated database for the whole run:
 * - TEST_DATABASE_URL set: a new database on that server, named for this run, so runs
 *   never see each other's data (dropped in global-teardown);
 * - otherwise: a migrated embedded database, dumped once so each test file starts from
 *   a copy in milliseconds instead of migrating again.
 * Tests give themselves their own organizations, so nothing is truncated between them.
 */
export default async function globalSetup(): Promise<void> {
  const runDir = path.join(os.tmpdir(), `claimtrail-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(runDir, { recursive: true });
  process.env.CLAIMTRAIL_TEST_RUN_DIR = runDir;
  // This run's logs and test secrets live in runDir: global-teardown searches them for leaks.
  mkdirSync(path.join(runDir, "logs"), { recursive: true });

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const dbName = `claimtrail_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await applyMigrations(pgMigrationConnection(client), {});
    await client.end();
    process.env.CLAIMTRAIL_TEST_DB_URL = url.toString();
    process.env.CLAIMTRAIL_TEST_DB_NAME = dbName;
    return;
  }

  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  await applyMigrations(pgliteMigrationConnection(pglite), {});
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const file = path.join(runDir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.CLAIMTRAIL_TEST_PGLITE_SNAPSHOT = file;
}
