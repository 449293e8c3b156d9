import { loadConfig, type Config } from "../src/config/config";
import type { Database } from "../src/db/database";
import { applyMigrations } from "../src/db/migrations/runner";
import { openDatabase } from "../src/db/open-database";
import { createLogger, type Logger } from "../src/logging/logger";

/**
 * Runs a command-line task against the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR — which refuses while the service holds it), with
 * migrations applied, and exits with a clear message on failure.
 */
export async function runCli(name: string, task: (ctx: { config: Config; db: Database; log: Logger }) => Promise<void>): Promise<void> {
  let db: Database | undefined;
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, destination: process.stderr });
  try {
    db = await openDatabase(config, log);
    await db.withSession((conn) => applyMigrations(conn, { log }));
    await task({ config, db, log });
    await db.close();
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    await db?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** Reads `--flag value` pairs; unknown flags are an error. */
export function parseFlags(argv: string[], allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !allowed.includes(m[1]!)) throw new Error(`unknown argument ${a}; expected ${allowed.map((f) => `--${f}`).join(", ")}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    out[m[1]!] = value;
  }
  return out;
}
