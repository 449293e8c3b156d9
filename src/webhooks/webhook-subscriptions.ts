import type { Prisma } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { notFound } from "../http/problem";
import { staleVersion } from "../http/preconditions";
import { newId } from "../lib/ids";
import { presentWebhook } from "./webhook-presenter";
import { encryptSecret } from "./secret-box";
import { newWebhookSecret, secretPrefixOf } from "./webhook-signing";

/**
 * Subscription use cases. Each runs inside the caller's transaction and appends its event
 * there. Secrets never enter an event: only their prefix does.
 */
export interface WriteContext {
  tx: Prisma.TransactionClient;
  organizationId: string;
  actor: Actor;
}

const whereId = (organizationId: string, id: string) => ({ organizationId_id: { organizationId, id } });

export async function createWebhook(c: WriteContext, opts: { url: string; eventTypes: string[]; active: boolean; key: Buffer }) {
  const secret = newWebhookSecret();
  const sub = await c.tx.webhookSubscription.create({
    data: { organizationId: c.organizationId, id: newId(), url: opts.url, eventTypes: opts.eventTypes, active: opts.active, secretCiphertext: encryptSecret(opts.key, secret), secretPrefix: secretPrefixOf(secret) },
  });
  await appendEvent(c.tx, c.organizationId, { actor: c.actor, action: "webhook.created", entityType: "webhook_subscription", entityId: sub.id, after: presentWebhook(sub) });
  return { sub, secret };
}

export async function updateWebhook(c: WriteContext, id: string, expectedVersion: number, patch: { url?: string; eventTypes?: string[]; active?: boolean }) {
  const before = await c.tx.webhookSubscription.findUnique({ where: whereId(c.organizationId, id) });
  if (!before) throw notFound("Webhook");
  const data: Prisma.WebhookSubscriptionUpdateManyMutationInput = { version: { increment: 1 } };
  if (patch.url !== undefined) data.url = patch.url;
  if (patch.eventTypes !== undefined) data.eventTypes = patch.eventTypes;
  if (patch.active !== undefined) data.active = patch.active;
  // Re-activating gives the receiver a fresh start; the reason stays visible until then.
  if (patch.active === true) Object.assign(data, { disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
  const r = await c.tx.webhookSubscription.updateMany({ where: { organizationId: c.organizationId, id, version: expectedVersion }, data });
  if (r.count === 0) {
    const current = await c.tx.webhookSubscription.findUnique({ where: whereId(c.organizationId, id), select: { version: true } });
    if (!current) throw notFound("Webhook");
    throw staleVersion("The webhook", current.version);
  }
  if (patch.active === true && !before.active) {
    // Its pending deliveries get a fresh retry window: counted from their event, a backlog
    // older than the window would be given up (and the subscription disabled again) at the
    // first transient failure.
    await c.tx.$executeRaw`
      UPDATE webhook_deliveries SET "retryFrom" = now(), "updatedAt" = now()
      WHERE "organizationId" = ${c.organizationId}::uuid AND "subscriptionId" = ${id}::uuid AND status = 'pending'`;
  }
  const after = await c.tx.webhookSubscription.findUniqueOrThrow({ where: whereId(c.organizationId, id) });
  await appendEvent(c.tx, c.organizationId, { actor: c.actor, action: "webhook.updated", entityType: "webhook_subscription", entityId: id, before: presentWebhook(before), after: presentWebhook(after) });
  return after;
}

export async function deleteWebhook(c: WriteContext, id: string): Promise<void> {
  const before = await c.tx.webhookSubscription.findUnique({ where: whereId(c.organizationId, id) });
  if (!before) throw notFound("Webhook");
  // Its deliveries go with it (cascade): nothing more is sent to this URL.
  const r = await c.tx.webhookSubscription.deleteMany({ where: { organizationId: c.organizationId, id } });
  if (r.count === 0) throw notFound("Webhook");
  await appendEvent(c.tx, c.organizationId, { actor: c.actor, action: "webhook.deleted", entityType: "webhook_subscription", entityId: id, before: presentWebhook(before) });
}

/** `key` is read only once the subscription is known to exist (it may create the key file). */
export async function rotateWebhookSecret(c: WriteContext, id: string, key: () => Buffer) {
  const exists = await c.tx.webhookSubscription.findUnique({ where: whereId(c.organizationId, id), select: { id: true } });
  if (!exists) throw notFound("Webhook");
  const secret = newWebhookSecret();
  const r = await c.tx.webhookSubscription.updateMany({
    where: { organizationId: c.organizationId, id },
    data: { secretCiphertext: encryptSecret(key(), secret), secretPrefix: secretPrefixOf(secret), version: { increment: 1 } },
  });
  if (r.count === 0) throw notFound("Webhook");
  const sub = await c.tx.webhookSubscription.findUniqueOrThrow({ where: whereId(c.organizationId, id) });
  await appendEvent(c.tx, c.organizationId, { actor: c.actor, action: "webhook.secret_rotated", entityType: "webhook_subscription", entityId: id, after: { secretPrefix: sub.secretPrefix, version: sub.version } });
  return { sub, secret };
}
