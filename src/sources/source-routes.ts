import { Router } from "express";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Database } from "../db/database";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { notFound } from "../http/problem";
import { idParam, parseQuery } from "../http/validate";
import "../http/types";
import { presentSource } from "./source-presenter";
import { foldForSearch } from "./search-text";

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export function sourceRoutes(db: Database): Router {
  const r = Router();

  r.get("/sources", async (req, res) => {
    const q = parseQuery(listQuery, req);
    const organizationId = req.auth!.organizationId;
    const where: Prisma.SourceWhereInput = { organizationId };
    // Names and aliases, case- and accent-insensitively (searchText is folded on write).
    if (q.q) where.searchText = { contains: foldForSearch(q.q) };
    if (q.cursor) {
      const after = decodeCursor(q.cursor);
      where.OR = [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }];
    }
    const rows = await db.prisma.source.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    res.json({ data: page.map(presentSource), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null });
  });

  r.get("/sources/:id", async (req, res) => {
    const id = idParam(req, "id", "Source");
    const source = await db.prisma.source.findUnique({ where: { organizationId_id: { organizationId: req.auth!.organizationId, id } } });
    if (!source) throw notFound("Source");
    setEtag(res, source.version);
    res.json(presentSource(source));
  });

  return r;
}
