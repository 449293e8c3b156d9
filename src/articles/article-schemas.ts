import { z } from "zod";
import { claimStatusSchema } from "../claims/claim-schemas";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import { sourceRefSchema } from "../sources/source-schemas";

export const MAX_TEXT_LENGTH = 2_000_000;
export const MAX_EXTERNAL_ID_LENGTH = 200;

// PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded as UTF-8 (it
// would be stored as U+FFFD, so the stored text would differ from the one whose offsets
// and hash we computed): both are refused up front instead of failing in the database.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string) => !s.includes("\u0000") && !loneSurrogate.test(s);
const storableMessage = "Must be well-formed Unicode without NUL characters.";
const controlChars = /[\u0000-\u001f\u007f]/;

export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** "pt-br" → "pt-BR", so that the same language is always stored the same way. */
export function canonicalLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

const urlField = z.url({ protocol: /^https?$/ }).max(2048).describe("The article's address (http or https).");
const titleField = z.string().trim().min(1).max(1000).refine(storable, storableMessage);
const languageField = z
  .string()
  .min(2)
  .max(64)
  .refine(isLanguageTag, "Not a BCP 47 language tag (e.g. en, pt-BR).")
  .overwrite(canonicalLanguage)
  .describe("BCP 47 language tag, e.g. `en` or `pt-BR`; stored in canonical case.");
const publishedAtField = z.iso
  .datetime({ offset: true })
  .nullable()
  .describe("ISO 8601 date-time with an offset or Z, e.g. 2025-01-21T13:32:00+02:00; null if unknown.");
const publisherIdField = z.uuid().nullable().describe("Id of the source that published the article (an existing source of the organization), or null.");
const textField = z
  .string()
  .max(MAX_TEXT_LENGTH)
  .refine((s) => s.trim().length > 0, "The text must not be empty.")
  .refine(storable, storableMessage)
  .describe(
    `The article's full text (at most ${MAX_TEXT_LENGTH.toLocaleString("en")} UTF-16 code units; request bodies of article writes may be up to 8 MB). ` +
      "Claim offsets count UTF-16 code units of this text.",
  );
export const externalIdField = z
  .string()
  .min(1)
  .max(MAX_EXTERNAL_ID_LENGTH)
  .refine((s) => !controlChars.test(s) && storable(s), "Must not contain control characters.")
  .describe("The CMS's own id of the article, unique per organization.");

/** POST /v1/articles, and PUT /v1/articles/{id} (a full replacement: omitted optional fields become null). */
export const articleWriteSchema = z
  .strictObject({
    url: urlField,
    publisherId: publisherIdField.optional(),
    title: titleField,
    language: languageField,
    publishedAt: publishedAtField.optional(),
    text: textField,
    externalId: externalIdField.nullable().optional(),
  })
  .meta({ id: "ArticleWrite" });
export type ArticleWriteBody = z.infer<typeof articleWriteSchema>;

/** PUT /v1/articles/by-external-id/{externalId}: the externalId is the path's. */
export const articleUpsertSchema = articleWriteSchema.omit({ externalId: true }).meta({ id: "ArticleUpsert" });
export type ArticleUpsertBody = z.infer<typeof articleUpsertSchema>;

export const articlePatchSchema = z
  .strictObject({
    url: urlField.optional(),
    publisherId: publisherIdField.optional(),
    title: titleField.optional(),
    language: languageField.optional(),
    publishedAt: publishedAtField.optional(),
    text: textField.optional(),
    externalId: externalIdField.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change.")
  .meta({ id: "ArticlePatch" });
export type ArticlePatchBody = z.infer<typeof articlePatchSchema>;

export const externalIdParams = z.object({
  // Loosely typed on purpose: a path that fails the params schema answers 404, but an
  // over-long id in a create-or-update must be a 400 (checked in the handler).
  externalId: z.string().describe(`The CMS's id of the article, 1–${MAX_EXTERNAL_ID_LENGTH} characters, percent-encoded in the path.`),
});

export const revisionParams = z.object({
  id: z.uuid().describe("Article id (UUID)."),
  number: z.coerce.number().int().min(1).max(2_147_483_647).describe("Revision number (1, 2, …)."),
});

export const articleListQuery = z.strictObject({
  externalId: z.string().min(1).max(MAX_EXTERNAL_ID_LENGTH).optional().describe("Only the article with this externalId."),
  url: z.string().min(1).max(2048).optional().describe("Only articles with exactly this URL."),
  publisherId: z.uuid().optional().describe("Only articles published by this source."),
  q: z.string().trim().min(1).max(200).optional().describe("Only articles whose title contains this text (case-insensitive)."),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const revisionListQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

// ---- responses ----

export const revisionRefSchema = z
  .object({ id: z.uuid(), number: z.number().int(), textHash: z.string().describe("Lowercase hex SHA-256 of the UTF-8 text."), createdAt: z.iso.datetime() })
  .meta({ id: "ArticleRevisionRef" });

export const revisionSummarySchema = revisionRefSchema
  .extend({ length: z.number().int().describe("Length of the text in UTF-16 code units.") })
  .meta({ id: "ArticleRevisionSummary" });

export const revisionSchema = revisionSummarySchema.extend({ text: z.string() }).meta({ id: "ArticleRevision" });
export const revisionListSchema = z.object({ data: z.array(revisionSummarySchema), nextCursor: z.string().nullable() }).meta({ id: "ArticleRevisionList" });

const articleSummaryShape = {
  id: z.uuid(),
  externalId: z.string().nullable(),
  url: z.string(),
  title: z.string(),
  language: z.string(),
  publishedAt: z.iso.datetime().nullable(),
  publisher: sourceRefSchema.nullable(),
  version: z.number().int(),
  revision: revisionRefSchema.describe("The latest revision."),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const articleSummarySchema = z.object(articleSummaryShape).meta({ id: "ArticleSummary" });
export const articleListSchema = z.object({ data: z.array(articleSummarySchema), nextCursor: z.string().nullable() }).meta({ id: "ArticleList" });

export const articleClaimSchema = z
  .object({
    claimId: z.uuid(),
    statement: z.string(),
    status: claimStatusSchema,
    anchorStatus: z.enum(["anchored", "anchor_lost"]),
    span: z
      .object({ start: z.number().int(), end: z.number().int(), exact: z.string() })
      .nullable()
      .describe("Where the quote is in the latest revision; null when its anchor is lost."),
    quote: z.string().describe("The quoted text (TextQuoteSelector exact), also when its anchor is lost."),
    lastGoodRevisionNumber: z.number().int().describe("The latest revision in which the quote was found."),
  })
  .meta({ id: "ArticleClaim" });

export const articleSchema = z
  .object({
    ...articleSummaryShape,
    text: z.string().describe("Full text of the latest revision."),
    claims: z.array(articleClaimSchema),
  })
  .meta({ id: "Article" });

export const articleWriteResultSchema = z
  .object({ ...articleSummaryShape, claims: z.array(articleClaimSchema).describe("Every claim's anchor after the change.") })
  .meta({ id: "ArticleWriteResult" });
