import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { findProposalRow } from "./proposal-queries";
import type { ProposalRow } from "./proposal-presenter";

export const proposalDecided = (row: ProposalRow) =>
  new AppError(409, "proposal_decided", `This proposal was already ${row.status}${row.decidedAt ? ` at ${row.decidedAt.toISOString()}` : ""}.`, {
    proposalStatus: row.status,
    ...(row.claimId ? { claimId: row.claimId } : {}),
  });

/**
 * Moves a pending proposal to `to` with a conditional update (WHERE status = 'pending'):
 * of two concurrent decisions exactly one wins and the other gets 409, on a server too.
 * Returns the row as it was before (for the event's `before`).
 */
export async function decideProposal(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; id: string; actor: Actor; to: "accepted" | "rejected" },
): Promise<{ before: ProposalRow }> {
  const { organizationId, id } = opts;
  const before = await findProposalRow(tx, organizationId, id);
  if (!before) throw notFound("Proposal");
  const { count } = await tx.extractionProposal.updateMany({
    where: { organizationId, id, status: "pending" },
    data: { status: opts.to, decidedAt: new Date(), decidedByType: opts.actor.type, decidedById: opts.actor.id },
  });
  if (count === 0) {
    const now = await findProposalRow(tx, organizationId, id);
    throw proposalDecided(now ?? before);
  }
  return { before };
}
