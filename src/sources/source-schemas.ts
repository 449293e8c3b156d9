import { z } from "zod";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import { countryCodes } from "./country-codes";

export const sourceTypeSchema = z.enum(["person", "organization", "government", "agency", "press_office", "publication", "document"]);

export const sourceRefSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: sourceTypeSchema,
    aliases: z.array(z.string()),
    wikidataId: z.string().nullable(),
  })
  .meta({ id: "SourceRef" });

export const sourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    aliases: z.array(z.string()),
    type: sourceTypeSchema,
    wikidataId: z.string().nullable(),
    country: z.string().nullable(),
    description: z.string().nullable(),
    mergedIntoId: z.uuid().nullable().describe("Set when this source was merged into another."),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Source" });

export const matchKindSchema = z.enum(["exact", "prefix", "word_prefix", "contains", "similar"]);

export const sourceListItemSchema = sourceSchema
  .extend({
    match: z
      .object({
        kind: matchKindSchema.describe(
          "How the best of the source's names matched q: the whole name, its beginning, the beginning of one of its words, somewhere inside it, or only by trigram similarity (typos, other transliterations).",
        ),
        score: z.number().describe("pg_trgm word similarity of q to the source's names, 0–1; orders results of the same kind."),
      })
      .optional()
      .describe("Only with q."),
  })
  .meta({ id: "SourceListItem" });

export const sourceListSchema = z
  .object({ data: z.array(sourceListItemSchema), nextCursor: z.string().nullable().describe("Always null with q (search results are not paged).") })
  .meta({ id: "SourceList" });

// "|" separates names inside sources.searchText, so a name may not contain it.
const sourceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((s) => !s.includes("|"), { message: 'A name may not contain "|".' });
const wikidataIdSchema = z
  .string()
  .regex(/^Q[1-9]\d{0,11}$/, { message: 'A Wikidata item id such as "Q7747".' })
  .describe('Wikidata item id, e.g. "Q7747".');
const countrySchema = z
  .string()
  .refine((s) => countryCodes.has(s), { message: 'An ISO 3166-1 alpha-2 country code in capitals, e.g. "UA".' })
  .describe('ISO 3166-1 alpha-2 code in capitals, e.g. "UA" (also "XK" for Kosovo).');
const descriptionSchema = z.string().max(10_000);
const aliasesSchema = z
  .array(sourceNameSchema)
  .max(200)
  .describe("Other names the source goes by. Duplicates (ignoring case) and the name itself are dropped.");

export const createSourceBody = z
  .strictObject({
    name: sourceNameSchema,
    aliases: aliasesSchema.default([]),
    type: sourceTypeSchema,
    wikidataId: wikidataIdSchema.nullable().default(null),
    country: countrySchema.nullable().default(null),
    description: descriptionSchema.nullable().default(null),
  })
  .meta({ id: "SourceCreate" });

export const updateSourceBody = z
  .strictObject({
    name: sourceNameSchema.optional(),
    aliases: aliasesSchema.optional().describe("Replaces the whole list."),
    type: sourceTypeSchema.optional(),
    wikidataId: wikidataIdSchema.nullable().optional(),
    country: countrySchema.nullable().optional(),
    description: descriptionSchema.nullable().optional(),
  })
  // Only when the body is otherwise valid: an unknown field alone should not also read as "empty".
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one field to change.", when: (payload) => payload.issues.length === 0 })
  .meta({ id: "SourceUpdate", description: "The fields to change; absent fields stay as they are, null clears an optional field." });

export type SourceUpdate = z.infer<typeof updateSourceBody>;

export const mergeSourceBody = z
  .strictObject({ into: z.uuid().describe("The source that absorbs the duplicate named in the path.") })
  .meta({ id: "SourceMerge" });

const booleanFlag = (description: string) =>
  z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe(description);

export const listSourcesQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Search names and aliases, case- and accent-insensitively, best match first. Results are not paged: the best `limit` matches."),
  type: sourceTypeSchema.optional().describe("Only sources of this type."),
  includeMerged: booleanFlag("Include sources that were merged into another one."),
  limit: limitSchema,
  cursor: cursorSchema.describe("Opaque cursor from the previous page's nextCursor (listing without q only)."),
});

export const sourceClaimsQuery = z.strictObject({
  role: z.enum(["speaker", "intermediary", "publisher"]).optional().describe("Only claims in whose chain the source has this role."),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const ifMatchHeaders = z.object({
  "If-Match": z.string().describe('The ETag you last read, e.g. "3". Required.'),
  "Idempotency-Key": z.string().optional().describe("Makes a retry safe: the same key returns the first response for 24 hours."),
});

export const idempotencyHeaders = z.object({
  "Idempotency-Key": z.string().optional().describe("Makes a retry safe: the same key returns the first response for 24 hours."),
});
