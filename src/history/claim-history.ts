import type { Event, Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { NamedActor } from "./actor-names";

/** Cursor of the history: the last seq seen, opaque to clients. */
export function encodeSeqCursor(seq: bigint): string {
  return Buffer.from(JSON.stringify({ s: seq.toString() })).toString("base64url");
}

export function decodeSeqCursor(raw: string): bigint {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    const s = (parsed as { s?: unknown }).s;
    if (typeof s === "string" && /^\d{1,18}$/.test(s)) return BigInt(s);
  } catch {
    // fall through to the 400 below
  }
  throw new AppError(400, "invalid_cursor", "The cursor is not valid; start again without one.", {
    errors: [{ field: "cursor", message: "Not a cursor returned by this API.", code: "invalid_cursor" }],
  });
}

/**
 * A claim's events, oldest first: those that name it as their claim (verdicts, comments,
 * transitions) and those about the claim itself. Both branches have an index
 * (organizationId, claimId, seq) / (organizationId, entityType, entityId, seq).
 */
export async function claimHistory(
  db: Prisma.TransactionClient,
  opts: { organizationId: string; claimId: string; limit: number; afterSeq?: bigint },
): Promise<Event[]> {
  return db.event.findMany({
    where: {
      organizationId: opts.organizationId,
      OR: [{ claimId: opts.claimId }, { entityType: "claim", entityId: opts.claimId }],
      ...(opts.afterSeq !== undefined ? { seq: { gt: opts.afterSeq } } : {}),
    },
    orderBy: { seq: "asc" },
    take: opts.limit,
  });
}

/** `actor` comes from actorNamer, so that readers see who acted by name. */
export function presentHistoryEntry(e: Event, actor: NamedActor) {
  return {
    seq: Number(e.seq),
    occurredAt: e.occurredAt.toISOString(),
    actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}
