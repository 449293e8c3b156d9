import type { PrismaClient } from "../generated/prisma/client";
import type { MigrationConnection } from "./migrations/runner";

/**
 * The one stateful dependency of the service. Created once by the entry point (server,
 * CLI script or test) and passed down; nothing else creates database clients.
 */
export interface Database {
  readonly kind: "embedded" | "server";
  readonly prisma: PrismaClient;
  /**
   * One statement outside any transaction, straight to the driver: for the hottest reads,
   * where Prisma's own overhead shows. `name` makes it a prepared statement on server
   * connections (planned once per connection, not once per call: it matters for the large
   * claim-rendering query, whose planning costs more than its execution).
   */
  query<T>(text: string, values: unknown[], name?: string): Promise<T[]>;
  /** Runs fn on one dedicated session (advisory locks, migrations). */
  withSession<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (server databases only): onMessage gets each NOTIFY payload;
   * onState(false) when the listening connection is lost (it reconnects by itself, then
   * onState(true)). Resolves once listening; the function it returns stops listening.
   */
  listen?(channel: string, handlers: { onMessage(payload: string): void; onState(listening: boolean): void }): Promise<() => Promise<void>>;
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
