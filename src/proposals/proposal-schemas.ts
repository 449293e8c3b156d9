import { z } from "zod";
import { chainInputSchema, claimKindSchema, claimSchema, fidelitySchema, speechActSchema } from "../claims/claim-schemas";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import { sourceRefSchema } from "../sources/source-schemas";

/** Longest text POST /v1/extract accepts, in UTF-16 code units (the engine's default ceiling). */
export const MAX_EXTRACT_LENGTH = 1_000_000;

export const spanSchema = z
  .object({ start: z.number().int(), end: z.number().int(), text: z.string() })
  .meta({ id: "TextSpan", description: "A piece of the text: UTF-16 offsets [start, end) and the text there." });

export const proposalStatusSchema = z.enum(["pending", "accepted", "rejected"]);

const proposalChainLinkSchema = z
  .object({
    role: z.enum(["speaker", "intermediary"]),
    source: spanSchema.nullable().describe("The mention as written (may be a pronoun); null when the text names nobody."),
    cue: spanSchema.nullable(),
    content: z.array(spanSchema).describe("For the speaker: the claim; for an intermediary: the reported passage."),
    speechAct: speechActSchema,
    antecedent: spanSchema.nullable().describe("The named mention a pronoun or description resolves to."),
    resolvedSource: sourceRefSchema.nullable().describe("The organization's source the mention resolves to (name or alias), if any."),
    carriedOver: z
      .boolean()
      .describe(
        "True for an intermediary implied, not stated, next to this statement: its reporting frame is carried over from an earlier sentence (\"…, the press service reported. … Xi added …\"); its source and cue spans point into that earlier sentence.",
      ),
  })
  .meta({ id: "ProposalChainLink" });

export const attributionSchema = z
  .object({
    source: spanSchema.nullable().describe("The original speaker as written (chain[0].source)."),
    cue: spanSchema.nullable().describe('The cue as written ("said", "according to", "has named").'),
    content: z.array(spanSchema).describe("One or more spans; discontinuous content split by the cue gives several."),
    speechAct: speechActSchema,
    confidence: z.number().min(0).max(1),
    direct: z.boolean().describe("The content contains a direct quotation."),
    pattern: z.string().describe("How the extractor found it (source-cue-content, according-to, …)."),
    antecedent: spanSchema.nullable(),
    resolvedSource: sourceRefSchema.nullable(),
    chain: z.array(proposalChainLinkSchema).describe("chain[0] is the speaker; later links are intermediaries (press service, agency…)."),
  })
  .meta({ id: "Attribution", description: "An attributed claim as the extractor proposes it." });

export const extractBodySchema = z
  .strictObject({
    text: z.string().min(1).describe(`Plain text, 1 to ${MAX_EXTRACT_LENGTH.toLocaleString("en")} UTF-16 code units (longer: 413 \`text_too_long\`).`),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/).optional().describe("BCP 47 tag; only English is analysed today, so it is informative."),
  })
  .meta({ id: "ExtractRequest" });

export const extractResultSchema = z
  .object({
    proposals: z.array(attributionSchema.extend({ id: z.string().describe('"p1", "p2", … in text order; stable within this response only.') })),
    stats: z.object({ characters: z.number().int(), sentences: z.number().int(), quotes: z.number().int() }),
  })
  .meta({ id: "ExtractResult" });

export const storedProposalSchema = z
  .object({
    id: z.uuid(),
    articleId: z.uuid(),
    revisionId: z.uuid(),
    revisionNumber: z.number().int().nullable(),
    status: proposalStatusSchema,
    confidence: z.number(),
    proposal: attributionSchema,
    claimId: z.uuid().nullable().describe("The claim created when the proposal was accepted."),
    decidedAt: z.iso.datetime().nullable(),
    decidedBy: z.object({ type: z.enum(["user", "api_key", "system"]), id: z.uuid().nullable() }).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Proposal", description: "An attributed claim proposed by the extractor for an article revision, waiting for an editor." });

export const articleExtractResultSchema = z
  .object({
    revision: z.object({ id: z.uuid(), number: z.number().int() }),
    found: z.number().int().describe("Proposals the extractor found in the revision."),
    added: z.number().int().describe("Of those, new ones (not already pending, accepted or rejected for this revision)."),
    data: z.array(storedProposalSchema).describe("Every pending proposal of the revision, in text order."),
  })
  .meta({ id: "ArticleExtractResult" });

export const listProposalsQuerySchema = z.strictObject({
  status: z.enum(["pending", "accepted", "rejected", "all"]).default("pending").describe("Default pending."),
  articleId: z.uuid().optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const proposalPageSchema = z.object({ data: z.array(storedProposalSchema), nextCursor: z.string().nullable() }).meta({ id: "ProposalPage" });

export const acceptProposalBodySchema = z
  .strictObject({
    statement: z.string().trim().min(1).max(5_000).optional().describe("Default: the content span(s) as written."),
    kind: claimKindSchema.optional().describe("Default from the speech act (denies → denial, accuses → accusation, promises → promise, …; a wholly quoted assertion → quote)."),
    fidelity: fidelitySchema.optional().describe("Default: verbatim when the content is wholly a direct quotation, else paraphrase."),
    externalId: z.string().min(1).max(200).optional(),
    chain: chainInputSchema.optional().describe("Replaces the proposed chain (cue spans refer to the proposal's revision)."),
  })
  .meta({ id: "AcceptProposal" });

export const acceptResultSchema = z.object({ proposal: storedProposalSchema, claim: claimSchema }).meta({ id: "AcceptedProposal" });

export const rejectProposalBodySchema = z
  .strictObject({ reason: z.string().trim().min(1).max(2_000).optional().describe("Kept in the proposal.rejected event.") })
  .meta({ id: "RejectProposal" });
