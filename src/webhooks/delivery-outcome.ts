import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import { newId } from "../lib/ids";
import { retryDelayMs, type AttemptOutcome, type RetryPolicy } from "./retry-policy";

/** A subscription that failed this many times in a row, with no success for a window, is disabled. */
export const DISABLE_AFTER_FAILURES = 20;

export interface LeasedDelivery {
  organizationId: string;
  id: string;
  subscriptionId: string;
  createdAt: Date;
  /** Start of the current retry window: createdAt, or later when an admin reset it. */
  retryFrom: Date;
  attempts: number;
  lockedUntil: Date;
}

/**
 * Records one attempt's outcome. Conditional on the lease still being ours: if it expired
 * and another worker took the row, that worker's outcome is the one that counts.
 * Returns false when the lease was lost.
 */
export async function recordOutcome(prisma: PrismaClient, d: LeasedDelivery, outcome: AttemptOutcome, policy: RetryPolicy, now = new Date()): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const where = { organizationId: d.organizationId, id: d.id, status: "pending" as const, lockedUntil: d.lockedUntil };
    if (outcome.kind === "success") {
      const r = await tx.webhookDelivery.updateMany({
        where,
        data: { status: "succeeded", attempts: { increment: 1 }, lastStatusCode: outcome.statusCode, lastError: null, deliveredAt: now, lockedUntil: null },
      });
      if (r.count === 0) return false;
      await tx.webhookSubscription.updateMany({ where: { organizationId: d.organizationId, id: d.subscriptionId }, data: { consecutiveFailures: 0 } });
      return true;
    }
    const deadline = d.retryFrom.getTime() + policy.windowMs;
    const nextAt = now.getTime() + retryDelayMs(policy, d.attempts + 1);
    const givenUp = outcome.kind === "retryable" && nextAt > deadline;
    const failed = outcome.kind === "permanent" || givenUp;
    const lastError = givenUp ? `${outcome.error}; gave up after retrying for ${Math.round(policy.windowMs / 60000)} min` : outcome.error;
    const r = await tx.webhookDelivery.updateMany({
      where,
      data: {
        status: failed ? "failed" : "pending",
        attempts: { increment: 1 },
        lastStatusCode: outcome.statusCode,
        lastError,
        nextAttemptAt: failed ? now : new Date(nextAt),
        lockedUntil: null,
      },
    });
    if (r.count === 0) return false;
    const [sub] = await tx.$queryRaw<Array<{ consecutiveFailures: number; createdAt: Date }>>`
      UPDATE webhook_subscriptions SET "consecutiveFailures" = "consecutiveFailures" + 1
      WHERE "organizationId" = ${d.organizationId}::uuid AND id = ${d.subscriptionId}::uuid
      RETURNING "consecutiveFailures", "createdAt"`;
    if (!sub) return true;
    // A window an admin opened (redelivery, re-activation: retryFrom moved past createdAt)
    // running out says something about this one delivery, not the receiver as a whole;
    // the failure still counts towards the in-a-row rule below.
    const adminWindow = d.retryFrom.getTime() > d.createdAt.getTime();
    if (givenUp && !adminWindow) {
      await disableSubscription(tx, d.organizationId, d.subscriptionId, `A delivery kept failing for ${Math.round(policy.windowMs / 60000)} min and was given up (last error: ${outcome.error}).`, now);
    } else if (sub.consecutiveFailures >= DISABLE_AFTER_FAILURES) {
      const lastSuccess = await tx.webhookDelivery.findFirst({
        where: { organizationId: d.organizationId, subscriptionId: d.subscriptionId, status: "succeeded" },
        orderBy: { deliveredAt: "desc" },
        select: { deliveredAt: true },
      });
      const since = lastSuccess?.deliveredAt ?? sub.createdAt;
      if (now.getTime() - since.getTime() >= policy.windowMs) {
        await disableSubscription(tx, d.organizationId, d.subscriptionId, `${sub.consecutiveFailures} deliveries failed in a row with no success for ${Math.round(policy.windowMs / 60000)} min (last error: ${outcome.error}).`, now);
      }
    }
    return true;
  });
}

/** Turns a failing subscription off and tells the organization's admins (a notification). */
async function disableSubscription(tx: Prisma.TransactionClient, organizationId: string, subscriptionId: string, reason: string, now: Date): Promise<void> {
  const [sub] = await tx.$queryRaw<Array<{ url: string; version: number }>>`
    UPDATE webhook_subscriptions
    SET active = false, "disabledAt" = ${now}, "disabledReason" = ${reason}, version = version + 1, "updatedAt" = ${now}
    WHERE "organizationId" = ${organizationId}::uuid AND id = ${subscriptionId}::uuid AND active
    RETURNING url, version`;
  if (!sub) return; // already disabled by another worker
  await tx.notification.create({
    data: {
      organizationId,
      id: newId(),
      kind: "webhook.disabled",
      message: `The webhook to ${sub.url} was disabled: ${reason} Fix the receiver, then re-activate it (PATCH /v1/webhooks/${subscriptionId} with {"active": true}); pending deliveries resume.`,
      data: { subscriptionId, url: sub.url, reason },
    },
  });
  await appendEvent(tx, organizationId, {
    actor: { type: "system", id: null },
    action: "webhook.disabled",
    entityType: "webhook_subscription",
    entityId: subscriptionId,
    after: { active: false, disabledReason: reason, version: sub.version },
  });
}
