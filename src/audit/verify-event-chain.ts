import type { Prisma } from "../generated/prisma/client";
import { eventHash, GENESIS_HASH } from "../events/event-log";

export type ChainBreak = "seq_gap" | "prev_hash_mismatch" | "hash_mismatch" | "chain_head_mismatch";

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number;
  firstBrokenSeq?: number;
  reason?: ChainBreak;
}

const BATCH = 1000;

const hashedFields = {
  id: true,
  seq: true,
  occurredAt: true,
  actorType: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  claimId: true,
  before: true,
  after: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.EventSelect;

/**
 * Recomputes an organization's event hash chain from the genesis hash: every event must
 * follow the previous one by seq (no gap), link to its hash (prevHash) and hash to its
 * stored hash. Reads keyset batches of 1000 by seq, keeping only the running hash, so
 * memory stays flat for millions of events. Finally the chain head (updated with every
 * append) must agree with the last event; events appended while we read are verified too.
 */
export async function verifyEventChain(db: Prisma.TransactionClient, organizationId: string, batchSize = BATCH): Promise<ChainReport> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: bigint, reason: ChainBreak): ChainReport => ({ ok: false, checked, lastSeq: Number(expectedSeq - 1n), firstBrokenSeq: Number(seq), reason });

  for (;;) {
    const batch = await db.event.findMany({
      where: { organizationId, seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
      select: hashedFields,
    });
    for (const e of batch) {
      if (e.seq !== expectedSeq) return broken(expectedSeq, "seq_gap");
      if (e.prevHash !== prevHash) return broken(e.seq, "prev_hash_mismatch");
      if (eventHash(prevHash, e) !== e.hash) return broken(e.seq, "hash_mismatch");
      prevHash = e.hash;
      expectedSeq += 1n;
      checked++;
    }
    if (batch.length === batchSize) continue;
    // Caught up with the table: compare with the head. A head ahead of us means appends
    // committed while we read (keep going); behind us or on another hash means events
    // were written around the append path.
    const head = await db.eventChainHead.findUnique({ where: { organizationId }, select: { seq: true, hash: true } });
    const lastSeq = expectedSeq - 1n;
    const headSeq = head?.seq ?? 0n;
    if (headSeq > lastSeq) {
      const more = await db.event.count({ where: { organizationId, seq: { gte: expectedSeq } } });
      if (more > 0) continue;
      return broken(expectedSeq, "seq_gap");
    }
    if (headSeq < lastSeq) return broken(headSeq + 1n, "chain_head_mismatch");
    if (head && head.hash !== prevHash) return broken(lastSeq, "chain_head_mismatch");
    return { ok: true, checked, lastSeq: Number(lastSeq) };
  }
}
