import { z } from "zod";
import { problemResponse } from "../auth/problem-response";
import { NO_STORE, refuseIdempotencyKey } from "../auth/secret-bearing-writes";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, etagHeader, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag, etagFor } from "../http/etag";
import { idempotentWrite } from "../http/idempotent-write";
import { notFound } from "../http/problem";
import { requireIfMatch } from "../http/preconditions";
import { listDeliveries, redeliver } from "./webhook-deliveries";
import { presentDelivery, presentWebhook } from "./webhook-presenter";
import {
  createWebhookBody, deliveryListSchema, deliveryParams, deliverySchema, updateWebhookBody, webhookListSchema, webhookSchema, webhookWithSecretSchema,
} from "./webhook-schemas";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from "./webhook-subscriptions";
import { resolveSecretKey } from "./secret-box";
import { checkTargetUrl } from "./url-guard";

const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
const tags = ["Webhooks"];
const urlRefused = problemResponse("`webhook_url_not_allowed`: not http(s), or an internal address (after DNS resolution) that WEBHOOK_ALLOWED_HOSTS does not name.");
const keyMissing = problemResponse("`webhook_secret_key_missing`: a server deployment needs WEBHOOK_SECRET_KEY to store signing secrets.");

export function registerWebhookRoutes(api: ApiRoutes, db: Database, config: Config): void {
  api.operation(
    {
      method: "post", path: "/webhooks", operationId: "createWebhook", tags, access: "admin", body: createWebhookBody,
      summary: "Subscribe a URL to events (the signing secret is shown only in this response)",
      description: "Does not accept Idempotency-Key (the response carries the secret). Deliveries are signed with the secret; see the README.",
      responses: {
        201: { description: "The subscription, with its secret.", schema: webhookWithSecretSchema, headers: { Location: "The subscription's URL.", "Cache-Control": "no-store", ...etagHeader } },
        409: keyMissing,
        422: urlRefused,
      },
    },
    async ({ req, res, body, auth }) => {
      refuseIdempotencyKey(req);
      await checkTargetUrl(body.url, config.WEBHOOK_ALLOWED_HOSTS);
      const key = resolveSecretKey(config);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const { sub, secret } = await createWebhook({ tx, organizationId: auth.organizationId, actor: auth.actor }, { url: body.url, eventTypes: body.eventTypes, active: body.active ?? true, key });
        return { status: 201, body: { ...presentWebhook(sub), secret }, headers: { ...NO_STORE, Location: `/v1/webhooks/${sub.id}`, ETag: etagFor(sub.version) } };
      });
    },
  );

  api.operation(
    { method: "get", path: "/webhooks", operationId: "listWebhooks", tags, access: "admin", query: listQuery, summary: "List webhook subscriptions, newest first", responses: { 200: { description: "A page of subscriptions (never their secrets).", schema: webhookListSchema } } },
    async ({ res, query, auth }) => {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await db.prisma.webhookSubscription.findMany({
        where: { organizationId: auth.organizationId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentWebhook), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    { method: "get", path: "/webhooks/:id", operationId: "getWebhook", tags, access: "admin", params: idParams, resource: "Webhook", summary: "Get a webhook subscription", responses: { 200: { description: "The subscription.", schema: webhookSchema, headers: etagHeader } } },
    async ({ res, params, auth }) => {
      const sub = await db.prisma.webhookSubscription.findUnique({ where: { organizationId_id: { organizationId: auth.organizationId, id: params.id } } });
      if (!sub) throw notFound("Webhook");
      setEtag(res, sub.version);
      res.json(presentWebhook(sub));
    },
  );

  api.operation(
    {
      method: "patch", path: "/webhooks/:id", operationId: "updateWebhook", tags, access: "admin", params: idParams, resource: "Webhook", body: updateWebhookBody,
      summary: "Change a subscription's URL, event types or active flag (If-Match)",
      description: "`active: true` re-activates a subscription the service disabled: disabledAt, disabledReason and the failure count are cleared and its pending deliveries resume, each with 24 hours of retries from now.",
      responses: { 200: { description: "The subscription.", schema: webhookSchema, headers: etagHeader }, 412: problemResponse("`version_conflict`."), 422: urlRefused, 428: problemResponse("`precondition_required`: If-Match is missing.") },
    },
    async ({ req, res, params, body, auth }) => {
      const expected = requireIfMatch(req);
      if (body.url !== undefined) await checkTargetUrl(body.url, config.WEBHOOK_ALLOWED_HOSTS);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const sub = await updateWebhook({ tx, organizationId: auth.organizationId, actor: auth.actor }, params.id, expected, body);
        return { status: 200, body: presentWebhook(sub), headers: { ETag: etagFor(sub.version) } };
      });
    },
  );

  api.operation(
    { method: "delete", path: "/webhooks/:id", operationId: "deleteWebhook", tags, access: "admin", params: idParams, resource: "Webhook", summary: "Delete a subscription and its delivery log", responses: { 204: { description: "Deleted; nothing more is sent to it." } } },
    async ({ req, res, params, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        await deleteWebhook({ tx, organizationId: auth.organizationId, actor: auth.actor }, params.id);
        return { status: 204, body: undefined };
      });
    },
  );

  api.operation(
    {
      method: "post", path: "/webhooks/:id/rotate-secret", operationId: "rotateWebhookSecret", tags, access: "admin", params: idParams, resource: "Webhook",
      summary: "Replace the signing secret (the new one is shown only in this response)",
      description: "Every delivery from now on, including retries of earlier events, is signed with the new secret. Does not accept Idempotency-Key.",
      responses: { 200: { description: "The subscription, with its new secret.", schema: webhookWithSecretSchema, headers: { "Cache-Control": "no-store", ...etagHeader } }, 409: keyMissing },
    },
    async ({ req, res, params, auth }) => {
      refuseIdempotencyKey(req);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const { sub, secret } = await rotateWebhookSecret({ tx, organizationId: auth.organizationId, actor: auth.actor }, params.id, () => resolveSecretKey(config));
        return { status: 200, body: { ...presentWebhook(sub), secret }, headers: { ...NO_STORE, ETag: etagFor(sub.version) } };
      });
    },
  );

  api.operation(
    { method: "get", path: "/webhooks/:id/deliveries", operationId: "listWebhookDeliveries", tags, access: "admin", params: idParams, resource: "Webhook", query: listQuery, summary: "A subscription's delivery log, newest first", responses: { 200: { description: "A page of deliveries.", schema: deliveryListSchema } } },
    async ({ res, params, query, auth }) => {
      const sub = await db.prisma.webhookSubscription.findUnique({ where: { organizationId_id: { organizationId: auth.organizationId, id: params.id } }, select: { id: true } });
      if (!sub) throw notFound("Webhook");
      const rows = await listDeliveries(db.prisma, auth.organizationId, params.id, { limit: query.limit + 1, after: query.cursor ? decodeCursor(query.cursor) : undefined });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentDelivery), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    {
      method: "post", path: "/webhooks/:id/deliveries/:deliveryId/redeliver", operationId: "redeliverWebhook", tags, access: "admin", params: deliveryParams, resource: "Delivery",
      summary: "Send a delivery again, now, with the same event id",
      description: "The delivery gets 24 hours of retries from now, however old its event. If they run out it fails, without disabling the subscription by itself.",
      responses: { 202: { description: "Queued; the worker sends it shortly.", schema: deliverySchema }, 409: problemResponse("`delivery_in_flight`: a worker is sending it right now.") },
    },
    async ({ req, res, params, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const d = await redeliver({ tx, organizationId: auth.organizationId, actor: auth.actor }, params.id, params.deliveryId);
        return { status: 202, body: presentDelivery(d) };
      });
    },
  );
}
