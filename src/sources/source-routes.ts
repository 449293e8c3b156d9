import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { AppError, notFound } from "../http/problem";
import { presentClaim } from "../claims/claim-presenter";
import { claimListSchema } from "../claims/claim-schemas";
import { presentSource } from "./source-presenter";
import { findSource, listSourceClaims, listSources, searchSources } from "./source-queries";
import { listSourcesQuery, sourceClaimsQuery, sourceListSchema, sourceSchema } from "./source-schemas";
import { registerSourceWriteRoutes } from "./source-write-routes";

export function registerSourceRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/sources",
      operationId: "listSources",
      summary: "List or search sources",
      description:
        "Without `q`: every source, newest first, paged with `cursor`. With `q`: the best `limit` matches of names and aliases " +
        "(case- and accent-insensitive), exact name or alias first, then names starting with q, then words starting with q, then " +
        "names containing q, then similar spellings (trigram similarity); each with `match`. Search results are not paged: " +
        "`nextCursor` is null and `cursor` is refused with q — narrow the query or raise `limit` instead. " +
        "Merged sources are left out unless `includeMerged=true`.",
      tags: ["Sources"],
      access: "viewer",
      query: listSourcesQuery,
      responses: { 200: { description: "A page of sources, or the best matches of q.", schema: sourceListSchema } },
    },
    async ({ res, query, auth }) => {
      const filters = { type: query.type, includeMerged: query.includeMerged };
      if (query.q !== undefined) {
        if (query.cursor !== undefined) {
          throw new AppError(400, "cursor_with_search", "Search results are not paged; send q without cursor.", {
            errors: [{ field: "cursor", message: "Not allowed together with q.", code: "cursor_with_search" }],
          });
        }
        const matches = await searchSources(db.prisma, auth.organizationId, { ...filters, q: query.q, limit: query.limit });
        res.json({ data: matches.map((m) => ({ ...presentSource(m.source), match: m.match })), nextCursor: null });
        return;
      }
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await listSources(db.prisma, auth.organizationId, { ...filters, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentSource), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/sources/:id",
      operationId: "getSource",
      summary: "Get a source",
      description: "A merged source is still returned, with `mergedIntoId` naming the source it went into.",
      tags: ["Sources"],
      access: "viewer",
      params: idParams,
      resource: "Source",
      responses: { 200: { description: "The source.", schema: sourceSchema, headers: etagHeader } },
    },
    async ({ res, params, auth }) => {
      const source = await findSource(db.prisma, auth.organizationId, params.id);
      if (!source) throw notFound("Source");
      setEtag(res, source.version);
      res.json(presentSource(source));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/sources/:id/claims",
      operationId: "listSourceClaims",
      summary: "List the claims attributed to a source",
      description:
        "Claims with this source anywhere in their attribution chain (speaker, intermediary or publisher), newest first, paged with " +
        "`cursor`. A merged source has none left: its links moved to `mergedIntoId`.",
      tags: ["Sources"],
      access: "viewer",
      params: idParams,
      query: sourceClaimsQuery,
      resource: "Source",
      responses: { 200: { description: "A page of claims.", schema: claimListSchema } },
    },
    async ({ res, params, query, auth }) => {
      const source = await findSource(db.prisma, auth.organizationId, params.id);
      if (!source) throw notFound("Source");
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await listSourceClaims(db.prisma, auth.organizationId, source.id, { role: query.role, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentClaim), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  registerSourceWriteRoutes(api, db);
}
