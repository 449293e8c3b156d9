import type { z } from "zod";
import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { resolveAnchor } from "./claim-anchor";
import { insertChain, resolveChain } from "./claim-chain";
import { presentClaim } from "./claim-presenter";
import { findClaim } from "./claim-queries";
import { insertClaims } from "./insert-claims";
import type { createClaimBodySchema } from "./claim-schemas";

export type CreateClaimInput = z.infer<typeof createClaimBodySchema>;

export interface CreateClaimOptions {
  organizationId: string;
  actor: Actor;
  input: CreateClaimInput;
}

export const externalIdTaken = (claimId?: string) =>
  new AppError(409, "external_id_taken", "Another claim of your organization already has this externalId.", {
    errors: [{ field: "externalId", message: "Already used.", code: "external_id_taken" }],
    ...(claimId ? { claimId } : {}),
  });

/**
 * Creates a claim with its first appearance and its attribution chain (new sources
 * included) inside the caller's transaction, and records `claim.created`.
 */
export async function createClaim(tx: Prisma.TransactionClient, opts: CreateClaimOptions) {
  const { organizationId, actor, input } = opts;
  if (input.externalId !== undefined) {
    const taken = await tx.claim.findUnique({ where: { organizationId_externalId: { organizationId, externalId: input.externalId } }, select: { id: true } });
    if (taken) throw externalIdTaken(taken.id);
  }
  if (input.chain.every((l) => "id" in l.source)) {
    // Nothing to create but the claim itself: the same path as an import's groups, with
    // raw statements instead of Prisma's (the create benchmark is bound by per-statement cost).
    const [outcome] = await insertClaims(tx, { organizationId, actor, claims: [{ line: 0, input }], revisions: new Map() });
    if (!outcome) throw new Error("insertClaims returned nothing for one claim");
    if (!outcome.ok) throw outcome.error;
    return outcome.claim;
  }
  const anchor = await resolveAnchor(tx, organizationId, input.anchor, "anchor.");
  const links = await resolveChain(tx, { organizationId, actor, chain: input.chain, text: anchor.revision.text });

  const id = newId();
  await tx.claim.create({
    data: {
      organizationId,
      id,
      externalId: input.externalId ?? null,
      statement: input.statement,
      kind: input.kind,
      fidelity: input.fidelity,
      speakerSourceId: links[0]?.sourceId ?? null,
    },
  });
  await tx.claimAppearance.create({
    data: {
      organizationId,
      id: newId(),
      claimId: id,
      articleId: anchor.articleId,
      revisionId: anchor.revision.id,
      lastGoodRevisionId: anchor.revision.id,
      ...anchor.selector,
    },
  });
  await insertChain(tx, organizationId, id, links);

  const claim = await findClaim(tx, organizationId, id);
  if (!claim) throw new Error(`claim ${id} vanished inside its transaction`);
  const presented = presentClaim(claim);
  await appendEvent(tx, organizationId, { actor, action: "claim.created", entityType: "claim", entityId: id, claimId: id, after: presented });
  return presented;
}
