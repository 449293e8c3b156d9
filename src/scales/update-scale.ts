import type { Prisma } from "../generated/prisma/client";
import type { VerdictKind } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { notFound } from "../http/problem";
import { newId } from "../lib/ids";
import { presentRatingScale } from "./scale-presenter";
import type { UpdateScaleBody } from "./scale-schemas";
import { staleScale } from "./scale-etag";

export interface UpdateRatingScaleOptions {
  organizationId: string;
  kind: VerdictKind;
  expectedUpdatedAt: Date;
  body: UpdateScaleBody;
  actor: Actor;
}

interface LockedLabel {
  id: string;
  key: string;
  retiredAt: Date | null;
}

/**
 * Replaces a scale's labels. Labels left out are deleted, or retired when a verdict still
 * uses them (a verdict must keep its rating). A label listed again is updated in place and
 * un-retired. Locks the scale (conditional update on updatedAt) and then its labels FOR
 * UPDATE before looking at usage; verdict writes take their label FOR SHARE, so a label
 * cannot gain a verdict between "unused" and its deletion.
 */
export async function updateRatingScale(tx: Prisma.TransactionClient, opts: UpdateRatingScaleOptions) {
  const { organizationId, kind, expectedUpdatedAt, body } = opts;
  const beforeScale = await tx.ratingScale.findUnique({ where: { organizationId_kind: { organizationId, kind } }, include: { labels: true } });
  if (!beforeScale) throw notFound("The rating scale");
  // Strictly later than the ETag the caller sent, even within one millisecond, so that an
  // equal ETag always means "unchanged".
  const nextUpdatedAt = new Date(Math.max(Date.now(), expectedUpdatedAt.getTime() + 1));
  const { count } = await tx.ratingScale.updateMany({
    where: { organizationId, kind, updatedAt: expectedUpdatedAt },
    data: { updatedAt: nextUpdatedAt, ...(body.name !== undefined ? { name: body.name } : {}) },
  });
  if (count === 0) {
    const current = await tx.ratingScale.findUnique({ where: { organizationId_kind: { organizationId, kind } }, select: { updatedAt: true } });
    if (!current) throw notFound("The rating scale");
    throw staleScale(current.updatedAt);
  }
  const scaleId = beforeScale.id;
  const existing = await tx.$queryRaw<LockedLabel[]>`
    SELECT id, key, "retiredAt" FROM rating_labels
    WHERE "organizationId" = ${organizationId}::uuid AND "scaleId" = ${scaleId}::uuid
    FOR UPDATE`;
  const byKey = new Map(existing.map((l) => [l.key, l]));
  const wanted = new Set(body.labels.map((l) => l.key));
  const leaving = existing.filter((l) => !wanted.has(l.key));
  const used = new Set(
    leaving.length === 0
      ? []
      : (
          await tx.verdict.findMany({
            where: { organizationId, ratingLabelId: { in: leaving.map((l) => l.id) } },
            select: { ratingLabelId: true },
            distinct: ["ratingLabelId"],
          })
        ).map((v) => v.ratingLabelId),
  );

  for (const [position, l] of body.labels.entries()) {
    const data = { label: l.label, description: l.description, colour: l.colour, value: l.value, position, retiredAt: null };
    const found = byKey.get(l.key);
    if (found) await tx.ratingLabel.update({ where: { organizationId_id: { organizationId, id: found.id } }, data });
    else await tx.ratingLabel.create({ data: { organizationId, id: newId(), scaleId, key: l.key, ...data } });
  }
  const retired: string[] = [];
  const deleted: string[] = [];
  const now = new Date();
  for (const [i, l] of leaving.entries()) {
    if (used.has(l.id)) {
      if (!l.retiredAt) retired.push(l.key);
      await tx.ratingLabel.update({
        where: { organizationId_id: { organizationId, id: l.id } },
        data: { retiredAt: l.retiredAt ?? now, position: body.labels.length + i },
      });
    } else {
      deleted.push(l.key);
      await tx.ratingLabel.delete({ where: { organizationId_id: { organizationId, id: l.id } } });
    }
  }

  const afterScale = await tx.ratingScale.findUnique({ where: { organizationId_kind: { organizationId, kind } }, include: { labels: true } });
  if (!afterScale) throw notFound("The rating scale");
  const before = presentRatingScale(beforeScale);
  const after = presentRatingScale(afterScale);
  await appendEvent(tx, organizationId, {
    actor: opts.actor,
    action: "rating_scale.updated",
    entityType: "rating_scale",
    entityId: scaleId,
    before: { name: before.name, labels: before.labels },
    after: { name: after.name, labels: after.labels, retired, deleted },
  });
  return { ...after, retired, deleted };
}
