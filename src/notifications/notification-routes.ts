import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";

const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('What happened, e.g. "webhook.disabled".'),
    message: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification" });
const notificationListSchema = z.object({ data: z.array(notificationSchema), nextCursor: z.string().nullable() }).meta({ id: "NotificationList" });
const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

/** Notices for the organization's admins (a webhook the service disabled, …). */
export function registerNotificationRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    { method: "get", path: "/notifications", operationId: "listNotifications", tags: ["Notifications"], access: "admin", query: listQuery, summary: "Notices for admins, newest first", responses: { 200: { description: "A page of notifications.", schema: notificationListSchema } } },
    async ({ res, query, auth }) => {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await db.prisma.notification.findMany({
        where: { organizationId: auth.organizationId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({
        data: page.map((n) => ({
          id: n.id,
          kind: n.kind,
          message: n.message,
          data: n.data && typeof n.data === "object" && !Array.isArray(n.data) ? (n.data as Record<string, unknown>) : null,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      });
    },
  );
}
