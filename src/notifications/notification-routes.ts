import { z } from "zod";
import { appendEvent } from "../events/event-log";
import type { Notification } from "../generated/prisma/client";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { idempotentWrite } from "../http/idempotent-write";
import { notFound } from "../http/problem";

const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('What happened, e.g. "webhook.disabled".'),
    message: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable().describe("When an admin marked it read (POST /v1/notifications/{id}/read); null while unread."),
  })
  .meta({ id: "Notification" });
const notificationListSchema = z.object({ data: z.array(notificationSchema), nextCursor: z.string().nullable() }).meta({ id: "NotificationList" });
const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
const tags = ["Notifications"];

function presentNotification(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    message: n.message,
    data: n.data && typeof n.data === "object" && !Array.isArray(n.data) ? (n.data as Record<string, unknown>) : null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** Notices for the organization's admins (a webhook the service disabled, …). */
export function registerNotificationRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    { method: "get", path: "/notifications", operationId: "listNotifications", tags, access: "admin", query: listQuery, summary: "Notices for admins, newest first", responses: { 200: { description: "A page of notifications.", schema: notificationListSchema } } },
    async ({ res, query, auth }) => {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await db.prisma.notification.findMany({
        where: { organizationId: auth.organizationId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentNotification), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    {
      method: "post", path: "/notifications/:id/read", operationId: "markNotificationRead", tags, access: "admin", params: idParams, resource: "Notification",
      summary: "Mark a notification read",
      description: "Sets readAt. Marking it again changes nothing: the first readAt stays and no second event is recorded.",
      responses: { 200: { description: "The notification, with readAt.", schema: notificationSchema } },
    },
    async ({ req, res, params, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const where = { organizationId: auth.organizationId, id: params.id };
        // Conditional, so two admins marking it at once record one read, not two.
        const r = await tx.notification.updateMany({ where: { ...where, readAt: null }, data: { readAt: new Date() } });
        const n = await tx.notification.findFirst({ where });
        if (!n) throw notFound("Notification");
        if (r.count === 1) {
          await appendEvent(tx, auth.organizationId, {
            actor: auth.actor,
            action: "notification.read",
            entityType: "notification",
            entityId: n.id,
            before: { readAt: null },
            after: { readAt: n.readAt?.toISOString() ?? null },
          });
        }
        return { status: 200, body: presentNotification(n) };
      });
    },
  );
}
