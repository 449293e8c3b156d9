import type { Prisma } from "../generated/prisma/client";
import type { VerdictKind } from "../generated/prisma/enums";

export interface LabelForVerdict {
  id: string;
  key: string;
  retiredAt: Date | null;
}

/**
 * The label with this key on the organization's scale of this kind, locked FOR SHARE until
 * the verdict's transaction ends, so a concurrent scale change cannot delete it under the
 * verdict (it waits, then retires the label instead) and a label retired meanwhile is seen
 * as retired here.
 */
export async function findLabelForVerdict(tx: Prisma.TransactionClient, organizationId: string, kind: VerdictKind, key: string): Promise<LabelForVerdict | null> {
  const rows = await tx.$queryRaw<LabelForVerdict[]>`
    SELECT l.id, l.key, l."retiredAt"
    FROM rating_labels l
    JOIN rating_scales s ON s."organizationId" = l."organizationId" AND s.id = l."scaleId"
    WHERE l."organizationId" = ${organizationId}::uuid AND s.kind::text = ${kind} AND l.key = ${key}
    FOR SHARE OF l`;
  return rows[0] ?? null;
}

/** Keys a new verdict of this kind may use, in scale order (for 422 answers). */
export async function activeLabelKeys(tx: Prisma.TransactionClient, organizationId: string, kind: VerdictKind): Promise<string[]> {
  const labels = await tx.ratingLabel.findMany({
    where: { organizationId, retiredAt: null, scale: { kind } },
    orderBy: { position: "asc" },
    select: { key: true },
  });
  return labels.map((l) => l.key);
}
