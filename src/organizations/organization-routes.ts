import { z } from "zod";
import type { Database } from "../db/database";
import { appendEvent } from "../events/event-log";
import type { ApiRoutes } from "../http/api-router";
import { idempotentWrite } from "../http/idempotent-write";
import { AppError } from "../http/problem";
import { canonicalJson } from "../lib/canonical-json";
import { sha256Hex } from "../lib/ids";
import { conditionalWriteHeaders, conditionalWriteProblems } from "../verification/write-docs";

const settingsSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    factCheckUrlTemplate: z.string().nullable(),
    publicFeed: z.boolean(),
    requireSecondReviewer: z.boolean(),
  })
  .meta({ id: "OrganizationSettings" });

const templateSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((t) => t.includes("{claimId}"), "Must contain {claimId}.")
  .refine((t) => {
    try {
      const u = new URL(t.split("{claimId}").join("x"));
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Must be an http(s) URL once {claimId} is substituted.")
  .describe("URL of the fact-check page of a claim, with {claimId} where the claim's id goes, e.g. https://news.example/fact-checks/{claimId}.");

const patchBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    factCheckUrlTemplate: templateSchema.nullable().optional(),
    publicFeed: z.boolean().optional().describe("Publish the ClaimReview feed without a key at /v1/organizations/{slug}/claimreview/feed."),
  })
  .meta({ id: "OrganizationSettingsPatch" });

type Settings = z.infer<typeof settingsSchema>;

// The organizations table has no version column: the ETag is a hash of the settings, and
// the update runs on the row locked FOR UPDATE, so a stale If-Match can never overwrite.
const etagOf = (s: Settings) => `"${sha256Hex(canonicalJson(s)).slice(0, 16)}"`;

function readIfMatch(raw: string | undefined): string {
  if (raw === undefined || raw === "") throw new AppError(428, "precondition_required", "Send If-Match with the ETag you last read.");
  const m = /^\s*(?:W\/)?("[0-9a-f]{16}")\s*$/.exec(raw);
  if (!m?.[1]) {
    throw new AppError(400, "invalid_if_match", "If-Match must be the ETag of GET /v1/organization.", { errors: [{ field: "If-Match", message: "Not an ETag of this API.", code: "invalid_if_match" }] });
  }
  return m[1];
}

const select = { id: true, slug: true, name: true, factCheckUrlTemplate: true, publicFeed: true, requireSecondReviewer: true } as const;

export function registerOrganizationRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/organization",
      operationId: "getOrganization",
      summary: "The caller's organization settings",
      tags: ["Organization"],
      access: "admin",
      responses: { 200: { description: "The settings.", schema: settingsSchema, headers: { ETag: "Send it back in If-Match to change the settings." } } },
    },
    async ({ res, auth }) => {
      const org = await db.prisma.organization.findUniqueOrThrow({ where: { id: auth.organizationId }, select });
      res.setHeader("ETag", etagOf(org));
      res.json(org);
    },
  );

  api.operation(
    {
      method: "patch",
      path: "/organization",
      operationId: "updateOrganization",
      summary: "Change the organization's name, fact-check URL template or public feed",
      tags: ["Organization"],
      access: "admin",
      headers: conditionalWriteHeaders,
      body: patchBody,
      responses: { 200: { description: "The settings as they are now.", schema: settingsSchema }, ...conditionalWriteProblems },
    },
    async ({ req, res, body, auth }) => {
      const expected = readIfMatch(req.headers["if-match"]);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        await tx.$queryRaw`SELECT id FROM organizations WHERE id = CAST(${auth.organizationId} AS uuid) FOR UPDATE`;
        const before = await tx.organization.findUniqueOrThrow({ where: { id: auth.organizationId }, select });
        if (etagOf(before) !== expected) {
          throw new AppError(412, "version_conflict", "The settings were changed since you read them. Reload and apply your change again.", { currentEtag: etagOf(before), headers: { ETag: etagOf(before) } });
        }
        const after = await tx.organization.update({
          where: { id: auth.organizationId },
          data: {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.factCheckUrlTemplate !== undefined ? { factCheckUrlTemplate: body.factCheckUrlTemplate } : {}),
            ...(body.publicFeed !== undefined ? { publicFeed: body.publicFeed } : {}),
          },
          select,
        });
        await appendEvent(tx, auth.organizationId, { actor: auth.actor, action: "organization.updated", entityType: "organization", entityId: auth.organizationId, before, after });
        return { status: 200, body: after, headers: { ETag: etagOf(after) } };
      });
    },
  );
}
