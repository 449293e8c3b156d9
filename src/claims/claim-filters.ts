import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import type { AuthContext } from "../http/types";
import { claimKindSchema, claimSortSchema, claimStatusSchema, speechActSchema } from "./claim-schemas";

/** A comma-separated list in one query parameter ("new,in_review"), each value validated. */
function csv<T extends z.ZodType<unknown, string>>(item: T, description: string) {
  return z
    .string()
    .max(4_000)
    .transform((s) => s.split(",").map((v) => v.trim()))
    .pipe(z.array(item).min(1).max(100))
    .optional()
    .describe(`${description} Several values, comma-separated, match any of them.`);
}

const values = (e: { options: readonly string[] }) => e.options.map((o) => `\`${o}\``).join(", ");

const ratingKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "A rating label key such as mostly_false.");

// ISO 8601: a date-time with Z or an offset, or a plain date (midnight UTC).
const instant = (description: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
    .optional()
    .describe(`${description} ISO 8601 date-time with Z or an offset, or a date (midnight UTC).`);

export const listClaimsQuerySchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'Full-text search over statements and the appearances\' quotes, in web-search syntax: words (all must match, stemmed English), "quoted phrases", `OR`, and `-word` to exclude. ' +
          "Each item then carries `search: { rank, snippet }`.",
      ),
    status: csv(claimStatusSchema, `Workflow status: ${values(claimStatusSchema)}. Archived claims are listed unless you filter by status.`),
    attributionVerdict: csv(ratingKey, "Attribution rating label key (e.g. `accurate`)."),
    contentVerdict: csv(ratingKey, "Content rating label key (e.g. `false`)."),
    speaker: csv(z.uuid(), "Speaker source id (chain position 0)."),
    source: csv(z.uuid(), "Source id anywhere in the attribution chain."),
    article: csv(z.uuid(), "Article id the claim appears in."),
    kind: csv(claimKindSchema, `Claim kind: ${values(claimKindSchema)}.`),
    speechAct: csv(speechActSchema, `A chain link with this speech act: ${values(speechActSchema)}.`),
    assignee: csv(
      z.union([z.uuid(), z.literal("me"), z.literal("none")]),
      "Assignee: a user id, `me` (the signed-in user; for an API key `me` matches nothing, as a key is never an assignee) or `none` (unassigned).",
    ),
    createdFrom: instant("Created at or after this instant."),
    createdTo: instant("Created before this instant (exclusive)."),
    updatedFrom: instant("Updated at or after this instant."),
    updatedTo: instant("Updated before this instant (exclusive)."),
    sort: claimSortSchema
      .optional()
      .describe(
        "`created` (newest first; the default, with or without `q`), `updated` (most recently changed first) or `relevance` (best match first; only with `q`). " +
          "`relevance` ranks every match before it can return the first page: on a broad query over a large archive it is much slower than the default. " +
          "A claim changed while you page by `updated` moves to the front and is not repeated.",
      ),
    limit: limitSchema,
    cursor: cursorSchema.describe("Opaque cursor from the previous page's nextCursor; only valid with the same sort (400 `invalid_cursor` otherwise)."),
  })
  .superRefine((q, ctx) => {
    if (q.sort === "relevance" && !q.q) ctx.addIssue({ code: "custom", path: ["sort"], message: "sort=relevance needs a search query q." });
  });

export type ListClaimsQuery = z.infer<typeof listClaimsQuerySchema>;

const inList = (column: Prisma.Sql, vals: readonly string[], cast: string): Prisma.Sql =>
  Prisma.sql`${column} IN (${Prisma.join(vals.map((v) => Prisma.sql`CAST(${v} AS ${Prisma.raw(cast)})`))})`;

/**
 * The WHERE conditions of a claims list, on alias `c`. Every value is a bound parameter.
 * Column filters compare the claims table's own (denormalised) columns, so that each
 * filter is a range scan of one of its (organizationId, column, createdAt, id) indexes;
 * chain and article filters are EXISTS probes on indexed link/appearance keys.
 */
export function claimFilterConditions(q: ListClaimsQuery, auth: AuthContext): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`c."organizationId" = CAST(${auth.organizationId} AS uuid)`];
  if (q.status) where.push(inList(Prisma.sql`c.status`, q.status, `"ClaimStatus"`));
  if (q.kind) where.push(inList(Prisma.sql`c.kind`, q.kind, `"ClaimKind"`));
  if (q.attributionVerdict) where.push(inList(Prisma.sql`c."attributionRatingKey"`, q.attributionVerdict, "text"));
  if (q.contentVerdict) where.push(inList(Prisma.sql`c."contentRatingKey"`, q.contentVerdict, "text"));
  if (q.speaker) where.push(inList(Prisma.sql`c."speakerSourceId"`, q.speaker, "uuid"));
  if (q.source) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM attribution_links l WHERE l."organizationId" = c."organizationId" AND l."claimId" = c.id AND ${inList(Prisma.sql`l."sourceId"`, q.source, "uuid")})`);
  }
  if (q.speechAct) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM attribution_links l WHERE l."organizationId" = c."organizationId" AND l."claimId" = c.id AND ${inList(Prisma.sql`l."speechAct"`, q.speechAct, `"SpeechAct"`)})`);
  }
  if (q.article) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM claim_appearances a WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id AND ${inList(Prisma.sql`a."articleId"`, q.article, "uuid")})`);
  }
  if (q.assignee) where.push(assigneeCondition(q.assignee, auth));
  if (q.createdFrom) where.push(Prisma.sql`c."createdAt" >= CAST(${q.createdFrom} AS timestamptz)`);
  if (q.createdTo) where.push(Prisma.sql`c."createdAt" < CAST(${q.createdTo} AS timestamptz)`);
  if (q.updatedFrom) where.push(Prisma.sql`c."updatedAt" >= CAST(${q.updatedFrom} AS timestamptz)`);
  if (q.updatedTo) where.push(Prisma.sql`c."updatedAt" < CAST(${q.updatedTo} AS timestamptz)`);
  return where;
}

function assigneeCondition(assignee: readonly string[], auth: AuthContext): Prisma.Sql {
  const ids = new Set<string>();
  let unassigned = false;
  for (const a of assignee) {
    if (a === "none") unassigned = true;
    // An API key is never an assignee, so its `me` adds nothing (and matches nothing alone).
    else if (a === "me") {
      if (auth.actor.type === "user" && auth.actor.id) ids.add(auth.actor.id);
    } else ids.add(a);
  }
  const parts: Prisma.Sql[] = [];
  if (ids.size) parts.push(inList(Prisma.sql`c."assigneeId"`, [...ids], "uuid"));
  if (unassigned) parts.push(Prisma.sql`c."assigneeId" IS NULL`);
  if (!parts.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}
