import type { PrismaClient } from "../generated/prisma/client";
import { notFound } from "../http/problem";
import { findClaims, type ClaimWithRelations } from "./claim-queries";

export interface SimilarClaimsOptions {
  organizationId: string;
  id: string;
  limit: number;
  /** pg_trgm similarity threshold for the `%` operator. */
  minSimilarity: number;
}

export interface SimilarClaim {
  claim: ClaimWithRelations;
  similarity: number;
  sameSpeaker: boolean;
}

/**
 * Likely duplicates of a claim: statements that are trigram-similar (pg_trgm). The `%`
 * operator, with the threshold set for this transaction only, is what lets PostgreSQL use
 * the trigram GIN index on claims.statement instead of computing similarity() for every
 * claim of the organization. Same speaker first, then most similar. Archived claims are
 * left out: archiving is how a duplicate is usually resolved.
 */
export async function findSimilarClaims(prisma: PrismaClient, opts: SimilarClaimsOptions): Promise<SimilarClaim[]> {
  const { organizationId, id } = opts;
  const target = await prisma.claim.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { statement: true, speakerSourceId: true } });
  if (!target) throw notFound("Claim");
  const matches = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(opts.minSimilarity)}, true)`;
    return tx.$queryRaw<Array<{ id: string; similarity: number; sameSpeaker: boolean }>>`
      SELECT c.id,
        similarity(c.statement, ${target.statement})::float8 AS similarity,
        coalesce(c."speakerSourceId" = CAST(${target.speakerSourceId} AS uuid), false) AS "sameSpeaker"
      FROM claims c
      WHERE c."organizationId" = CAST(${organizationId} AS uuid)
        AND c.id <> CAST(${id} AS uuid)
        AND c.status <> 'archived'
        AND c.statement % ${target.statement}
      ORDER BY "sameSpeaker" DESC, similarity DESC, c.id DESC
      LIMIT ${opts.limit}`;
  });
  if (!matches.length) return [];
  const claims = await findClaims(prisma, organizationId, matches.map((m) => m.id));
  const byId = new Map(claims.map((c) => [c.id, c]));
  return matches.flatMap((m) => {
    const claim = byId.get(m.id);
    // Rounded: a similarity is a score to compare, not a measurement.
    return claim ? [{ claim, similarity: Math.round(Number(m.similarity) * 1e4) / 1e4, sameSpeaker: Boolean(m.sameSpeaker) }] : [];
  });
}
