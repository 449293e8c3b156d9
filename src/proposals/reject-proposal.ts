import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../http/types";
import { decideProposal } from "./decide-proposal";
import { findProposalRow, presentProposals } from "./proposal-queries";

/** Rejects a pending proposal; the row stays, so a later run on the revision skips it. */
export async function rejectProposal(tx: Prisma.TransactionClient, opts: { organizationId: string; actor: Actor; id: string; reason?: string | undefined }) {
  const { organizationId, actor, id } = opts;
  const { before } = await decideProposal(tx, { organizationId, id, actor, to: "rejected" });
  const after = await findProposalRow(tx, organizationId, id);
  if (!after) throw new Error(`proposal ${id} vanished inside its transaction`);
  const [presentedBefore, presentedAfter] = await presentProposals(tx, organizationId, [before, after]);
  await appendEvent(tx, organizationId, {
    actor,
    action: "proposal.rejected",
    entityType: "proposal",
    entityId: id,
    before: presentedBefore,
    after: { ...presentedAfter, reason: opts.reason ?? null },
  });
  return presentedAfter;
}
