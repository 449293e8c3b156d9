import type { Database } from "../db/database";
import type { ApiRoutes, ResponseSpec } from "../http/api-router";
import { idParams } from "../http/common-schemas";
import { idempotentWrite } from "../http/idempotent-write";
import { notFound } from "../http/problem";
import { problemSchema } from "../http/problem-schema";
import { idempotencyHeaders } from "../claims/claim-schemas";
import { etagFor } from "../http/etag";
import { acceptProposal } from "./accept-proposal";
import { loadKnownSources } from "./known-sources-loader";
import { presentAttribution } from "./proposal-presenter";
import { findProposalRow, listProposals, presentProposals } from "./proposal-queries";
import {
  acceptProposalBodySchema,
  acceptResultSchema,
  articleExtractResultSchema,
  extractBodySchema,
  extractResultSchema,
  listProposalsQuerySchema,
  MAX_EXTRACT_LENGTH,
  proposalPageSchema,
  rejectProposalBodySchema,
  storedProposalSchema,
} from "./proposal-schemas";
import { rejectProposal } from "./reject-proposal";
import { runArticleExtraction } from "./run-article-extraction";
import { runExtraction } from "./run-extraction";

const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: "application/problem+json" });

const reviewQueueNote =
  "Proposals are the extractor's half of the review queue: GET /v1/claims lists recorded claims, GET /v1/proposals lists what the extractor " +
  "proposes for editors to accept (creating a claim) or reject.";

export function registerProposalRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/extract",
      operationId: "extractAttributions",
      summary: "Propose the attributed claims of a text (nothing stored)",
      description:
        "Runs the attribution extractor on `text`: for each attributed claim, the source, cue and content spans (UTF-16 offsets), the speech act, a " +
        "confidence in [0, 1] and the reporting chain, with mentions resolved to the organization's sources by name or alias. Deterministic, local, " +
        `nothing stored. Empty text is a 400; text longer than ${MAX_EXTRACT_LENGTH.toLocaleString("en")} code units is 413 \`text_too_long\`; a body ` +
        "over the server's body limit is 413 `payload_too_large`. Any other string (binary garbage, NUL bytes, unbalanced quotes) gives 200 with " +
        "whatever proposals it holds, usually none.",
      tags: ["Extraction"],
      access: "viewer",
      body: extractBodySchema,
      responses: {
        200: { description: "The proposals, in text order.", schema: extractResultSchema },
        413: problem("`text_too_long` (the extractor's limit) or `payload_too_large` (the body limit)."),
      },
    },
    async ({ res, body, auth }) => {
      const { known, byId } = await loadKnownSources(db.prisma, auth.organizationId);
      const result = runExtraction(body.text, known, 413);
      res.json({ proposals: result.proposals.map((p) => ({ id: p.id, ...presentAttribution(p, byId) })), stats: result.stats });
    },
  );

  api.operation(
    {
      method: "post",
      path: "/articles/:id/extract",
      operationId: "extractArticleProposals",
      summary: "Extract proposals from an article's latest revision and store them for review",
      description:
        "Runs the extractor on the latest revision and stores each new proposal as `pending`. A proposal already stored for that revision " +
        "(pending, accepted or rejected; same spans and speech act) is not offered again, so a rejection is remembered. Answers every pending " +
        `proposal of the revision. Records \`extraction.run\`. ${reviewQueueNote}`,
      tags: ["Extraction"],
      access: "fact_checker",
      params: idParams,
      resource: "Article",
      headers: idempotencyHeaders,
      responses: {
        200: { description: "The revision, counts, and its pending proposals in text order.", schema: articleExtractResultSchema },
        422: problem("`idempotency_key_reused`."),
      },
    },
    async ({ req, res, params, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => ({
        status: 200,
        body: await runArticleExtraction(tx, { organizationId: auth.organizationId, actor: auth.actor, articleId: params.id }),
      }));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/proposals",
      operationId: "listProposals",
      summary: "List extraction proposals (the review queue's proposals)",
      description: `Newest first, cursor-paged. \`status\` defaults to pending; \`articleId\` narrows to one article. ${reviewQueueNote}`,
      tags: ["Extraction"],
      access: "viewer",
      query: listProposalsQuerySchema,
      responses: { 200: { description: "A page of proposals.", schema: proposalPageSchema } },
    },
    async ({ res, query, auth }) => {
      res.json(await listProposals(db.prisma, { organizationId: auth.organizationId, ...query }));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/proposals/:id",
      operationId: "getProposal",
      summary: "Read one extraction proposal",
      tags: ["Extraction"],
      access: "viewer",
      params: idParams,
      resource: "Proposal",
      responses: { 200: { description: "The proposal.", schema: storedProposalSchema } },
    },
    async ({ res, params, auth }) => {
      const row = await findProposalRow(db.prisma, auth.organizationId, params.id);
      if (!row) throw notFound("Proposal");
      const [presented] = await presentProposals(db.prisma, auth.organizationId, [row]);
      res.json(presented);
    },
  );

  api.operation(
    {
      method: "post",
      path: "/proposals/:id/accept",
      operationId: "acceptProposal",
      summary: "Accept a proposal: create its claim with anchor and chain in one step",
      description:
        "Creates the claim through the same use case as POST /v1/claims, in one transaction with the proposal's change and events. Defaults: the " +
        "statement is the content as written; the anchor covers the content span(s) from the first start to the last end, on the proposal's " +
        "revision; kind from the speech act; fidelity verbatim when the content is wholly a direct quotation, else paraphrase; the chain as proposed, resolved sources by " +
        "id and other mentions created as new sources (type guessed from the mention, else `person`). The body may override statement, kind, " +
        "fidelity, externalId and chain. 409 `proposal_decided` when already accepted or rejected. Records `proposal.accepted` and `claim.created`.",
      tags: ["Extraction"],
      access: "fact_checker",
      params: idParams,
      resource: "Proposal",
      body: acceptProposalBodySchema,
      headers: idempotencyHeaders,
      responses: {
        201: { description: "The accepted proposal and its new claim.", schema: acceptResultSchema, headers: { Location: "The claim's URL.", ETag: "The claim's version." } },
        409: problem("`proposal_decided` (`proposalStatus`, `claimId`) or `external_id_taken`."),
        422: problem(
          "`unresolved_source` (a link names nobody, e.g. a bare pronoun: send `chain`), `anchor_mismatch`, `invalid_chain`, `unknown_source`, `source_merged`, or `idempotency_key_reused`.",
        ),
      },
    },
    async ({ req, res, params, body, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const out = await acceptProposal(tx, { organizationId: auth.organizationId, actor: auth.actor, id: params.id, input: body });
        return { status: 201, body: out, headers: { Location: `/v1/claims/${out.claim.id}`, ETag: etagFor(out.claim.version) } };
      });
    },
  );

  api.operation(
    {
      method: "post",
      path: "/proposals/:id/reject",
      operationId: "rejectProposal",
      summary: "Reject a proposal (remembered: not offered again for its revision)",
      description: "Marks the proposal rejected; the optional `reason` is kept in the `proposal.rejected` event. 409 `proposal_decided` when already decided.",
      tags: ["Extraction"],
      access: "fact_checker",
      params: idParams,
      resource: "Proposal",
      body: rejectProposalBodySchema,
      headers: idempotencyHeaders,
      responses: {
        200: { description: "The rejected proposal.", schema: storedProposalSchema },
        409: problem("`proposal_decided`."),
        422: problem("`idempotency_key_reused`."),
      },
    },
    async ({ req, res, params, body, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => ({
        status: 200,
        body: await rejectProposal(tx, { organizationId: auth.organizationId, actor: auth.actor, id: params.id, reason: body.reason }),
      }));
    },
  );
}
