import type { ClaimStatus } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/problem";
import { staleVersion } from "../http/preconditions";

/** Statuses in which a claim's content is on the public record and must not change silently. */
export const PUBLISHED_STATUSES: readonly ClaimStatus[] = ["published", "corrected", "retracted"];

/** Why a claim in this status refuses a change, or undefined when it accepts it. */
export function statusRefusal(status: ClaimStatus, refused: readonly ClaimStatus[]): AppError | undefined {
  if (!refused.includes(status)) return undefined;
  if (status === "archived") {
    return new AppError(409, "claim_archived", "The claim is archived. Restore it before changing it.", { status });
  }
  if (status === "retracted") {
    return new AppError(409, "claim_published", "The claim was published and retracted; it stays as it was published.", { status });
  }
  if (PUBLISHED_STATUSES.includes(status)) {
    return new AppError(409, "claim_published", `The claim is ${status}: its published text cannot be edited silently. Publish a correction instead (POST /v1/claims/{id}/transitions).`, {
      status,
    });
  }
  return new AppError(409, "claim_status_conflict", `The claim cannot be changed while it is ${status}.`, { status });
}

export interface GuardOptions {
  organizationId: string;
  id: string;
  expectedVersion: number;
  /** Statuses that refuse the change (409). */
  refuse: readonly ClaimStatus[];
  /** Columns to set together with the version bump. */
  data?: Prisma.ClaimUpdateManyMutationInput;
}

/**
 * The concurrency check of every claim write: one conditional UPDATE … WHERE version =
 * expected AND status is allowed, which bumps the version. It takes the row lock, so a
 * concurrent writer with the same If-Match waits, then finds the new version and gets
 * 412; exactly one of them wins. When nothing was updated, the row is read again to say
 * why: 404, 409 (status) or 412 (stale version, with the current ETag).
 */
export async function updateClaimIfCurrent(tx: Prisma.TransactionClient, opts: GuardOptions): Promise<void> {
  const { organizationId, id } = opts;
  const updated = await tx.claim.updateMany({
    where: { organizationId, id, version: opts.expectedVersion, status: { notIn: [...opts.refuse] } },
    data: { ...opts.data, version: { increment: 1 } },
  });
  if (updated.count === 1) return;
  const current = await tx.claim.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { version: true, status: true } });
  if (!current) throw notFound("Claim");
  throw statusRefusal(current.status, opts.refuse) ?? staleVersion("The claim", current.version);
}

/** Refuses early (before any work) what the conditional update would refuse anyway. */
export function assertClaimWritable(claim: { status: ClaimStatus; version: number }, expectedVersion: number, refuse: readonly ClaimStatus[]): void {
  const refusal = statusRefusal(claim.status, refuse);
  if (refusal) throw refusal;
  if (claim.version !== expectedVersion) throw staleVersion("The claim", claim.version);
}
