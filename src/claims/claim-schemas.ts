import { z } from "zod";
import { sourceRefSchema } from "../sources/source-schemas";

export const claimKindSchema = z.enum(["statement", "statistic", "quote", "denial", "accusation", "promise", "prediction", "opinion"]);
export const fidelitySchema = z.enum(["verbatim", "paraphrase", "translation"]);
export const chainRoleSchema = z.enum(["speaker", "intermediary", "publisher"]);
export const speechActSchema = z.enum(["asserts", "denies", "accuses", "characterises", "reports", "promises", "predicts"]);
export const claimStatusSchema = z.enum(["new", "in_review", "ready", "published", "corrected", "retracted", "archived"]);

export const anchorSchema = z
  .object({
    id: z.uuid(),
    articleId: z.uuid(),
    article: z.object({ id: z.uuid(), title: z.string(), url: z.string(), publishedAt: z.iso.datetime().nullable() }),
    revisionId: z.uuid(),
    revisionNumber: z.number().int(),
    status: z.enum(["anchored", "anchor_lost"]),
    lastGoodRevisionId: z.uuid(),
    lastGoodRevisionNumber: z.number().int(),
    selectors: z.tuple([
      z.object({ type: z.literal("TextQuoteSelector"), exact: z.string(), prefix: z.string(), suffix: z.string() }),
      z.object({ type: z.literal("TextPositionSelector"), start: z.number().int(), end: z.number().int() }),
    ]),
  })
  .meta({ id: "Anchor", description: "Where a claim appears, as W3C Web Annotation selectors (UTF-16 offsets)." });

export const chainLinkSchema = z
  .object({
    position: z.number().int(),
    role: chainRoleSchema,
    cue: z.string().nullable(),
    cueSpan: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
    speechAct: speechActSchema,
    source: sourceRefSchema,
  })
  .meta({ id: "ChainLink" });

export const verdictSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(["attribution", "content"]),
    rating: z.object({ id: z.uuid(), key: z.string(), label: z.string(), colour: z.string(), value: z.number().int().nullable() }),
    rationale: z.string(),
    evidence: z.array(
      z.object({ url: z.string(), title: z.string(), quote: z.string().nullable(), accessedAt: z.iso.datetime().nullable(), isPrimarySource: z.boolean() }),
    ),
    reviewer: z.object({ type: z.enum(["user", "api_key", "system"]), id: z.uuid() }),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Verdict" });

export const claimSchema = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    statement: z.string(),
    kind: claimKindSchema,
    fidelity: fidelitySchema,
    status: claimStatusSchema,
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match."),
    assignee: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
    anchor: anchorSchema.nullable(),
    appearances: z.array(anchorSchema),
    chain: z.array(chainLinkSchema),
    verdicts: z.object({ attribution: verdictSchema.nullable(), content: verdictSchema.nullable() }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Claim" });

export const claimListSchema = z.object({ data: z.array(claimSchema), nextCursor: z.string().nullable() }).meta({ id: "ClaimList" });
