import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { VerdictKind } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import { newId } from "../lib/ids";
import { defaultScales } from "./default-scales";

export interface OrganizationRef {
  id: string;
  slug: string;
  name: string;
  created: boolean;
}

async function createDefaultScales(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  for (const kind of Object.keys(defaultScales) as VerdictKind[]) {
    const spec = defaultScales[kind];
    const scaleId = newId();
    await tx.ratingScale.create({ data: { organizationId, id: scaleId, kind, name: spec.name } });
    await tx.ratingLabel.createMany({
      data: spec.labels.map((l, position) => ({ organizationId, id: newId(), scaleId, position, ...l })),
    });
  }
}

/**
 * Finds the organization with this slug or creates it with the default rating scales.
 * Safe when several processes start at once: the unique slug decides, the loser re-reads.
 */
export async function ensureOrganization(prisma: PrismaClient, slug: string, name?: string): Promise<OrganizationRef> {
  const existing = await prisma.organization.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (existing) return { ...existing, created: false };
  try {
    return await prisma.$transaction(async (tx) => {
      const id = newId();
      const org = await tx.organization.create({ data: { id, slug, name: name ?? slug }, select: { id: true, slug: true, name: true } });
      await createDefaultScales(tx, id);
      await appendEvent(tx, id, {
        actor: { type: "system", id: null },
        action: "organization.created",
        entityType: "organization",
        entityId: id,
        after: { slug, name: org.name },
      });
      return { ...org, created: true };
    });
  } catch (err) {
    const again = await prisma.organization.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
    if (again) return { ...again, created: false };
    throw err;
  }
}
