import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/db-errors";
import type { ApiRoutes, ResponseSpec } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { etagFor } from "../http/etag";
import { idempotentWrite } from "../http/idempotent-write";
import { requireIfMatch } from "../http/preconditions";
import { problemSchema } from "../http/problem-schema";
import { addAppearance, appearanceExists } from "./add-appearance";
import { archiveClaim } from "./archive-claim";
import { anchorInputSchema, claimSchema, createClaimBodySchema, idempotencyHeaders, ifMatchHeaders, updateClaimBodySchema } from "./claim-schemas";
import { createClaim, externalIdTaken } from "./create-claim";
import { updateClaim } from "./update-claim";

const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: "application/problem+json" });

const preconditionResponses = {
  412: problem("`version_conflict`: the claim changed since you read it; `currentEtag` (and the ETag header) give its version."),
  428: problem("`precondition_required`: send If-Match."),
};


export function registerClaimWriteRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/claims",
      operationId: "createClaim",
      summary: "Record a claim with its anchor and attribution chain",
      description:
        "Creates the claim, its first appearance (anchor) and its chain in one transaction; sources given as `{ new: {…} }` are created with it. " +
        "Sets the speaker to the chain's first source. With an Idempotency-Key a retry returns the first response and creates nothing.",
      tags: ["Claims"],
      access: "fact_checker",
      body: createClaimBodySchema,
      headers: idempotencyHeaders,
      responses: {
        201: { description: "Created.", schema: claimSchema, headers: { ...etagHeader, Location: "The claim's URL." } },
        409: problem("`external_id_taken`: another claim has this externalId (`claimId` names it)."),
        422: problem(
          "`anchor_mismatch` (with `anchor.found` and `occurrences`), `unknown_article`, `unknown_revision`, `invalid_chain`, `unknown_source`, `source_merged` (`errors` name `chain.N`), or `idempotency_key_reused`.",
        ),
      },
    },
    async ({ req, res, body, auth }) => {
      try {
        await idempotentWrite(db, req, res, auth, async (tx) => {
          const claim = await createClaim(tx, { organizationId: auth.organizationId, actor: auth.actor, input: body });
          return { status: 201, body: claim, headers: { Location: `/v1/claims/${claim.id}`, ETag: etagFor(claim.version) } };
        });
      } catch (err) {
        // Two creations with the same externalId at once: the unique key decides.
        if (body.externalId !== undefined && isUniqueViolation(err)) throw externalIdTaken();
        throw err;
      }
    },
  );

  api.operation(
    {
      method: "patch",
      path: "/claims/:id",
      operationId: "updateClaim",
      summary: "Edit a claim's statement, kind, fidelity or chain",
      description:
        "Needs If-Match. `chain` replaces the whole chain (new sources allowed) and keeps the speaker in step. A published, corrected or retracted claim " +
        "is not edited silently (409 `claim_published`: publish a correction); an archived one answers 409 `claim_archived`.",
      tags: ["Claims"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      body: updateClaimBodySchema,
      headers: ifMatchHeaders,
      responses: {
        200: { description: "The updated claim.", schema: claimSchema, headers: etagHeader },
        409: problem("`claim_published` or `claim_archived`."),
        422: problem("`invalid_chain`, `unknown_source`, `source_merged` (`errors` name `chain.N`), or `idempotency_key_reused`."),
        ...preconditionResponses,
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedVersion = requireIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const claim = await updateClaim(tx, { organizationId: auth.organizationId, actor: auth.actor, id: params.id, expectedVersion, input: body });
        return { status: 200, body: claim, headers: { ETag: etagFor(claim.version) } };
      });
    },
  );

  api.operation(
    {
      method: "delete",
      path: "/claims/:id",
      operationId: "archiveClaim",
      summary: "Archive a claim (never a hard delete)",
      description: "Needs If-Match. Sets the status to `archived`; the claim, its chain and its history stay. Archiving an archived claim is 409 `claim_archived`.",
      tags: ["Claims"],
      access: "editor",
      params: idParams,
      resource: "Claim",
      headers: ifMatchHeaders,
      responses: {
        200: { description: "The archived claim.", schema: claimSchema, headers: etagHeader },
        409: problem("`claim_archived`: already archived."),
        ...preconditionResponses,
      },
    },
    async ({ req, res, params, auth }) => {
      const expectedVersion = requireIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const claim = await archiveClaim(tx, { organizationId: auth.organizationId, actor: auth.actor, id: params.id, expectedVersion });
        return { status: 200, body: claim, headers: { ETag: etagFor(claim.version) } };
      });
    },
  );

  api.operation(
    {
      method: "post",
      path: "/claims/:id/appearances",
      operationId: "addClaimAppearance",
      summary: "Record that the claim also appears in another article",
      description: "Needs the claim's If-Match (the claim's version goes up). One appearance per article (409 `appearance_exists`). The anchor is checked like on creation.",
      tags: ["Claims"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      body: anchorInputSchema,
      headers: ifMatchHeaders,
      responses: {
        201: { description: "The claim with its new appearance.", schema: claimSchema, headers: etagHeader },
        409: problem("`appearance_exists` or `claim_archived`."),
        422: problem("`anchor_mismatch` (with `anchor.found` and `occurrences`), `unknown_article`, `unknown_revision`, or `idempotency_key_reused`."),
        ...preconditionResponses,
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedVersion = requireIfMatch(req);
      try {
        await idempotentWrite(db, req, res, auth, async (tx) => {
          const claim = await addAppearance(tx, { organizationId: auth.organizationId, actor: auth.actor, id: params.id, expectedVersion, anchor: body });
          return { status: 201, body: claim, headers: { ETag: etagFor(claim.version) } };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw appearanceExists(body.articleId);
        throw err;
      }
    },
  );
}
