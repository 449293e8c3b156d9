import type { PrismaClient } from "../generated/prisma/client";
import type { MigrationConnection } from "./migrations/runner";

/**
 * The one stateful dependency of the service. Created once by the entry point (server,
 * CLI script or test) and passed down; nothing else creates database clients.
 */
export interface Database {
  readonly kind: "embedded" | "server";
  readonly prisma: PrismaClient;
  /** Runs fn on one dedicated session (advisory locks, migrations). */
  withSession<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>;
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
