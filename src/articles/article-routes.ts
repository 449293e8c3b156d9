import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { setEtag } from "../http/etag";
import { notFound } from "../http/problem";
import { presentSourceRef } from "../sources/source-presenter";
import { articleSchema } from "./article-schemas";

export function registerArticleRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/articles/:id",
      operationId: "getArticle",
      summary: "Get an article's latest revision with every claim's span",
      tags: ["Articles"],
      access: "viewer",
      params: idParams,
      resource: "Article",
      responses: { 200: { description: "The article.", schema: articleSchema, headers: etagHeader } },
    },
    async ({ res, params, auth }) => {
    const id = params.id;
    const organizationId = auth.organizationId;
    const article = await db.prisma.article.findUnique({
      where: { organizationId_id: { organizationId, id } },
      include: { publisher: true },
    });
    if (!article) throw notFound("Article");
    const revision = await db.prisma.articleRevision.findUnique({
      where: { organizationId_articleId_number: { organizationId, articleId: id, number: article.latestRevision } },
    });
    if (!revision) throw new Error(`article ${id} has no revision ${article.latestRevision}`);
    const spans = await db.prisma.claimAppearance.findMany({
      where: { organizationId, articleId: id },
      orderBy: [{ start: "asc" }],
      select: { claimId: true, revisionId: true, start: true, end: true, exact: true, anchorStatus: true, claim: { select: { statement: true, status: true } } },
    });
    setEtag(res, article.version);
    res.json({
      id: article.id,
      externalId: article.externalId,
      url: article.url,
      title: article.title,
      language: article.language,
      publishedAt: article.publishedAt?.toISOString() ?? null,
      publisher: article.publisher ? presentSourceRef(article.publisher) : null,
      version: article.version,
      revision: { id: revision.id, number: revision.number, textHash: revision.textHash, createdAt: revision.createdAt.toISOString() },
      text: revision.text,
      // Spans of the claims anchored in this revision; lost anchors are listed without offsets.
      claims: spans.map((s) => ({
        claimId: s.claimId,
        statement: s.claim.statement,
        status: s.claim.status,
        anchorStatus: s.anchorStatus,
        span: s.anchorStatus === "anchored" && s.revisionId === revision.id ? { start: s.start, end: s.end, exact: s.exact } : null,
      })),
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
    });
  });
}
