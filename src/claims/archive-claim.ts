import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { assertClaimWritable, updateClaimIfCurrent } from "./claim-guard";
import { presentClaim } from "./claim-presenter";
import { findClaim } from "./claim-queries";

export interface ArchiveClaimOptions {
  organizationId: string;
  actor: Actor;
  id: string;
  expectedVersion: number;
}

/**
 * "Deleting" a claim archives it: the record, its chain and its history stay, so
 * published fact-checks never point at nothing. Archiving twice is a 409.
 */
export async function archiveClaim(tx: Prisma.TransactionClient, opts: ArchiveClaimOptions) {
  const { organizationId, actor, id } = opts;
  const before = await findClaim(tx, organizationId, id);
  if (!before) throw notFound("Claim");
  assertClaimWritable(before, opts.expectedVersion, ["archived"]);
  await updateClaimIfCurrent(tx, { organizationId, id, expectedVersion: opts.expectedVersion, refuse: ["archived"], data: { status: "archived" } });
  const after = await findClaim(tx, organizationId, id);
  if (!after) throw new Error(`claim ${id} vanished inside its transaction`);
  await appendEvent(tx, organizationId, {
    actor,
    action: "claim.archived",
    entityType: "claim",
    entityId: id,
    claimId: id,
    before: { status: before.status, version: before.version },
    after: { status: after.status, version: after.version },
  });
  return presentClaim(after);
}
