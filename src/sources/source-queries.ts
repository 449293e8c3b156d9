import type { Prisma, PrismaClient, Source } from "../generated/prisma/client";
import type { SourceType } from "../generated/prisma/enums";
import { findClaims, type ClaimWithRelations } from "../claims/claim-queries";
import { escapeLike, foldForSearch } from "./search-text";

type Db = PrismaClient | Prisma.TransactionClient;

export async function findSource(prisma: Db, organizationId: string, id: string): Promise<Source | null> {
  return prisma.source.findUnique({ where: { organizationId_id: { organizationId, id } } });
}

interface Filters {
  type?: SourceType;
  includeMerged: boolean;
}

/** Newest first; keyset pagination on (createdAt, id) so concurrent inserts never shift a page. */
export async function listSources(
  prisma: Db,
  organizationId: string,
  opts: Filters & { limit: number; after?: { createdAt: Date; id: string } },
): Promise<Source[]> {
  const where: Prisma.SourceWhereInput = { organizationId };
  if (opts.type) where.type = opts.type;
  if (!opts.includeMerged) where.mergedIntoId = null;
  if (opts.after) {
    where.OR = [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }];
  }
  return prisma.source.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit });
}

export const matchKinds = ["exact", "prefix", "word_prefix", "contains", "similar"] as const;
export type MatchKind = (typeof matchKinds)[number];

export interface SourceMatch {
  source: Source;
  match: { kind: MatchKind; score: number };
}

/**
 * Ranked search over every name a source goes by (sources."searchText": folded name and
 * aliases joined by " | "). Candidates are found through the trigram GIN index on
 * "searchText" — a substring LIKE, or word similarity (`<%`, pg_trgm's
 * word_similarity_threshold, 0.6 by default) for typos and other transliterations — then
 * ranked: a whole name equal to q, a name starting with q, a word of a name starting with
 * q, q inside a name, similar only; within a rank by word similarity.
 */
export async function searchSources(prisma: Db, organizationId: string, opts: Filters & { q: string; limit: number }): Promise<SourceMatch[]> {
  const folded = foldForSearch(opts.q);
  const like = escapeLike(folded);
  const ranked = await prisma.$queryRaw<Array<{ id: string; rank: number; score: number }>>`
    WITH candidates AS (
      SELECT s.id, s.name, s."searchText", string_to_array(s."searchText", ' | ') AS names
      FROM sources s
      WHERE s."organizationId" = ${organizationId}::uuid
        AND (${opts.includeMerged}::boolean OR s."mergedIntoId" IS NULL)
        AND (${opts.type ?? null}::text IS NULL OR s.type::text = ${opts.type ?? null}::text)
        AND (s."searchText" LIKE ${`%${like}%`} OR ${folded} <% s."searchText")
    )
    SELECT c.id,
      (CASE
        WHEN ${folded} = ANY (c.names) THEN 0
        WHEN EXISTS (SELECT 1 FROM unnest(c.names) n WHERE n LIKE ${`${like}%`}) THEN 1
        WHEN EXISTS (SELECT 1 FROM unnest(c.names) n WHERE n LIKE ${`% ${like}%`}) THEN 2
        WHEN c."searchText" LIKE ${`%${like}%`} THEN 3
        ELSE 4
      END)::int AS rank,
      word_similarity(${folded}, c."searchText")::float8 AS score
    FROM candidates c
    ORDER BY rank, score DESC, c.name, c.id
    LIMIT ${opts.limit}`;
  if (ranked.length === 0) return [];
  const rows = await prisma.source.findMany({ where: { organizationId, id: { in: ranked.map((r) => r.id) } } });
  const byId = new Map(rows.map((s) => [s.id, s]));
  return ranked.flatMap((r) => {
    const source = byId.get(r.id);
    const kind = matchKinds[r.rank] ?? "similar";
    return source ? [{ source, match: { kind, score: Math.round(Number(r.score) * 1000) / 1000 } }] : [];
  });
}

/** Claims with this source anywhere in their chain, newest first, keyset-paged like the claim list. */
export async function listSourceClaims(
  prisma: Db,
  organizationId: string,
  sourceId: string,
  opts: { role?: "speaker" | "intermediary" | "publisher"; limit: number; after?: { createdAt: Date; id: string } },
): Promise<ClaimWithRelations[]> {
  const where: Prisma.ClaimWhereInput = { organizationId, chain: { some: { sourceId, ...(opts.role ? { role: opts.role } : {}) } } };
  if (opts.after) {
    where.OR = [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }];
  }
  const page = await prisma.claim.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit, select: { id: true } });
  return findClaims(prisma, organizationId, page.map((c) => c.id));
}
