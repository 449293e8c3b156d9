import type { Prisma } from "../generated/prisma/client";
import type { ClaimWithRelations } from "../claims/claim-queries";
import { appendEvent } from "../events/event-log";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { loadClaim, lockClaimForChange } from "./claim-lock";

export interface AssignClaimOptions {
  organizationId: string;
  claimId: string;
  expectedVersion: number;
  userId: string | null;
  actor: Actor;
}

/** Sets or clears a claim's assignee: an enabled user of the same organization. */
export async function assignClaim(tx: Prisma.TransactionClient, opts: AssignClaimOptions): Promise<ClaimWithRelations> {
  const { organizationId, claimId, userId } = opts;
  const claim = await lockClaimForChange(tx, organizationId, claimId, opts.expectedVersion);
  if (userId !== null) {
    // Another organization's user answers exactly like a missing one.
    const user = await tx.user.findUnique({ where: { organizationId_id: { organizationId, id: userId } }, select: { disabledAt: true } });
    if (!user || user.disabledAt) {
      const [code, message] = user ? ["user_disabled", "This user is disabled and cannot be assigned."] : ["unknown_user", "No user with this id in your organization."];
      throw new AppError(422, code, message, { errors: [{ field: "userId", message, code }] });
    }
  }
  await tx.claim.update({ where: { organizationId_id: { organizationId, id: claimId } }, data: { assigneeId: userId } });
  await appendEvent(tx, organizationId, {
    actor: opts.actor,
    action: "claim.assigned",
    entityType: "claim",
    entityId: claimId,
    claimId,
    before: { assigneeId: claim.assigneeId },
    after: { assigneeId: userId },
  });
  return loadClaim(tx, organizationId, claimId);
}
