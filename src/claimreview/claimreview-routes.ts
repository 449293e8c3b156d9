import type { Response } from "express";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idParams } from "../http/common-schemas";
import { notFound } from "../http/problem";
import { problemResponse } from "../verification/write-docs";
import { buildClaimReview } from "./claimreview-builder";
import { buildFeedPage } from "./claimreview-feed";
import { findReviewedClaim, loadReviewContext } from "./claimreview-queries";
import { claimReviewSchema, dataFeedSchema, feedQuerySchema, slugParams } from "./claimreview-schemas";
import { renderEmbedCard } from "./embed-card";
import { registerImportRoutes } from "./import-routes";

const notConfigured = "`claim_not_published` (only published or corrected claims have one) or `fact_check_url_not_configured` (the organization has no factCheckUrlTemplate).";

function sendLd(res: Response, body: unknown): void {
  res.type("application/ld+json").send(JSON.stringify(body));
}

function sendFeed(res: Response, path: string, limit: number, page: { feed: unknown; nextCursor: string | null }): void {
  if (page.nextCursor) res.setHeader("Link", `<${path}?limit=${limit}&cursor=${encodeURIComponent(page.nextCursor)}>; rel="next"`);
  sendLd(res, page.feed);
}

export function registerClaimReviewRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/claims/:id/claimreview",
      operationId: "getClaimReview",
      summary: "schema.org ClaimReview JSON-LD of a published claim",
      description:
        "The content verdict as a ClaimReview (Google's required and recommended fields), with the attribution verdict as a second ClaimReview " +
        "under `associatedClaimReview` and the attribution chain in `reviewBody`. Served as application/ld+json.",
      tags: ["ClaimReview"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      responses: { 200: { description: "The ClaimReview.", schema: claimReviewSchema, contentType: "application/ld+json" }, 409: problemResponse(notConfigured) },
    },
    async ({ res, params, auth }) => {
      const claim = await findReviewedClaim(db.prisma, auth.organizationId, params.id);
      const ctx = await loadReviewContext(db.prisma, auth.organizationId);
      sendLd(res, buildClaimReview(claim, ctx));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/claims/:id/embed",
      operationId: "getClaimEmbed",
      summary: "An HTML card of a published claim for CMS templates",
      description: "A small accessible card (statement, speaker, both verdicts as labelled badges, link to the fact check) with the ClaimReview JSON-LD in a script element.",
      tags: ["ClaimReview"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      responses: { 200: { description: "The HTML snippet.", contentType: "text/html" }, 409: problemResponse(notConfigured) },
    },
    async ({ res, params, auth }) => {
      const claim = await findReviewedClaim(db.prisma, auth.organizationId, params.id);
      const ctx = await loadReviewContext(db.prisma, auth.organizationId);
      res.type("text/html; charset=utf-8").send(renderEmbedCard(claim, buildClaimReview(claim, ctx), ctx.organization.factCheckUrlTemplate));
    },
  );

  api.operation(
    {
      method: "get",
      path: "/claimreview/feed",
      operationId: "getClaimReviewFeed",
      summary: "schema.org DataFeed of the organization's published ClaimReviews",
      description:
        "Most recently published first, keyset-paged: the next page's URL is in the `Link` header (rel=next) so the body stays schema.org. " +
        "Always needs a key or session; the URL to publish for anonymous readers is `/v1/organizations/{slug}/claimreview/feed`.",
      tags: ["ClaimReview"],
      access: "viewer",
      query: feedQuerySchema,
      responses: {
        200: { description: "A page of the feed.", schema: dataFeedSchema, contentType: "application/ld+json", headers: { Link: '<…>; rel="next" when there is another page.' } },
        409: problemResponse("`fact_check_url_not_configured`."),
      },
    },
    async ({ res, query, auth }) => {
      const page = await buildFeedPage(db.prisma, auth.organizationId, { limit: query.limit, cursor: query.cursor });
      sendFeed(res, "/v1/claimreview/feed", query.limit, page);
    },
  );

  api.operation(
    {
      method: "get",
      path: "/organizations/:slug/claimreview/feed",
      operationId: "getPublicClaimReviewFeed",
      summary: "The public ClaimReview feed of an organization that enabled it",
      description:
        "The public URL of the feed: no key needed once an admin has set `publicFeed: true` (PATCH /v1/organization). " +
        "404 `not_found` when the organization does not exist or has not enabled it (the two answers are the same).",
      tags: ["ClaimReview"],
      access: "public",
      params: slugParams,
      resource: "Feed",
      query: feedQuerySchema,
      responses: {
        200: { description: "A page of the feed.", schema: dataFeedSchema, contentType: "application/ld+json", headers: { Link: '<…>; rel="next" when there is another page.' } },
        409: problemResponse("`fact_check_url_not_configured`."),
      },
    },
    async ({ res, params, query }) => {
      const org = await db.prisma.organization.findUnique({ where: { slug: params.slug }, select: { id: true, publicFeed: true } });
      if (!org || !org.publicFeed) throw notFound("Feed");
      const page = await buildFeedPage(db.prisma, org.id, { limit: query.limit, cursor: query.cursor });
      sendFeed(res, `/v1/organizations/${params.slug}/claimreview/feed`, query.limit, page);
    },
  );

  registerImportRoutes(api, db);
}
