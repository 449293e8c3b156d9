import type { Prisma } from "../generated/prisma/client";
import { decodeSortCursor, encodeSortCursor } from "../http/cursor";
import { buildClaimReview, withoutContext, type JsonLdNode } from "./claimreview-builder";
import { listReviewedClaims, loadReviewContext } from "./claimreview-queries";

export interface FeedPage {
  feed: JsonLdNode;
  nextCursor: string | null;
}

const FEED_SORT = "published";

/**
 * One page of the organization's ClaimReviews as a schema.org DataFeed. The body stays
 * pure schema.org, so the next page travels in the Link header (the caller adds it).
 */
export async function buildFeedPage(prisma: Prisma.TransactionClient, organizationId: string, opts: { limit: number; cursor?: string | undefined }): Promise<FeedPage> {
  const after = opts.cursor ? decodeSortCursor(opts.cursor, FEED_SORT, "time") : undefined;
  const ctx = await loadReviewContext(prisma, organizationId);
  const rows = await listReviewedClaims(prisma, organizationId, { limit: opts.limit, ...(after ? { after } : {}) });
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > opts.limit && last?.publishedAt ? encodeSortCursor(FEED_SORT, last.publishedAt, last.id) : null;
  const feed: JsonLdNode = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `${ctx.organization.name}: fact checks`,
    dataFeedElement: page.map((claim) => ({
      "@type": "DataFeedItem",
      dateCreated: (claim.publishedAt ?? claim.createdAt).toISOString(),
      dateModified: claim.updatedAt.toISOString(),
      item: withoutContext(buildClaimReview(claim, ctx)),
    })),
  };
  return { feed, nextCursor };
}
