import type { Prisma, PrismaClient } from "../generated/prisma/client";

/** Everything a claim response shows, loaded in one round of queries. */
export const claimInclude = {
  appearances: {
    orderBy: { createdAt: "asc" },
    include: {
      revision: { select: { id: true, number: true } },
      lastGoodRevision: { select: { id: true, number: true } },
      article: { select: { id: true, title: true, url: true, publishedAt: true } },
    },
  },
  chain: { orderBy: { position: "asc" }, include: { source: true } },
  verdicts: { include: { rating: true, evidence: { orderBy: { position: "asc" } } } },
  assignee: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ClaimInclude;

export type ClaimWithRelations = Prisma.ClaimGetPayload<{ include: typeof claimInclude }>;

/** Works on the client or inside a transaction (use cases read the claim they just wrote). */
export async function findClaim(prisma: Prisma.TransactionClient, organizationId: string, id: string): Promise<ClaimWithRelations | null> {
  return prisma.claim.findUnique({ where: { organizationId_id: { organizationId, id } }, include: claimInclude });
}

export interface ListClaimsOptions {
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** Newest first; keyset pagination on (createdAt, id) so concurrent inserts never shift a page. */
export async function listClaims(prisma: PrismaClient, organizationId: string, opts: ListClaimsOptions): Promise<ClaimWithRelations[]> {
  const where: Prisma.ClaimWhereInput = { organizationId };
  if (opts.after) {
    where.OR = [
      { createdAt: { lt: opts.after.createdAt } },
      { createdAt: opts.after.createdAt, id: { lt: opts.after.id } },
    ];
  }
  return prisma.claim.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    include: claimInclude,
  });
}
