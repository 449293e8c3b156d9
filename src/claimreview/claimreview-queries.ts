import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/problem";

/** Statuses whose verdicts are public: only these have a ClaimReview. */
export const reviewableStatuses = ["published", "corrected"] as const;

/** What a ClaimReview shows: the claim, its speaker chain, verdicts, the articles it appears in and where else it was seen. */
export const reviewInclude = {
  appearances: {
    orderBy: { createdAt: "asc" },
    include: { article: { select: { id: true, title: true, url: true, publishedAt: true, publisher: { select: { name: true } } } } },
  },
  externalAppearances: { orderBy: [{ datePublished: { sort: "asc", nulls: "last" } }, { url: "asc" }] },
  chain: { orderBy: { position: "asc" }, include: { source: true } },
  verdicts: { include: { rating: true } },
} satisfies Prisma.ClaimInclude;

export type ReviewedClaim = Prisma.ClaimGetPayload<{ include: typeof reviewInclude }>;

export interface ScaleBounds {
  best: number;
  worst: number;
}

export interface ReviewContext {
  organization: { name: string; factCheckUrlTemplate: string };
  /** Best/worst numeric values of each scale (absent when no label of the scale has a value). */
  bounds: { attribution: ScaleBounds | null; content: ScaleBounds | null };
}

/**
 * The organization's name, fact-check URL template and scale bounds. Without a template
 * there is no `url`, which Google requires: we refuse rather than emit invalid markup.
 */
export async function loadReviewContext(prisma: Prisma.TransactionClient, organizationId: string): Promise<ReviewContext> {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, factCheckUrlTemplate: true } });
  if (!org.factCheckUrlTemplate) {
    throw new AppError(409, "fact_check_url_not_configured", "Set the organization's factCheckUrlTemplate (PATCH /v1/organization) first: ClaimReview needs the URL of the fact-check page.");
  }
  const labels = await prisma.ratingLabel.findMany({ where: { organizationId, value: { not: null } }, select: { value: true, scale: { select: { kind: true } } } });
  const boundsOf = (kind: "attribution" | "content"): ScaleBounds | null => {
    const values = labels.filter((l) => l.scale.kind === kind).flatMap((l) => (l.value === null ? [] : [l.value]));
    return values.length ? { best: Math.max(...values), worst: Math.min(...values) } : null;
  };
  return { organization: { name: org.name, factCheckUrlTemplate: org.factCheckUrlTemplate }, bounds: { attribution: boundsOf("attribution"), content: boundsOf("content") } };
}

/** A claim of the organization whose verdicts are public; 404 when missing, 409 when not published. */
export async function findReviewedClaim(prisma: Prisma.TransactionClient, organizationId: string, id: string): Promise<ReviewedClaim> {
  const claim = await prisma.claim.findUnique({ where: { organizationId_id: { organizationId, id } }, include: reviewInclude });
  if (!claim) throw notFound("Claim");
  if (!(reviewableStatuses as readonly string[]).includes(claim.status)) {
    throw new AppError(409, "claim_not_published", `Only published or corrected claims have a ClaimReview; this claim is ${claim.status}.`, { status: claim.status });
  }
  return claim;
}

export interface FeedPageOptions {
  limit: number;
  after?: { value: Date; id: string };
}

/** Published and corrected claims, most recently published first (keyset on publishedAt, id). */
export async function listReviewedClaims(prisma: Prisma.TransactionClient, organizationId: string, opts: FeedPageOptions): Promise<ReviewedClaim[]> {
  const where: Prisma.ClaimWhereInput = { organizationId, status: { in: [...reviewableStatuses] }, publishedAt: { not: null } };
  if (opts.after) {
    where.OR = [{ publishedAt: { lt: opts.after.value } }, { publishedAt: opts.after.value, id: { lt: opts.after.id } }];
  }
  return prisma.claim.findMany({ where, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], take: opts.limit + 1, include: reviewInclude });
}
