import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, etagHeader, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { notFound } from "../http/problem";
import { presentClaim } from "./claim-presenter";
import { findClaim, listClaims } from "./claim-queries";
import { claimListSchema, claimSchema } from "./claim-schemas";

const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

export function registerClaimRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/claims",
      operationId: "listClaims",
      summary: "List claims, newest first",
      tags: ["Claims"],
      access: "viewer",
      query: listQuery,
      responses: { 200: { description: "A page of claims.", schema: claimListSchema } },
    },
    async ({ res, query, auth }) => {
      const rows = await listClaims(db.prisma, auth.organizationId, { limit: query.limit + 1, after: query.cursor ? decodeCursor(query.cursor) : undefined });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentClaim), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
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
    async ({ res, params, auth }) => {
      const claim = await findClaim(db.prisma, auth.organizationId, params.id);
      if (!claim) throw notFound("Claim");
      setEtag(res, claim.version);
      res.json(presentClaim(claim));
    },
  );
}
