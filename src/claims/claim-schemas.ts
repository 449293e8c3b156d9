import { z } from "zod";
import { sourceRefSchema, sourceTypeSchema } from "../sources/source-schemas";

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

export const externalAppearanceSchema = z
  .object({
    url: z.string(),
    title: z.string().nullable(),
    datePublished: z.iso.datetime().nullable(),
    inLanguage: z.string().nullable().describe("As the markup gave it, usually a BCP 47 tag."),
  })
  .meta({ id: "ExternalAppearance", description: "An appearance known by URL only: there is no article text to anchor it in." });

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
    externalAppearances: z
      .array(externalAppearanceSchema)
      .describe("Where the claim was seen outside the organization's articles, known by URL only (imported ClaimReviews); earliest first, undated last, then by URL."),
    chain: z.array(chainLinkSchema),
    verdicts: z.object({ attribution: verdictSchema.nullable(), content: verdictSchema.nullable() }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Claim" });


// ---- Writes -------------------------------------------------------------------------

const offset = z.number().int().min(0).max(100_000_000);

export const anchorInputSchema = z
  .strictObject({
    articleId: z.uuid().describe("An article of your organization."),
    revisionNumber: z.number().int().min(1).optional().describe("Revision the offsets refer to; the latest when omitted."),
    exact: z.string().min(1).max(20_000).describe("The quoted text, exactly as it is at [start, end) in the revision."),
    start: offset.describe("Start offset in UTF-16 code units (JavaScript string index)."),
    end: offset.describe("End offset (exclusive) in UTF-16 code units."),
  })
  .meta({
    id: "AnchorInput",
    description:
      "Where the claim is quoted. The server checks that the revision's text at [start, end) equals `exact` (422 `anchor_mismatch` otherwise, " +
      "saying what is there and where `exact` does occur) and computes the TextQuoteSelector's prefix and suffix itself.",
  });

export const newSourceInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
    type: sourceTypeSchema,
    wikidataId: z.string().regex(/^Q\d{1,12}$/, "A Wikidata item id such as Q15031.").optional(),
    country: z.string().regex(/^[A-Z]{2}$/, "An ISO 3166-1 alpha-2 code such as CN.").optional(),
    description: z.string().max(2_000).optional(),
  })
  .meta({ id: "NewSourceInput", description: "A source created together with the claim, in the same transaction." });

export const chainLinkInputSchema = z
  .strictObject({
    source: z
      .union([z.strictObject({ id: z.uuid() }), z.strictObject({ new: newSourceInputSchema })])
      .describe("An existing source of your organization (`{ id }`) or a new one (`{ new: {…} }`)."),
    role: chainRoleSchema,
    cue: z.string().min(1).max(300).optional().describe("The cue as written in the article (\"said\", \"according to\")."),
    cueStart: offset.optional().describe("Start of the cue in the anchor's revision (UTF-16); with cueEnd and cue."),
    cueEnd: offset.optional().describe("End (exclusive) of the cue in the anchor's revision (UTF-16)."),
    speechAct: speechActSchema,
  })
  .meta({ id: "ChainLinkInput" });

export const chainInputSchema = z
  .array(chainLinkInputSchema)
  .max(100)
  .describe(
    "The attribution chain from the original speaker outwards. Rules (422 with `errors` naming `chain.N`): 1–10 links; " +
      "position 0 has role `speaker`; `publisher` only in the last position; a cue span lies inside the anchor's revision and the text there equals `cue`.",
  );

export const createClaimBodySchema = z
  .strictObject({
    statement: z.string().trim().min(1).max(5_000).describe("The claim as normalised by an editor."),
    kind: claimKindSchema,
    fidelity: fidelitySchema,
    externalId: z.string().min(1).max(200).optional().describe("Your own id for the claim; unique in your organization (409 `external_id_taken`)."),
    anchor: anchorInputSchema,
    chain: chainInputSchema,
  })
  .meta({ id: "CreateClaim" });

export const updateClaimBodySchema = z
  .strictObject({
    statement: z.string().trim().min(1).max(5_000).optional(),
    kind: claimKindSchema.optional(),
    fidelity: fidelitySchema.optional(),
    chain: chainInputSchema.optional().describe("Replaces the whole chain (same rules as on creation; cue spans refer to the anchor's revision)."),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one of statement, kind, fidelity, chain." })
  .meta({ id: "UpdateClaim" });

export const ifMatchHeaders = z.object({
  "If-Match": z.string().describe('The ETag of the claim as you last read it, e.g. "3". Required (428 without it; 412 if someone changed the claim since).'),
  "Idempotency-Key": z.string().optional().describe("Optional: a retry with the same key returns the first response instead of writing again (24 h)."),
});

export const idempotencyHeaders = z.object({
  "Idempotency-Key": z.string().optional().describe("Optional: a retry with the same key returns the first response instead of writing again (24 h)."),
});

// ---- Similar claims -------------------------------------------------------------------

export const similarClaimsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10).describe("At most 50."),
  minSimilarity: z.coerce.number().min(0.1).max(1).default(0.3).describe("Trigram similarity threshold (0.1–1) a statement must reach."),
});

export const similarClaimListSchema = z
  .object({
    data: z.array(
      z.object({
        claim: claimSchema,
        similarity: z.number().min(0).max(1).describe("pg_trgm similarity of the two statements, 0..1."),
        sameSpeaker: z.boolean().describe("Both claims have the same speaker (chain position 0)."),
      }),
    ),
  })
  .meta({ id: "SimilarClaimList", description: "Likely duplicates: same speaker first, then by similarity. Archived claims are left out." });

// ---- List, filters and search ---------------------------------------------------------

export const claimSortSchema = z.enum(["created", "updated", "relevance"]);

export const searchHitSchema = z
  .object({
    rank: z.number().describe("ts_rank of the match; higher is better. Only comparable within one query."),
    snippet: z
      .string()
      .describe(
        "Where the query matched, from the statement and the appearances' quotes. Safe HTML: every character of the text is escaped " +
          "(&, <, >, \", ') and the only markup is <mark>…</mark> around matched words, so it can be inserted as HTML as it is.",
      ),
  })
  .meta({ id: "SearchHit" });

export const claimListItemSchema = claimSchema
  .extend({ search: searchHitSchema.optional().describe("Present when the list was searched with `q`.") })
  .meta({ id: "ClaimListItem" });

export const claimListSchema = z.object({ data: z.array(claimListItemSchema), nextCursor: z.string().nullable() }).meta({ id: "ClaimList" });
