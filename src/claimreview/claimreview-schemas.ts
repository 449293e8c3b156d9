import { z } from "zod";

export const claimReviewSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: "ClaimReview", description: "schema.org ClaimReview (JSON-LD) on the content verdict, with the attribution verdict as `associatedClaimReview`. See README, section ClaimReview." });

export const dataFeedSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: "ClaimReviewDataFeed", description: "schema.org DataFeed whose dataFeedElement items are DataFeedItems carrying ClaimReviews. The next page is in the Link header (rel=next)." });

export const feedQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size, at most 100."),
  cursor: z.string().min(1).max(500).optional().describe("Opaque cursor from the previous page's Link rel=next."),
});

export const slugParams = z.object({ slug: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/).describe("The organization's slug.") });
