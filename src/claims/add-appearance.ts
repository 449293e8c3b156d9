import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { resolveAnchor, type AnchorInput } from "./claim-anchor";
import { assertClaimWritable, updateClaimIfCurrent } from "./claim-guard";
import { presentAnchor, presentClaim } from "./claim-presenter";
import { findClaim } from "./claim-queries";

export interface AddAppearanceOptions {
  organizationId: string;
  actor: Actor;
  id: string;
  expectedVersion: number;
  anchor: AnchorInput;
}

export const appearanceExists = (articleId: string) =>
  new AppError(409, "appearance_exists", "The claim already has an appearance in this article; a claim appears once per article.", {
    errors: [{ field: "articleId", message: "Already an appearance of this claim.", code: "appearance_exists" }],
    articleId,
  });

/**
 * Records that the same claim is quoted in another article. It changes the claim (its
 * version goes up), so it needs the claim's If-Match like any edit. Allowed in every
 * status but archived: finding a published claim elsewhere changes none of its content.
 */
export async function addAppearance(tx: Prisma.TransactionClient, opts: AddAppearanceOptions) {
  const { organizationId, actor, id } = opts;
  const before = await findClaim(tx, organizationId, id);
  if (!before) throw notFound("Claim");
  assertClaimWritable(before, opts.expectedVersion, ["archived"]);
  if (before.appearances.some((a) => a.articleId === opts.anchor.articleId)) throw appearanceExists(opts.anchor.articleId);
  const anchor = await resolveAnchor(tx, organizationId, opts.anchor, "");
  await updateClaimIfCurrent(tx, { organizationId, id, expectedVersion: opts.expectedVersion, refuse: ["archived"], data: {} });
  // Checked again under the row lock: the unique key is the backstop, this the clear answer.
  const exists = await tx.claimAppearance.findUnique({ where: { organizationId_claimId_articleId: { organizationId, claimId: id, articleId: anchor.articleId } }, select: { id: true } });
  if (exists) throw appearanceExists(anchor.articleId);
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
  const after = await findClaim(tx, organizationId, id);
  if (!after) throw new Error(`claim ${id} vanished inside its transaction`);
  const added = after.appearances.find((a) => a.articleId === anchor.articleId);
  await appendEvent(tx, organizationId, {
    actor,
    action: "claim.appearance_added",
    entityType: "claim",
    entityId: id,
    claimId: id,
    before: { version: before.version },
    after: { version: after.version, appearance: added ? presentAnchor(added) : null },
  });
  return presentClaim(after);
}
