// npm run db:deploy — applies pending migrations (Prisma's _prisma_migrations contract).
import { runCli } from "./cli-support";
import { migrationStatus } from "../src/db/migrations/runner";

void runCli("db:deploy", async ({ db }) => {
  const status = await db.withSession((conn) => migrationStatus(conn));
  process.stdout.write(status.ok ? "All migrations are applied.\n" : `Not applied: ${[...status.pending, ...status.failed].join(", ")}\n`);
  if (!status.ok) throw new Error("migrations are not all applied");
});
