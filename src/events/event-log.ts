import type { Prisma } from "../generated/prisma/client";
import type { ActorType } from "../generated/prisma/enums";
import { canonicalJson, toJsonValue } from "../lib/canonical-json";
import { newId, sha256Hex } from "../lib/ids";
import { enqueueWebhookDeliveries } from "../webhooks/outbox-writer";

export const GENESIS_HASH = "0".repeat(64);

export interface NewEvent {
  actor: { type: ActorType; id: string | null };
  action: string;
  entityType: string;
  entityId: string;
  claimId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface HashedFields {
  id: string;
  seq: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  before: unknown;
  after: unknown;
}

/** hash = sha256(prevHash + "\n" + canonical JSON of the event's fields). */
export function eventHash(prevHash: string, e: HashedFields): string {
  return sha256Hex(
    `${prevHash}\n${canonicalJson({
      id: e.id,
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      claimId: e.claimId,
      before: e.before ?? null,
      after: e.after ?? null,
    })}`,
  );
}

/**
 * Appends an event to the organization's hash chain. Must run inside the transaction
 * that makes the change, so the event exists exactly when the change does. Locking the
 * chain head row serialises appends per organization: seq has no gaps and no forks,
 * even with several service instances writing at once.
 */
export async function appendEvent(tx: Prisma.TransactionClient, organizationId: string, e: NewEvent): Promise<{ id: string; seq: bigint }> {
  await tx.$executeRaw`INSERT INTO event_chain_heads ("organizationId", seq, hash) VALUES (${organizationId}::uuid, 0, ${GENESIS_HASH}) ON CONFLICT DO NOTHING`;
  const heads = await tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`SELECT seq, hash FROM event_chain_heads WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error("event chain head missing after insert");
  const fields: HashedFields = {
    id: newId(),
    seq: BigInt(head.seq) + 1n,
    // Millisecond precision, as stored (timestamptz(3)), so the hash can be recomputed.
    occurredAt: new Date(Date.now()),
    actorType: e.actor.type,
    actorId: e.actor.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    claimId: e.claimId ?? null,
    before: e.before === undefined ? null : toJsonValue(e.before),
    after: e.after === undefined ? null : toJsonValue(e.after),
  };
  const hash = eventHash(head.hash, fields);
  await tx.event.create({
    data: {
      organizationId,
      id: fields.id,
      seq: fields.seq,
      occurredAt: fields.occurredAt,
      actorType: e.actor.type,
      actorId: fields.actorId,
      action: fields.action,
      entityType: fields.entityType,
      entityId: fields.entityId,
      claimId: fields.claimId,
      before: (fields.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (fields.after ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash: head.hash,
      hash,
    },
  });
  await tx.$executeRaw`UPDATE event_chain_heads SET seq = ${fields.seq}, hash = ${hash} WHERE "organizationId" = ${organizationId}::uuid`;
  // The webhook outbox is written in this same transaction: no event lost, none for a rollback.
  await enqueueWebhookDeliveries(tx, organizationId, fields);
  return { id: fields.id, seq: fields.seq };
}
