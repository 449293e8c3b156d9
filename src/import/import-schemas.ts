import { z } from "zod";
import { articleWriteSchema } from "../articles/article-schemas";
import { anchorInputSchema, chainLinkInputSchema, createClaimBodySchema, newSourceInputSchema } from "../claims/claim-schemas";
import { createSourceBody } from "../sources/source-schemas";

export const MAX_IMPORT_LINES = 100_000;
/** Longer lines are rejected without being parsed (an article text is at most ~8 MB as JSON, but an import line should not be). */
export const MAX_LINE_BYTES = 2.5 * 1024 * 1024;
/** The whole NDJSON body at most (100,000 claims of a typical size take ~70 MB). */
export const MAX_IMPORT_BODY_BYTES = 1024 * 1024 * 1024;
/** Lines per transaction when atomic=false. */
export const IMPORT_BATCH_LINES = 2_000;
/** New claims written in one bulk group (src/claims/insert-claims.ts). */
export const BULK_GROUP_LINES = 500;
/** At most this many rejected lines are listed with their errors; totals count them all. */
export const MAX_REPORTED_REJECTIONS = 1_000;

const refSchema = z
  .string()
  .min(1)
  .max(200)
  .describe("Your name for this record within the import, so later lines can point at it.");

/** The anchor of an imported claim: an existing article (`articleId`) or one created earlier in the import (`articleRef`). */
const importAnchorSchema = z.union([
  anchorInputSchema,
  anchorInputSchema.omit({ articleId: true }).extend({ articleRef: refSchema.describe("The `ref` of an article line earlier in this import.") }),
]);

const importChainLinkSchema = chainLinkInputSchema.extend({
  source: z
    .union([z.strictObject({ id: z.uuid() }), z.strictObject({ new: newSourceInputSchema }), z.strictObject({ ref: refSchema })])
    .describe("`{ id }` (an existing source), `{ new: {…} }` (created with the claim) or `{ ref }` (a source line earlier in this import)."),
});

export const importClaimDataSchema = createClaimBodySchema.extend({
  anchor: importAnchorSchema,
  chain: z.array(importChainLinkSchema).max(100),
});
export type ImportClaimData = z.infer<typeof importClaimDataSchema>;

export const importLineSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("source"), ref: refSchema.optional(), data: createSourceBody }),
    z.strictObject({ type: z.literal("article"), ref: refSchema.optional(), data: articleWriteSchema }),
    z.strictObject({ type: z.literal("claim"), ref: refSchema.optional(), data: importClaimDataSchema }),
  ])
  .meta({
    id: "ImportLine",
    description:
      "One line of the NDJSON body. `data` has the shape of the single-record create body (POST /v1/sources, /v1/articles, /v1/claims), " +
      "except that a claim's anchor may name an article of this import by `articleRef` and a chain link's source may be `{ ref }`. " +
      "An article or claim whose `externalId` already exists is updated (article: fields and text, a new revision if the text differs; " +
      "claim: statement, kind, fidelity and chain — its anchor is kept) and reported as `updated` (or `unchanged`).",
  });
export type ImportLine = z.infer<typeof importLineSchema>;

export const importQuerySchema = z.strictObject({
  atomic: z
    .enum(["true", "false"])
    .default("true")
    .describe(
      "true (default): the whole import commits or nothing does. false: lines are written in transactions of 500; a rejected line is rolled back " +
        "alone and reported, its neighbours commit.",
    ),
});

export const importLineStatusSchema = z.enum(["created", "updated", "unchanged", "rejected"]);
export type ImportLineStatus = z.infer<typeof importLineStatusSchema>;

const fieldErrorSchema = z.object({ field: z.string(), message: z.string(), code: z.string().optional() });

export const importLineResultSchema = z
  .object({
    line: z.number().int().describe("1-based line number in the body."),
    ref: z.string().nullable(),
    type: z.enum(["source", "article", "claim"]).nullable(),
    status: importLineStatusSchema,
    id: z.uuid().nullable(),
    code: z.string().optional().describe("Why a line was rejected (e.g. validation_failed, invalid_json, line_too_long, unknown_ref, anchor_mismatch)."),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: "ImportLineResult" });
export type ImportLineResult = z.infer<typeof importLineResultSchema>;

export const importReportSchema = z
  .object({
    atomic: z.boolean(),
    committed: z.boolean().describe("atomic=true: whether anything was written (false when any line was rejected). atomic=false: true."),
    totals: z.object({ lines: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    written: z
      .array(importLineResultSchema)
      .describe("One entry per created, updated or unchanged line, in order, with the record's id. Empty when nothing was committed."),
    rejected: z.array(importLineResultSchema).describe(`The rejected lines with their errors (the first ${MAX_REPORTED_REJECTIONS}; totals.rejected counts all).`),
  })
  .meta({ id: "ImportReport" });
export type ImportReport = z.infer<typeof importReportSchema>;
