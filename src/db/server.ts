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
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: "server",
    prisma,
    pool,
    async query<T>(text: string, values: unknown[], name?: string) {
      const r = await pool.query({ text, values, ...(name ? { name } : {}) });
      return r.rows as T[];
    },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgMigrationConnection(client));
      } finally {
        client.release();
      }
    },
    async listen(channel, { onMessage, onState }) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      // A connection of its own, outside the pool: LISTEN belongs to a session.
      let stopped = false;
      let current: pg.Client | null = null;
      let retry: NodeJS.Timeout | undefined;
      const schedule = (delayMs: number) => {
        if (stopped) return;
        retry = setTimeout(() => {
          connect().catch((err: unknown) => {
            opts.log.warn({ err: { message: (err as Error).message }, channel }, "could not listen; retrying");
            schedule(Math.min(delayMs * 2, 30_000));
          });
        }, delayMs);
        retry.unref();
      };
      const lost = (c: pg.Client) => {
        if (current !== c) return;
        current = null;
        onState(false);
        c.end().catch(() => undefined);
        schedule(500);
      };
      const connect = async () => {
        const c = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: opts.connectTimeoutMs, application_name: "claimtrail-listen" });
        c.on("error", () => lost(c));
        c.on("end", () => lost(c));
        c.on("notification", (m) => {
          if (m.channel === channel && m.payload !== undefined) onMessage(m.payload);
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${channel}`);
        } catch (err) {
          await c.end().catch(() => undefined);
          throw err;
        }
        if (stopped) {
          await c.end().catch(() => undefined);
          return;
        }
        current = c;
        onState(true);
      };
      const stop = async () => {
        stopped = true;
        clearTimeout(retry);
        listeners.delete(stop);
        const c = current;
        current = null;
        await c?.end().catch(() => undefined);
      };
      listeners.add(stop);
      try {
        await connect();
      } catch (err) {
        opts.log.warn({ err: { message: (err as Error).message }, channel }, "could not listen; retrying");
        onState(false);
        schedule(500);
      }
      return stop;
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stop of [...listeners]) await stop();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
