import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { setEtag } from "../http/etag";
import { sendJsonText } from "../http/json-text";
import { notFound } from "../http/problem";
import { listClaimsQuerySchema } from "./claim-filters";
import { presentClaim } from "./claim-presenter";
import { jsonPageBody, presentedClaims, withMember } from "./claim-json";
import { claimListSchema, claimSchema, similarClaimListSchema, similarClaimsQuerySchema } from "./claim-schemas";
import { listClaimPage } from "./claim-search";
import { registerClaimWriteRoutes } from "./claim-write-routes";
import { findSimilarClaims } from "./similar-claims";

export function registerClaimRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/claims",
      operationId: "listClaims",
      summary: "List, filter and search claims",
      description:
        "Newest first by default. Filters combine with AND; the values of one filter (comma-separated) with OR. " +
        "Pages are keyset pages: claims added while you page never cause a repeat or a skip. " +
        "With `q`, each item carries `search: { rank, snippet }`; the order stays newest first unless `sort=relevance` asks for best match first.",
      tags: ["Claims"],
      access: "viewer",
      query: listClaimsQuerySchema,
      responses: { 200: { description: "A page of claims.", schema: claimListSchema } },
    },
    async ({ req, res, query, auth }) => {
      const page = await listClaimPage(db, auth, query);
      // The claims arrive as JSON text (claim-json.ts): joined, not parsed and re-serialised.
      const items = page.items.map((i) => (i.search ? withMember(i.claim.json, "search", i.search) : i.claim.json));
      sendJsonText(req, res, jsonPageBody(items, page.nextCursor));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/claims/:id",
      operationId: "getClaim",
      summary: "Get a claim with its anchor, attribution chain, verdicts and status",
      tags: ["Claims"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      responses: { 200: { description: "The claim.", schema: claimSchema, headers: etagHeader } },
    },
    async ({ req, res, params, auth }) => {
      const [claim] = await presentedClaims(db, auth.organizationId, [params.id]);
      if (!claim) throw notFound("Claim");
      setEtag(res, claim.version);
      sendJsonText(req, res, claim.json);
    },
  );

  api.operation(
    {
      method: "get",
      path: "/claims/:id/similar",
      operationId: "listSimilarClaims",
      summary: "Likely duplicates of a claim",
      description:
        "Claims of your organization whose statements are trigram-similar to this one (pg_trgm, at least `minSimilarity`), " +
        "those with the same speaker first, then the most similar. Archived claims are left out.",
      tags: ["Claims"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      query: similarClaimsQuerySchema,
      responses: { 200: { description: "Likely duplicates, best first.", schema: similarClaimListSchema } },
    },
    async ({ res, params, query, auth }) => {
      const similar = await findSimilarClaims(db.prisma, { organizationId: auth.organizationId, id: params.id, limit: query.limit, minSimilarity: query.minSimilarity });
      res.json({ data: similar.map((s) => ({ claim: presentClaim(s.claim), similarity: s.similarity, sameSpeaker: s.sameSpeaker })) });
    },
  );

  registerClaimWriteRoutes(api, db);
}
