import { z } from "zod";
import { knownScopes } from "../auth/scopes";
import { roleSchema } from "../users/user-schemas";

const scopeSchema = z.enum(knownScopes as [string, ...string[]]);

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: roleSchema,
    scopes: z.array(z.string()),
    prefix: z.string().describe("The key's first characters, to recognise it; the key itself is never shown again."),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().describe("Approximate (updated at most once a minute)."),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeySchema = apiKeySchema
  .extend({ secret: z.string().describe("The API key. Shown only in this response: store it now.") })
  .meta({ id: "CreatedApiKey" });

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema), nextCursor: z.string().nullable() }).meta({ id: "ApiKeyList" });

export const createApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    role: roleSchema.describe("At most the caller's own role."),
    scopes: z
      .array(scopeSchema)
      .max(32)
      .refine((s) => new Set(s).size === s.length, { message: "scopes must not repeat" })
      .optional()
      .describe(
        "Narrow the key below its role: `<area>:read` or `<area>:write` (write includes read). Each operation's `x-scope` names the scope it needs; " +
          "without scopes the key may do whatever its role allows. GET /v1/me and the session routes need no scope.",
      ),
  })
  .meta({ id: "CreateApiKey" });
