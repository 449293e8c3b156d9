import type { z } from "zod";
import { createClaim } from "../claims/create-claim";
import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../http/types";
import { decideProposal } from "./decide-proposal";
import type { StoredAttribution } from "./proposal-presenter";
import { findProposalRow, presentProposals } from "./proposal-queries";
import type { acceptProposalBodySchema } from "./proposal-schemas";
import { defaultKind, isWhollyQuoted, proposedAnchor, proposedChain, proposedStatement } from "./proposal-to-claim";

/**
 * A source resolved at extraction time may have been merged since: the proposal means the
 * surviving source, so use it instead of failing with source_merged. (An editor's own
 * chain is taken as sent.)
 */
async function followMerges(tx: Prisma.TransactionClient, organizationId: string, chain: ReturnType<typeof proposedChain>) {
  const ids = chain.flatMap((l) => ("id" in l.source ? [l.source.id] : []));
  if (ids.length === 0) return chain;
  const merged = await tx.source.findMany({ where: { organizationId, id: { in: ids }, mergedIntoId: { not: null } }, select: { id: true, mergedIntoId: true } });
  const into = new Map(merged.map((m) => [m.id, m.mergedIntoId as string]));
  return chain.map((l) => ("id" in l.source && into.has(l.source.id) ? { ...l, source: { id: into.get(l.source.id) as string } } : l));
}

export interface AcceptProposalOptions {
  organizationId: string;
  actor: Actor;
  id: string;
  input: z.infer<typeof acceptProposalBodySchema>;
}

/**
 * Accepts a pending proposal: creates its claim (anchor on the proposal's revision, chain
 * with new sources inline) through the claims' create-claim use case, and links the claim,
 * all in the caller's transaction — a claim the chain rules refuse leaves the proposal pending.
 */
export async function acceptProposal(tx: Prisma.TransactionClient, opts: AcceptProposalOptions) {
  const { organizationId, actor, id, input } = opts;
  const { before } = await decideProposal(tx, { organizationId, id, actor, to: "accepted" });
  const proposal = before.proposal as StoredAttribution;
  const revision = await tx.articleRevision.findUnique({
    where: { organizationId_id: { organizationId, id: before.revisionId } },
    select: { number: true, text: true },
  });
  if (!revision) throw new Error(`proposal ${id} points at a missing revision`);

  const claim = await createClaim(tx, {
    organizationId,
    actor,
    input: {
      statement: input.statement ?? proposedStatement(proposal),
      kind: input.kind ?? defaultKind(proposal),
      fidelity: input.fidelity ?? (isWhollyQuoted(proposal) ? "verbatim" : "paraphrase"),
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      anchor: { articleId: before.articleId, revisionNumber: revision.number, ...proposedAnchor(proposal, revision.text) },
      chain: input.chain ?? (await followMerges(tx, organizationId, proposedChain(proposal))),
    },
  });
  await tx.extractionProposal.update({ where: { organizationId_id: { organizationId, id } }, data: { claimId: claim.id } });

  const after = await findProposalRow(tx, organizationId, id);
  if (!after) throw new Error(`proposal ${id} vanished inside its transaction`);
  const [presentedBefore, presentedAfter] = await presentProposals(tx, organizationId, [before, after]);
  await appendEvent(tx, organizationId, {
    actor,
    action: "proposal.accepted",
    entityType: "proposal",
    entityId: id,
    claimId: claim.id,
    before: presentedBefore,
    after: presentedAfter,
  });
  return { proposal: presentedAfter, claim };
}
