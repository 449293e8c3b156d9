import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "../logging/logger";
import type { Database } from "./database";
import { pgMigrationConnection } from "./migrations/runner";

export interface ServerDbOptions {
  url: string;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  log: Logger;
}

export async function openServerDatabase(opts: ServerDbOptions): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax,
    // A request never waits forever for a connection: it fails and the API answers 503.
    connectionTimeoutMillis: opts.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: opts.statementTimeoutMs,
    query_timeout: opts.statementTimeoutMs + 1000,
    application_name: "claimtrail",
  });
  // An idle client that loses its connection (server restart) emits here; without a
  // listener that would crash the process. The pool replaces it on next use.
  pool.on("error", (err) => opts.log.warn({ err: { message: err.message } }, "idle database connection lost"));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: opts.connectTimeoutMs, timeout: opts.statementTimeoutMs },
  });
  let closed = false;
  return {
    kind: "server",
    prisma,
    pool,
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgMigrationConnection(client));
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
