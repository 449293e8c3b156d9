import type { Config } from "../config/config";
import type { Logger } from "../logging/logger";
import type { Database } from "./database";
import { openEmbeddedDatabase } from "./embedded";
import { openServerDatabase } from "./server";

/** The embedded database when DATABASE_URL is unset, the PostgreSQL server otherwise. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.DATABASE_URL) {
    return openServerDatabase({
      url: config.DATABASE_URL,
      poolMax: config.DB_POOL_MAX,
      connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      log,
    });
  }
  return openEmbeddedDatabase({ dataDir: config.dataDir, transactionTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS });
}
