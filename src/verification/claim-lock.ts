import type { Prisma } from "../generated/prisma/client";
import type { ClaimStatus } from "../generated/prisma/enums";
import { notFound } from "../http/problem";
import { staleVersion } from "../http/preconditions";
import { findClaim, type ClaimWithRelations } from "../claims/claim-queries";

export interface LockedClaim {
  id: string;
  status: ClaimStatus;
  version: number;
  assigneeId: string | null;
  publishedAt: Date | null;
}

/**
 * Claims the claim for this transaction: a conditional UPDATE … WHERE version = expected
 * that also bumps the version. The row stays locked until commit, so concurrent writers
 * with the same If-Match wait, then miss the condition and get 412 — no read-then-write
 * race. Every verification change (verdict, transition, assignment) goes through here, so
 * any of them invalidates an editor's stale copy of the claim.
 */
export async function lockClaimForChange(tx: Prisma.TransactionClient, organizationId: string, claimId: string, expectedVersion: number): Promise<LockedClaim> {
  const { count } = await tx.claim.updateMany({
    where: { organizationId, id: claimId, version: expectedVersion },
    data: { version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.claim.findUnique({ where: { organizationId_id: { organizationId, id: claimId } }, select: { version: true } });
    if (!current) throw notFound("Claim");
    throw staleVersion("The claim", current.version);
  }
  const claim = await tx.claim.findUnique({
    where: { organizationId_id: { organizationId, id: claimId } },
    select: { id: true, status: true, version: true, assigneeId: true, publishedAt: true },
  });
  if (!claim) throw notFound("Claim");
  return claim;
}

/** The claim as the API shows it, read inside the transaction that changed it. */
export async function loadClaim(tx: Prisma.TransactionClient, organizationId: string, claimId: string): Promise<ClaimWithRelations> {
  const claim = await findClaim(tx, organizationId, claimId);
  if (!claim) throw notFound("Claim");
  return claim;
}

/** 404 unless the claim exists in the caller's organization (reads that name a claim). */
export async function assertClaimExists(db: Prisma.TransactionClient, organizationId: string, claimId: string): Promise<void> {
  const found = await db.claim.findUnique({ where: { organizationId_id: { organizationId, id: claimId } }, select: { id: true } });
  if (!found) throw notFound("Claim");
}
