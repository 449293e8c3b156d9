import type { Prisma } from "../generated/prisma/client";
import type { ClaimStatus, Role } from "../generated/prisma/enums";
import type { ClaimWithRelations } from "../claims/claim-queries";
import { appendEvent } from "../events/event-log";
import { roleRank } from "../http/api-router";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { loadClaim, lockClaimForChange } from "./claim-lock";
import { assertPublishable, unmet, verdictSummaries } from "./publish-checks";
import { readyRequirements } from "./publish-rules";
import { allowedTargets, findTransition, noteRequiredTargets } from "./workflow-table";

export interface TransitionClaimOptions {
  organizationId: string;
  claimId: string;
  expectedVersion: number;
  to: ClaimStatus;
  note?: string;
  actor: Actor;
  role: Role;
}

/**
 * Moves a claim along the workflow (workflow-table.ts). The claim row is locked by the
 * version check first, so the rules below are checked against the state that is changed.
 */
export async function transitionClaim(tx: Prisma.TransactionClient, opts: TransitionClaimOptions): Promise<ClaimWithRelations> {
  const { organizationId, claimId, to, actor } = opts;
  const claim = await lockClaimForChange(tx, organizationId, claimId, opts.expectedVersion);
  const from = claim.status;
  const transition = findTransition(from, to);
  if (!transition) {
    const allowed = allowedTargets(from);
    throw new AppError(409, "illegal_transition", `A ${from} claim cannot move to ${to}. Allowed from ${from}: ${allowed.join(", ") || "none"}.`, { from, to, allowed });
  }
  if (roleRank[opts.role] < roleRank[transition.minRole]) {
    throw new AppError(403, "forbidden", `Moving a claim from ${from} to ${to} needs the ${transition.minRole} role or higher; you have ${opts.role}.`);
  }
  if (noteRequiredTargets.includes(to) && !opts.note) {
    throw new AppError(422, "note_required", `Moving a claim to ${to} needs a note saying why; readers see it.`, {
      errors: [{ field: "note", message: `Required when moving to ${to}.`, code: "note_required" }],
    });
  }
  if (to === "ready") {
    const missing = readyRequirements(await verdictSummaries(tx, organizationId, claimId));
    if (missing.length) throw unmet("ready_requirements_not_met", "The claim cannot be marked ready", missing);
  }
  if (to === "published") await assertPublishable(tx, organizationId, await verdictSummaries(tx, organizationId, claimId), actor);

  await tx.claim.update({
    where: { organizationId_id: { organizationId, id: claimId } },
    data: { status: to, ...(to === "published" && !claim.publishedAt ? { publishedAt: new Date() } : {}) },
  });
  await appendEvent(tx, organizationId, {
    actor,
    action: "claim.transitioned",
    entityType: "claim",
    entityId: claimId,
    claimId,
    before: { status: from },
    after: { from, to, note: opts.note ?? null },
  });
  return loadClaim(tx, organizationId, claimId);
}
