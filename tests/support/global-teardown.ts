import { rmSync } from "node:fs";
import pg from "pg";
import { findLeakedSecrets } from "./test-secrets";

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const dbName = process.env.CLAIMTRAIL_TEST_DB_NAME;
  if (serverUrl && dbName) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  // The whole suite's logs must not contain any key or password the tests created.
  const leaks = process.env.CLAIMTRAIL_TEST_RUN_DIR ? findLeakedSecrets() : [];
  const runDir = process.env.CLAIMTRAIL_TEST_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  if (leaks.length > 0) {
    throw new Error(`secrets found in test logs: ${leaks.map((l) => `${l.secret} in ${l.file}`).join(", ")}`);
  }
}
