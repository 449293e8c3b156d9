import { Router } from "express";
import { z } from "zod";
import type { Database } from "../db/database";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { notFound } from "../http/problem";
import { idParam, parseQuery } from "../http/validate";
import "../http/types";
import { presentClaim } from "./claim-presenter";
import { findClaim, listClaims } from "./claim-queries";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export function claimRoutes(db: Database): Router {
  const r = Router();

  r.get("/claims", async (req, res) => {
    const q = parseQuery(listQuery, req);
    const orgId = req.auth!.organizationId;
    const rows = await listClaims(db.prisma, orgId, { limit: q.limit + 1, after: q.cursor ? decodeCursor(q.cursor) : undefined });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    res.json({
      data: page.map(presentClaim),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
    });
  });

  r.get("/claims/:id", async (req, res) => {
    const id = idParam(req, "id", "Claim");
    const claim = await findClaim(db.prisma, req.auth!.organizationId, id);
    if (!claim) throw notFound("Claim");
    setEtag(res, claim.version);
    res.json(presentClaim(claim));
  });

  return r;
}
