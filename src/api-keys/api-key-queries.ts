import type { PrismaClient } from "../generated/prisma/client";
import { apiKeyColumns, type ApiKeyRow } from "./api-key-presenter";

export function findApiKey(prisma: PrismaClient, organizationId: string, id: string): Promise<ApiKeyRow | null> {
  return prisma.apiKey.findUnique({ where: { organizationId_id: { organizationId, id } }, select: apiKeyColumns });
}

/** Newest first (revoked keys included: they are part of the audit trail), keyset on (createdAt, id). */
export function listApiKeys(
  prisma: PrismaClient,
  organizationId: string,
  opts: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<ApiKeyRow[]> {
  const after = opts.after;
  return prisma.apiKey.findMany({
    where: {
      organizationId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: apiKeyColumns,
  });
}
