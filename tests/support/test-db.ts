import { readFileSync } from "node:fs";
import pino from "pino";
import type { Database } from "../../src/db/database";
import { openEmbeddedDatabase } from "../../src/db/embedded";
import { openServerDatabase } from "../../src/db/server";

export const usingServer = (): boolean => Boolean(process.env.CLAIMTRAIL_TEST_DB_URL);

/** The run's database: a pool on the run's server database, or a private embedded copy. */
export async function openTestDatabase(opts: { poolMax?: number } = {}): Promise<Database> {
  const url = process.env.CLAIMTRAIL_TEST_DB_URL;
  if (url) {
    return openServerDatabase({ url, poolMax: opts.poolMax ?? 10, connectTimeoutMs: 5000, statementTimeoutMs: 15000, log: pino({ level: "silent" }) });
  }
  const snapshot = process.env.CLAIMTRAIL_TEST_PGLITE_SNAPSHOT;
  if (!snapshot) throw new Error("tests/support/global-setup.ts did not run");
  return openEmbeddedDatabase({ loadDataDir: new Blob([readFileSync(snapshot)]), transactionTimeoutMs: 15000 });
}
