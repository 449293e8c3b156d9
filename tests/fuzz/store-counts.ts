import { Prisma } from "../../src/generated/prisma/client";
import type { Database } from "../../src/db/database";

/**
 * Tenant tables whose row counts prove that a rejected request stored nothing. Events are
 * the important one: every change appends an event in its own transaction, so an update
 * that slipped through a 4xx would show up there even when no row count changes.
 */
const TABLES = [
  "claims",
  "claim_appearances",
  "attribution_links",
  "sources",
  "articles",
  "article_revisions",
  "verdicts",
  "evidence_items",
  "comments",
  "events",
  "users",
  "sessions",
  "api_keys",
  "webhook_subscriptions",
  "webhook_deliveries",
  "rating_labels",
  "idempotency_keys",
  "notifications",
] as const;

export type StoreCounts = Record<(typeof TABLES)[number], number>;

/** Row counts of one organization's tables in one statement (other test files share the server). */
export async function storeCounts(db: Database, organizationId: string): Promise<StoreCounts> {
  // Table names are constants from this file, never input: Prisma.raw is safe here.
  const parts = TABLES.map((t) => Prisma.sql`(SELECT count(*)::int FROM ${Prisma.raw(`"${t}"`)} WHERE "organizationId" = ${organizationId}::uuid) AS ${Prisma.raw(`"${t}"`)}`);
  const rows = await db.prisma.$queryRaw<StoreCounts[]>(Prisma.sql`SELECT ${Prisma.join(parts, ", ")}`);
  return rows[0]!;
}
