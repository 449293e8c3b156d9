import type { z } from "zod";
import { appendEvent } from "../events/event-log";
import type { ClaimStatus } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { insertChain, resolveChain, type ResolvedLink } from "./claim-chain";
import { assertClaimWritable, updateClaimIfCurrent } from "./claim-guard";
import { claimEditableState, presentClaim } from "./claim-presenter";
import { findClaim } from "./claim-queries";
import type { updateClaimBodySchema } from "./claim-schemas";

export type UpdateClaimInput = z.infer<typeof updateClaimBodySchema>;

/** A published claim changes only through a correction; an archived one must be restored first. */
export const EDIT_REFUSED: readonly ClaimStatus[] = ["published", "corrected", "retracted", "archived"];

export interface UpdateClaimOptions {
  organizationId: string;
  actor: Actor;
  id: string;
  expectedVersion: number;
  input: UpdateClaimInput;
}

/**
 * Edits a claim's statement, kind, fidelity and/or whole chain (keeping speakerSourceId
 * in step) under the version check, and records `claim.updated` with before/after.
 */
export async function updateClaim(tx: Prisma.TransactionClient, opts: UpdateClaimOptions) {
  const { organizationId, actor, id, input } = opts;
  const before = await findClaim(tx, organizationId, id);
  if (!before) throw notFound("Claim");
  assertClaimWritable(before, opts.expectedVersion, EDIT_REFUSED);

  // Sources are resolved (and locked FOR KEY SHARE) before the claim row is locked: a source
  // merge locks sources first and claims second, so taking them in the same order cannot deadlock.
  let links: ResolvedLink[] | undefined;
  if (input.chain) {
    const anchor = before.appearances[0];
    const revision = anchor
      ? await tx.articleRevision.findUnique({ where: { organizationId_id: { organizationId, id: anchor.revisionId } }, select: { text: true } })
      : null;
    links = await resolveChain(tx, { organizationId, actor, chain: input.chain, text: revision?.text ?? "" });
  }

  await updateClaimIfCurrent(tx, {
    organizationId,
    id,
    expectedVersion: opts.expectedVersion,
    refuse: EDIT_REFUSED,
    data: {
      ...(input.statement !== undefined ? { statement: input.statement } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.fidelity !== undefined ? { fidelity: input.fidelity } : {}),
    },
  });

  if (links) {
    await tx.attributionLink.deleteMany({ where: { organizationId, claimId: id } });
    await insertChain(tx, organizationId, id, links);
    await tx.claim.update({ where: { organizationId_id: { organizationId, id } }, data: { speakerSourceId: links[0]?.sourceId ?? null } });
  }

  const after = await findClaim(tx, organizationId, id);
  if (!after) throw new Error(`claim ${id} vanished inside its transaction`);
  await appendEvent(tx, organizationId, {
    actor,
    action: "claim.updated",
    entityType: "claim",
    entityId: id,
    claimId: id,
    before: claimEditableState(before),
    after: claimEditableState(after),
  });
  return presentClaim(after);
}
