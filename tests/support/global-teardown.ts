import { rmSync } from "node:fs";
import pg from "pg";
import { scanRunLogs, type LogScan } from "./log-capture";

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const dbName = process.env.CLAIMTRAIL_TEST_DB_NAME;
  if (serverUrl && dbName) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  // The whole suite's logs (files, in-memory loggers, server processes) must not contain any
  // key or password the tests created, nor anything shaped like an API key.
  const runDir = process.env.CLAIMTRAIL_TEST_RUN_DIR;
  const scan: LogScan | undefined = runDir ? scanRunLogs() : undefined;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  if (!scan) return;
  if (scan.leaks.length > 0) {
    throw new Error(`secrets found in test logs: ${scan.leaks.map((l) => `${l.what} in ${l.where}`).join(", ")}`);
  }
  // Tests that set up a logger and made keys or passwords also made requests, which log: no
  // lines would mean the logs went somewhere this scan does not look, and it proved nothing.
  // (A run of files that use the database only, with no logger, has no files to scan.)
  if (scan.secrets > 0 && scan.files > 0 && scan.lines === 0) {
    throw new Error(`the leak check found no log lines to scan although the tests recorded ${scan.secrets} secrets: logs are not reaching ${runDir}/logs`);
  }
}
