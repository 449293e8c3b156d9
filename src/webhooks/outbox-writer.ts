import type { Prisma } from "../generated/prisma/client";
import { presentClaim } from "../claims/claim-presenter";
import { findClaim } from "../claims/claim-queries";
import { newId } from "../lib/ids";
import { webhookTypeFor } from "./webhook-event-types";

/** The fields of a just-appended event that the outbox needs. */
export interface OutboxEvent {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The transactional outbox: appendEvents inserts the rows prepared here in the transaction
 * of the change, so a delivery exists exactly when the change committed (never for a
 * rollback, never missing after a crash). One row per active subscription that asked for
 * the event's type.
 *
 * The payload is a snapshot taken now, inside the transaction: it shows the claim as this
 * change left it, even if it changes again before the delivery goes out. `claims` may hold
 * claims already rendered by the caller (a bulk import has them), saving a read per event.
 */
export async function prepareWebhookDeliveries(
  tx: Prisma.TransactionClient,
  organizationId: string,
  events: readonly OutboxEvent[],
  claims?: ReadonlyMap<string, ReturnType<typeof presentClaim>>,
): Promise<Prisma.WebhookDeliveryCreateManyInput[]> {
  const typed = events.flatMap((event) => {
    const type = webhookTypeFor(event);
    return type ? [{ event, type }] : [];
  });
  if (typed.length === 0) return [];
  // Raw: this runs in every write's transaction, and usually finds nothing.
  const subscriptions = await tx.$queryRawUnsafe<Array<{ id: string; eventTypes: string[] }>>(
    `SELECT id, "eventTypes" FROM webhook_subscriptions WHERE "organizationId" = $1::uuid AND active AND "eventTypes" && $2::text[]`,
    organizationId,
    [...new Set(typed.map((t) => t.type))],
  );
  if (subscriptions.length === 0) return [];
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const { event, type } of typed) {
    const targets = subscriptions.filter((s) => s.eventTypes.includes(type));
    if (targets.length === 0) continue;
    const payload = {
      id: event.id,
      type,
      createdAt: event.occurredAt.toISOString(),
      organizationId,
      data: await snapshotData(tx, organizationId, event, claims),
    };
    for (const s of targets) {
      rows.push({
        organizationId,
        id: newId(),
        subscriptionId: s.id,
        eventId: event.id,
        eventType: type,
        payload: payload as Prisma.InputJsonValue,
        nextAttemptAt: event.occurredAt,
      });
    }
  }
  return rows;
}

async function snapshotData(
  tx: Prisma.TransactionClient,
  organizationId: string,
  event: OutboxEvent,
  claims?: ReadonlyMap<string, ReturnType<typeof presentClaim>>,
): Promise<Record<string, unknown>> {
  const change = { action: event.action, entityType: event.entityType, entityId: event.entityId, before: event.before ?? null, after: event.after ?? null };
  const claimId = event.claimId ?? (event.entityType === "claim" ? event.entityId : null);
  if (claimId) {
    const known = claims?.get(claimId);
    if (known) return { claim: known, change };
    const claim = await findClaim(tx, organizationId, claimId);
    return { claim: claim ? presentClaim(claim) : null, change };
  }
  if (event.entityType === "article") {
    const article = await tx.article.findUnique({
      where: { organizationId_id: { organizationId, id: event.entityId } },
      select: { id: true, title: true, url: true, publishedAt: true, latestRevision: true },
    });
    return {
      article: article ? { id: article.id, title: article.title, url: article.url, publishedAt: article.publishedAt?.toISOString() ?? null, latestRevision: article.latestRevision } : null,
      change,
    };
  }
  return { change };
}
