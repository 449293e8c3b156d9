import { z } from "zod";
import { limitSchema } from "../http/common-schemas";

/** An actor as reads show it: its kind, its id and the name people know it by. */
export const namedActorSchema = z
  .object({
    type: z.enum(["user", "api_key", "system"]),
    id: z.uuid().nullable().describe("The user's or API key's id; null for the system."),
    name: z
      .string()
      .nullable()
      .describe('The user\'s name, the API key\'s name, or "System"; null when the user or key no longer exists. Names come from the caller\'s organization only.'),
  })
  .meta({ id: "NamedActor" });

export const historyEntrySchema = z
  .object({
    seq: z.number().int().describe("Position in the organization's event log."),
    occurredAt: z.iso.datetime(),
    actor: namedActorSchema,
    action: z.string().describe("e.g. claim.created, verdict.updated, claim.transitioned, claim.corrected, comment.created."),
    entityType: z.string(),
    entityId: z.uuid(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: "HistoryEntry" });

export const historyPageSchema = z.object({ data: z.array(historyEntrySchema), nextCursor: z.string().nullable() }).meta({ id: "ClaimHistory" });

export const historyQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().min(1).max(100).optional().describe("Opaque cursor from the previous page's nextCursor."),
});
