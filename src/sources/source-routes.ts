import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, etagHeader, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { notFound } from "../http/problem";
import { presentSource } from "./source-presenter";
import { sourceListSchema, sourceSchema } from "./source-schemas";
import { foldForSearch } from "./search-text";

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe("Matches names and aliases, case- and accent-insensitively."),
  limit: limitSchema,
  cursor: cursorSchema,
});

export function registerSourceRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/sources",
      operationId: "listSources",
      summary: "List or search sources",
      tags: ["Sources"],
      access: "viewer",
      query: listQuery,
      responses: { 200: { description: "A page of sources.", schema: sourceListSchema } },
    },
    async ({ res, query, auth }) => {
      const where: Prisma.SourceWhereInput = { organizationId: auth.organizationId };
      if (query.q) where.searchText = { contains: foldForSearch(query.q) };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        where.OR = [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }];
      }
      const rows = await db.prisma.source.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
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
      tags: ["Sources"],
      access: "viewer",
      params: idParams,
      resource: "Source",
      responses: { 200: { description: "The source.", schema: sourceSchema, headers: etagHeader } },
    },
    async ({ res, params, auth }) => {
      const source = await db.prisma.source.findUnique({ where: { organizationId_id: { organizationId: auth.organizationId, id: params.id } } });
      if (!source) throw notFound("Source");
      setEtag(res, source.version);
      res.json(presentSource(source));
    },
  );
}
