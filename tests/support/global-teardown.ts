import { rmSync } from "node:fs";
import pg from "pg";

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const dbName = process.env.CLAIMTRAIL_TEST_DB_NAME;
  if (serverUrl && dbName) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  const runDir = process.env.CLAIMTRAIL_TEST_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
