import type { Prisma } from "../generated/prisma/client";

export interface LockedSource {
  id: string;
  mergedIntoId: string | null;
}

/**
 * For use cases that make a row point at sources (a claim's chain, an article's
 * publisher): call inside the transaction before writing the reference. FOR KEY SHARE
 * waits for a merge in progress on any of these sources (it holds them FOR UPDATE) and
 * then returns their committed state, so a merged source shows mergedIntoId and the
 * caller can refuse it or follow it, instead of linking to it after its links moved away.
 * Does not block concurrent edits of the sources (they take a weaker lock). Returns the
 * sources found in the organization; missing ids are simply absent.
 */
export async function lockSourcesForReference(tx: Prisma.TransactionClient, organizationId: string, ids: readonly string[]): Promise<Map<string, LockedSource>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return new Map();
  const rows = await tx.$queryRaw<LockedSource[]>`
    SELECT id::text AS id, "mergedIntoId"::text AS "mergedIntoId" FROM sources
    WHERE "organizationId" = ${organizationId}::uuid AND id = ANY (${unique}::uuid[])
    ORDER BY id FOR KEY SHARE`;
  return new Map(rows.map((r) => [r.id, r]));
}
