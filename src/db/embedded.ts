import path from "node:path";
import { PGlite, type Extension } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { acquireDataDirLock } from "./data-dir-lock";
import type { Database } from "./database";
import { pgliteMigrationConnection } from "./migrations/runner";

export interface EmbeddedOptions {
  /** Directory to persist to; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** A tarball made by PGlite's dumpDataDir, to start from (tests start from a migrated copy). */
  loadDataDir?: Blob;
  transactionTimeoutMs: number;
}

// The package's "contrib/*" export maps its CommonJS build to ESM-only type declarations,
// which TypeScript refuses to import from CommonJS; the runtime require is fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm") as { pg_trgm: Extension };

/** Extensions our migrations create; PGlite must have them loaded to run them. */
export const pgliteExtensions = { pg_trgm };

export async function openEmbeddedDatabase(opts: EmbeddedOptions): Promise<Database & { pglite: PGlite }> {
  const lock = opts.dataDir ? acquireDataDirLock(opts.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: opts.dataDir ? path.join(opts.dataDir, "pgdata") : undefined,
      loadDataDir: opts.loadDataDir,
      extensions: pgliteExtensions,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    // PGlite serialises everything on one connection: a transaction may wait behind others.
    transactionOptions: { maxWait: opts.transactionTimeoutMs, timeout: opts.transactionTimeoutMs },
  });
  let closed = false;
  return {
    kind: "embedded",
    prisma,
    pglite,
    async query<T>(text: string, values: unknown[]) {
      // PGlite runs it after any open transaction (its query() takes the transaction lock).
      const r = await pglite.query<T>(text, values);
      return r.rows;
    },
    async withSession(fn) {
      return fn(pgliteMigrationConnection(pglite));
    },
    async ping() {
      await pglite.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
