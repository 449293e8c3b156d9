import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import { AppError, notFound } from "../http/problem";
import type { WriteContext } from "./webhook-subscriptions";

const deliveryColumns = {
  id: true, eventId: true, eventType: true, status: true, attempts: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, deliveredAt: true, createdAt: true,
} satisfies Prisma.WebhookDeliverySelect;

/** A subscription's delivery log, newest first (keyset on createdAt, id). */
export async function listDeliveries(prisma: PrismaClient, organizationId: string, subscriptionId: string, opts: { limit: number; after?: { createdAt: Date; id: string } }) {
  return prisma.webhookDelivery.findMany({
    where: {
      organizationId,
      subscriptionId,
      ...(opts.after ? { OR: [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: deliveryColumns,
  });
}

/**
 * Puts a delivery back in the queue, due now, with the same event id (receivers
 * de-duplicate on it). A delivery a worker holds right now is refused (409) rather than
 * sent twice at once. On an inactive subscription it waits until re-activation.
 * It gets a retry window of its own from now (retryFrom): an event older than the window
 * would otherwise be given up at its first failure.
 */
export async function redeliver(c: WriteContext, subscriptionId: string, deliveryId: string) {
  const [row] = await c.tx.$queryRaw<Array<{ id: string }>>`
    UPDATE webhook_deliveries
    SET status = 'pending', "nextAttemptAt" = now(), "retryFrom" = now(), "lockedUntil" = NULL, "updatedAt" = now()
    WHERE "organizationId" = ${c.organizationId}::uuid AND id = ${deliveryId}::uuid AND "subscriptionId" = ${subscriptionId}::uuid
      AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
    RETURNING id`;
  if (!row) {
    const exists = await c.tx.webhookDelivery.findFirst({ where: { organizationId: c.organizationId, id: deliveryId, subscriptionId }, select: { id: true } });
    if (!exists) throw notFound("Delivery");
    throw new AppError(409, "delivery_in_flight", "A worker is sending this delivery right now; look at the delivery log again in a moment.");
  }
  const d = await c.tx.webhookDelivery.findUniqueOrThrow({ where: { organizationId_id: { organizationId: c.organizationId, id: deliveryId } }, select: deliveryColumns });
  await appendEvent(c.tx, c.organizationId, {
    actor: c.actor,
    action: "webhook.redelivery_requested",
    entityType: "webhook_delivery",
    entityId: deliveryId,
    after: { subscriptionId, eventId: d.eventId, eventType: d.eventType },
  });
  return d;
}
