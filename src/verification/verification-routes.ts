import { presentClaim } from "../claims/claim-presenter";
import type { ClaimWithRelations } from "../claims/claim-queries";
import { claimSchema } from "../claims/claim-schemas";
import type { Database } from "../db/database";
import type { VerdictKind } from "../generated/prisma/enums";
import type { ApiRoutes } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { etagFor } from "../http/etag";
import { idempotentWrite, type WriteResult } from "../http/idempotent-write";
import { requireIfMatch } from "../http/preconditions";
import { AppError } from "../http/problem";
import { assignClaim } from "./assign-claim";
import { putVerdict } from "./put-verdict";
import { transitionClaim } from "./transition-claim";
import { assigneeBody, attributionVerdictBody, contentVerdictBody, transitionBody } from "./verification-schemas";
import { conditionalWriteHeaders, conditionalWriteProblems, problemResponse } from "./write-docs";

const claimResponse = (claim: ClaimWithRelations): WriteResult => ({ status: 200, body: presentClaim(claim), headers: { ETag: etagFor(claim.version) } });
const changedClaim = { description: "The claim as it is now, with its new ETag.", schema: claimSchema, headers: etagHeader };

export function registerVerificationRoutes(api: ApiRoutes, db: Database): void {
  const verdictRoute = (kind: VerdictKind, body: typeof attributionVerdictBody | typeof contentVerdictBody, operationId: string) =>
    api.operation(
      {
        method: "put",
        path: `/claims/:id/verdicts/${kind}`,
        operationId,
        summary: `Set the claim's ${kind} verdict`,
        description:
          `Creates or replaces the ${kind} verdict (rating, rationale and the whole evidence list); the caller is recorded as its reviewer. ` +
          "If-Match is the CLAIM's ETag, and the claim's version goes up: any change to a claim's verification invalidates every stale copy of the claim. " +
          "On a published or corrected claim the change is a public correction: it needs `correctionNote` and the editor role, and moves the claim to `corrected`; " +
          "the publishing rules still hold afterwards (both verdicts, each with at least one evidence item, and with a second-reviewer rule, a corrector who did not also review the other verdict).",
        tags: ["Verification"],
        access: "fact_checker",
        params: idParams,
        resource: "Claim",
        headers: conditionalWriteHeaders,
        body,
        responses: {
          200: changedClaim,
          409: problemResponse(
            "`claim_archived` / `claim_retracted`; for a correction, `publish_requirements_not_met` (`missing` lists what the published claim would lack) or `second_reviewer_required`.",
          ),
          422: problemResponse("Unknown or retired rating (`allowed` lists the usable keys), or a missing/unexpected correctionNote."),
          ...conditionalWriteProblems,
        },
      },
      async ({ req, res, params, body: parsed, auth }) => {
        const expectedVersion = requireIfMatch(req);
        await idempotentWrite(db, req, res, auth, async (tx) =>
          claimResponse(
            await putVerdict(tx, {
              organizationId: auth.organizationId,
              claimId: params.id,
              kind,
              expectedVersion,
              actor: auth.actor,
              role: auth.role,
              rating: parsed.rating,
              rationale: parsed.rationale,
              evidence: parsed.evidence,
              correctionNote: parsed.correctionNote,
            }),
          ),
        );
      },
    );
  verdictRoute("attribution", attributionVerdictBody, "putAttributionVerdict");
  verdictRoute("content", contentVerdictBody, "putContentVerdict");

  api.operation(
    {
      method: "post",
      path: "/claims/:id/transitions",
      operationId: "transitionClaim",
      summary: "Move a claim along the verification workflow",
      description:
        "Workflow: new → in_review → ready (→ back to in_review) → published → corrected (again and again) → retracted; published → retracted; " +
        "any state except archived → archived; archived → new (restore). Fact-checkers may move new → in_review, in_review → ready and ready → in_review; " +
        "everything else needs an editor. `ready` needs both verdicts; `published` needs both verdicts with at least one evidence item each and, when the " +
        "organization requires a second reviewer, a publisher who reviewed neither verdict. `corrected` and `retracted` need a note.",
      tags: ["Verification"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      headers: conditionalWriteHeaders,
      body: transitionBody,
      responses: {
        200: changedClaim,
        409: problemResponse(
          "`illegal_transition` (`allowed` lists the legal targets from the current state), `ready_requirements_not_met` / " +
            "`publish_requirements_not_met` (`missing` lists what is missing) or `second_reviewer_required`.",
        ),
        422: problemResponse("A note is required for this transition."),
        ...conditionalWriteProblems,
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedVersion = requireIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) =>
        claimResponse(
          await transitionClaim(tx, { organizationId: auth.organizationId, claimId: params.id, expectedVersion, to: body.to, note: body.note, actor: auth.actor, role: auth.role }),
        ),
      );
    },
  );

  api.operation(
    {
      method: "put",
      path: "/claims/:id/assignee",
      operationId: "assignClaim",
      summary: "Assign a claim to a user of the organization, or unassign it",
      tags: ["Verification"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      headers: conditionalWriteHeaders,
      body: assigneeBody,
      responses: { 200: changedClaim, 422: problemResponse("The user is not in the organization or is disabled."), ...conditionalWriteProblems },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedVersion = requireIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) =>
        claimResponse(await assignClaim(tx, { organizationId: auth.organizationId, claimId: params.id, expectedVersion, userId: body.userId, actor: auth.actor })),
      );
    },
  );

  api.operation(
    {
      method: "post",
      path: "/claims/:id/assignee/me",
      operationId: "assignClaimToMe",
      summary: "Assign a claim to the signed-in user",
      description: "For callers signed in as a user; an API key is not a person and gets 422 `caller_not_a_user`.",
      tags: ["Verification"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      headers: conditionalWriteHeaders,
      responses: { 200: changedClaim, 422: problemResponse("The caller is not a user."), ...conditionalWriteProblems },
    },
    async ({ req, res, params, auth }) => {
      if (auth.actor.type !== "user" || !auth.actor.id) {
        throw new AppError(422, "caller_not_a_user", "Only a signed-in user can assign a claim to themselves; with an API key, PUT /v1/claims/{id}/assignee with a userId.");
      }
      const userId = auth.actor.id;
      const expectedVersion = requireIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) =>
        claimResponse(await assignClaim(tx, { organizationId: auth.organizationId, claimId: params.id, expectedVersion, userId, actor: auth.actor })),
      );
    },
  );
}
