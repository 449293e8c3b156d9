import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite, type Extension } from "@electric-sql/pglite";

// The package's "contrib/*" export gives CommonJS callers ESM-only type declarations,
// which TypeScript refuses to import here; the runtime require is fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm") as { pg_trgm: Extension };

/**
 * Throw-away in-memory PostgreSQL (PGlite) for the schema engine's shadow database and
 * for tests. Development tooling only.
 */

/** Extensions our migrations create: a PGlite without them cannot run the migrations. */
export const scratchPgliteExtensions = { pg_trgm };

// A fresh PGlite runs initdb (~3.5 s of CPU here); one started from a dump of an empty
// cluster takes ~1 s. The dump is kept in memory for this process and in the temp
// directory for the next ones (the generator script, each Jest worker), keyed by the
// PGlite version. A dump that fails to load is discarded and rebuilt.
let emptyCluster: Promise<Blob> | undefined;

export async function createScratchPglite(): Promise<PGlite> {
  emptyCluster ??= loadOrBuildEmptyCluster();
  try {
    return await PGlite.create({ loadDataDir: await emptyCluster, extensions: scratchPgliteExtensions });
  } catch {
    // A damaged cached dump (or a failed build): rebuild once.
    rmSync(cacheFile(), { force: true });
    emptyCluster = loadOrBuildEmptyCluster();
    return PGlite.create({ loadDataDir: await emptyCluster, extensions: scratchPgliteExtensions });
  }
}

async function loadOrBuildEmptyCluster(): Promise<Blob> {
  try {
    return new Blob([readFileSync(cacheFile())]);
  } catch {
    // Not cached yet.
  }
  const db = await PGlite.create({ extensions: scratchPgliteExtensions });
  try {
    const dump = await db.dumpDataDir("none");
    const file = cacheFile();
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    renameSync(partial, file); // atomic: concurrent workers never read half a file
    return dump;
  } finally {
    await db.close();
  }
}

function cacheFile(): string {
  const pkg = path.join(path.dirname(require.resolve("@electric-sql/pglite")), "..", "package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
  return path.join(os.tmpdir(), `claimtrail-pglite-empty-${version}-uid${os.userInfo().uid}.tar`);
}
