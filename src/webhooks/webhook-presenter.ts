import type { WebhookDelivery, WebhookSubscription } from "../generated/prisma/client";
import type { WebhookEventType } from "./webhook-event-types";

export function presentWebhook(s: WebhookSubscription) {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes as WebhookEventType[],
    active: s.active,
    secretPrefix: s.secretPrefix,
    disabledAt: s.disabledAt?.toISOString() ?? null,
    disabledReason: s.disabledReason,
    consecutiveFailures: s.consecutiveFailures,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export type DeliveryRow = Pick<WebhookDelivery, "id" | "eventId" | "eventType" | "status" | "attempts" | "lastStatusCode" | "lastError" | "nextAttemptAt" | "deliveredAt" | "createdAt">;

const MAX_ERROR = 300;

export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType as WebhookEventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError && d.lastError.length > MAX_ERROR ? `${d.lastError.slice(0, MAX_ERROR - 1)}…` : d.lastError,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
