import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { publishRequirements, verdictsReviewedBy, type Requirement, type VerdictSummary } from "./publish-rules";

/** The claim's verdicts as the publishing rules see them. */
export async function verdictSummaries(tx: Prisma.TransactionClient, organizationId: string, claimId: string): Promise<VerdictSummary[]> {
  const verdicts = await tx.verdict.findMany({
    where: { organizationId, claimId },
    select: { kind: true, reviewerType: true, reviewerId: true, _count: { select: { evidence: true } } },
  });
  return verdicts.map((v) => ({ kind: v.kind, reviewerType: v.reviewerType, reviewerId: v.reviewerId, evidenceCount: v._count.evidence }));
}

export function unmet(code: string, what: string, missing: Requirement[]): AppError {
  return new AppError(409, code, `${what}: ${missing.map((m) => m.message).join(" ")}`, { missing: missing.map((m) => m.requirement), requirements: missing });
}

const requiresSecondReviewer = async (tx: Prisma.TransactionClient, organizationId: string): Promise<boolean> =>
  (await tx.organization.findUnique({ where: { id: organizationId }, select: { requireSecondReviewer: true } }))?.requireSecondReviewer ?? false;

/** Publishing: both verdicts with evidence, and a publisher who reviewed neither when the organization asks for it. */
export async function assertPublishable(tx: Prisma.TransactionClient, organizationId: string, verdicts: VerdictSummary[], publisher: Actor): Promise<void> {
  const missing = publishRequirements(verdicts);
  if (missing.length) throw unmet("publish_requirements_not_met", "The claim cannot be published", missing);
  const own = verdictsReviewedBy(verdicts, publisher);
  if (own.length > 0 && (await requiresSecondReviewer(tx, organizationId))) {
    throw new AppError(409, "second_reviewer_required", `This organization requires a second reviewer: you reviewed the ${own.join(" and ")} verdict, so someone else must publish.`, {
      reviewedByYou: own,
    });
  }
}

/**
 * A correction publishes the verdicts as they will be after it, so the publishing rules
 * must still hold for them. The corrector necessarily reviews the verdict they rewrite,
 * so the second-reviewer rule (when the organization asks for it) is applied to the
 * verdict that stays: a corrector who also reviewed it would leave a published claim that
 * no second person has looked at.
 */
export async function assertCorrectable(
  tx: Prisma.TransactionClient,
  organizationId: string,
  after: VerdictSummary[],
  corrected: VerdictSummary["kind"],
  corrector: Actor,
): Promise<void> {
  const missing = publishRequirements(after);
  if (missing.length) {
    const ownEvidence = missing.some((m) => m.requirement === `${corrected}_evidence`);
    throw new AppError(409, "publish_requirements_not_met", `The claim is published, so a correction must keep it publishable: ${missing.map((m) => m.message).join(" ")}`, {
      missing: missing.map((m) => m.requirement),
      requirements: missing,
      ...(ownEvidence ? { errors: [{ field: "evidence", message: "A published verdict needs at least one evidence item.", code: "evidence_required" }] } : {}),
    });
  }
  const ownOther = verdictsReviewedBy(after, corrector).filter((k) => k !== corrected);
  if (ownOther.length > 0 && (await requiresSecondReviewer(tx, organizationId))) {
    throw new AppError(
      409,
      "second_reviewer_required",
      `This organization requires a second reviewer: you also reviewed the ${ownOther.join(" and ")} verdict, so with this correction nobody else would have checked the published claim.`,
      { reviewedByYou: [corrected, ...ownOther] },
    );
  }
}
