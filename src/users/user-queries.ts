import type { PrismaClient } from "../generated/prisma/client";
import { userColumns, type UserRow } from "./user-presenter";

export function findUser(prisma: PrismaClient, organizationId: string, id: string): Promise<UserRow | null> {
  return prisma.user.findUnique({ where: { organizationId_id: { organizationId, id } }, select: userColumns });
}

/** Newest first, keyset on (createdAt, id) so pages stay stable while users are added. */
export function listUsers(
  prisma: PrismaClient,
  organizationId: string,
  opts: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<UserRow[]> {
  const after = opts.after;
  return prisma.user.findMany({
    where: {
      organizationId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: userColumns,
  });
}
