import { z } from "zod";
import { webhookEventTypes } from "./webhook-event-types";

const eventTypeSchema = z.enum(webhookEventTypes);
const eventTypesSchema = z
  .array(eventTypeSchema)
  .min(1)
  .max(webhookEventTypes.length)
  .refine((t) => new Set(t).size === t.length, { message: "event types must not repeat" })
  .describe("The event types to receive.");
const urlSchema = z.string().trim().min(1).max(2000).describe("http(s) URL that receives the POSTs. Internal addresses are refused unless WEBHOOK_ALLOWED_HOSTS names the host.");

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(eventTypeSchema),
    active: z.boolean(),
    secretPrefix: z.string().describe("The signing secret's first characters; the secret itself is never shown again."),
    disabledAt: z.iso.datetime().nullable().describe("When the service disabled it because deliveries kept failing."),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Webhook" });

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string().describe("The signing secret (whsec_…). Shown only in this response: store it now.") })
  .meta({ id: "WebhookWithSecret" });

export const webhookListSchema = z.object({ data: z.array(webhookSchema), nextCursor: z.string().nullable() }).meta({ id: "WebhookList" });

export const createWebhookBody = z
  .strictObject({ url: urlSchema, eventTypes: eventTypesSchema, active: z.boolean().optional() })
  .meta({ id: "CreateWebhook" });

export const updateWebhookBody = z
  .strictObject({ url: urlSchema.optional(), eventTypes: eventTypesSchema.optional(), active: z.boolean().optional().describe("true re-activates a disabled subscription (clears disabledAt and the failure count).") })
  .meta({ id: "UpdateWebhook" });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().describe("Sent as ClaimTrail-Event-Id; the same on every attempt and redelivery."),
    eventType: eventTypeSchema,
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().describe("When a pending delivery is tried next."),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });

export const deliveryListSchema = z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable() }).meta({ id: "WebhookDeliveryList" });

export const deliveryParams = z.object({ id: z.uuid().describe("Webhook id."), deliveryId: z.uuid().describe("Delivery id.") });
