import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { setEtag } from "../http/etag";
import { AppError, notFound } from "../http/problem";
import { presentArticle, presentArticleSummary, presentRevision, presentRevisionSummary } from "./article-presenter";
import { findArticle, findArticleClaims, findRevision, latestRevisionRefs, listArticles, listRevisions } from "./article-queries";
import { articleListQuery, articleListSchema, articleSchema, revisionListQuery, revisionListSchema, revisionParams, revisionSchema } from "./article-schemas";

// Revisions are paged by number (dense and immutable), in an opaque cursor like the others.
const revisionCursor = z.strictObject({ n: z.number().int().min(1) });
const encodeRevisionCursor = (number: number) => Buffer.from(JSON.stringify({ n: number })).toString("base64url");
function decodeRevisionCursor(raw: string): number {
  try {
    return revisionCursor.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8"))).n;
  } catch {
    throw new AppError(400, "invalid_cursor", "The cursor is not valid; start again without one.", {
      errors: [{ field: "cursor", message: "Not a cursor returned by this API.", code: "invalid_cursor" }],
    });
  }
}

export function registerArticleReadRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/articles",
      operationId: "listArticles",
      summary: "List articles, newest first",
      description: "Items carry the latest revision's number and hash but not its text (GET /v1/articles/{id} has it).",
      tags: ["Articles"],
      access: "viewer",
      query: articleListQuery,
      responses: { 200: { description: "A page of articles.", schema: articleListSchema } },
    },
    async ({ res, query, auth }) => {
      const organizationId = auth.organizationId;
      const rows = await listArticles(db.prisma, organizationId, {
        externalId: query.externalId,
        url: query.url,
        publisherId: query.publisherId,
        titleContains: query.q,
        limit: query.limit + 1,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
      });
      const page = rows.slice(0, query.limit);
      const latest = await latestRevisionRefs(db.prisma, organizationId, page);
      const last = page[page.length - 1];
      res.json({
        data: page.map((a) => {
          const revision = latest.get(a.id);
          if (!revision) throw new Error(`article ${a.id} has no revision ${a.latestRevision}`);
          return presentArticleSummary(a, revision);
        }),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/articles/:id",
      operationId: "getArticle",
      summary: "Get an article's latest revision with every claim's span",
      description: "Claims whose quote is no longer in the latest revision have `anchorStatus: anchor_lost` and `span: null`; `lastGoodRevisionNumber` names the revision where it was last found.",
      tags: ["Articles"],
      access: "viewer",
      params: idParams,
      resource: "Article",
      responses: { 200: { description: "The article.", schema: articleSchema, headers: etagHeader } },
    },
    async ({ res, params, auth }) => {
      const organizationId = auth.organizationId;
      const article = await findArticle(db.prisma, organizationId, params.id);
      if (!article) throw notFound("Article");
      const revision = await findRevision(db.prisma, organizationId, article.id, article.latestRevision);
      if (!revision) throw new Error(`article ${article.id} has no revision ${article.latestRevision}`);
      const claims = await findArticleClaims(db.prisma, organizationId, article.id);
      setEtag(res, article.version);
      res.json(presentArticle(article, revision, revision.text, claims));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/articles/:id/revisions",
      operationId: "listArticleRevisions",
      summary: "List an article's revisions, newest first (without their text)",
      tags: ["Articles"],
      access: "viewer",
      params: idParams,
      query: revisionListQuery,
      resource: "Article",
      responses: { 200: { description: "A page of revisions.", schema: revisionListSchema } },
    },
    async ({ res, params, query, auth }) => {
      const organizationId = auth.organizationId;
      const article = await findArticle(db.prisma, organizationId, params.id);
      if (!article) throw notFound("Article");
      const beforeNumber = query.cursor ? decodeRevisionCursor(query.cursor) : undefined;
      const rows = await listRevisions(db.prisma, organizationId, article.id, { limit: query.limit + 1, beforeNumber });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentRevisionSummary), nextCursor: rows.length > query.limit && last ? encodeRevisionCursor(last.number) : null });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/articles/:id/revisions/:number",
      operationId: "getArticleRevision",
      summary: "Get one revision of an article, with its text",
      description: "Revisions are immutable: a revision's text and hash never change.",
      tags: ["Articles"],
      access: "viewer",
      params: revisionParams,
      resource: "Article revision",
      responses: { 200: { description: "The revision.", schema: revisionSchema } },
    },
    async ({ res, params, auth }) => {
      const revision = await findRevision(db.prisma, auth.organizationId, params.id, params.number);
      if (!revision) throw notFound("Article revision");
      res.json(presentRevision(revision));
    },
  );
}
