import type { Prisma } from "../generated/prisma/client";
import type { ActorType } from "../generated/prisma/enums";
import { canonicalJson, toJsonValue } from "../lib/canonical-json";
import { newId, sha256Hex } from "../lib/ids";
import type { presentClaim } from "../claims/claim-presenter";
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
  const [appended] = await appendEvents(tx, organizationId, [e]);
  if (!appended) throw new Error("appendEvents returned nothing for one event");
  return appended;
}

/**
 * appendEvent for many events of one transaction (a bulk import): the head is locked and
 * updated once, the events and their webhook deliveries are inserted in one statement
 * each. `claims`: the claims these events are about, already rendered (see
 * enqueueWebhookDeliveries).
 */
export async function appendEvents(
  tx: Prisma.TransactionClient,
  organizationId: string,
  events: readonly NewEvent[],
  claims?: ReadonlyMap<string, ReturnType<typeof presentClaim>>,
): Promise<Array<{ id: string; seq: bigint }>> {
  if (events.length === 0) return [];
  await tx.$executeRaw`INSERT INTO event_chain_heads ("organizationId", seq, hash) VALUES (${organizationId}::uuid, 0, ${GENESIS_HASH}) ON CONFLICT DO NOTHING`;
  const heads = await tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`SELECT seq, hash FROM event_chain_heads WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error("event chain head missing after insert");
  let seq = BigInt(head.seq);
  let prevHash = head.hash;
  const occurredAt = new Date(Date.now());
  const appended: HashedFields[] = [];
  const rows: Prisma.EventCreateManyInput[] = [];
  for (const e of events) {
    seq += 1n;
    const fields: HashedFields = {
      id: newId(),
      seq,
      occurredAt,
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      claimId: e.claimId ?? null,
      before: e.before === undefined ? null : toJsonValue(e.before),
      after: e.after === undefined ? null : toJsonValue(e.after),
    };
    const hash = eventHash(prevHash, fields);
    rows.push({
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
      prevHash,
      hash,
    });
    appended.push(fields);
    prevHash = hash;
  }
  if (rows.length === 1) await tx.event.create({ data: rows[0]! });
  else await tx.event.createMany({ data: rows });
  await tx.$executeRaw`UPDATE event_chain_heads SET seq = ${seq}, hash = ${prevHash} WHERE "organizationId" = ${organizationId}::uuid`;
  await enqueueWebhookDeliveries(tx, organizationId, appended, claims);
  return appended.map((f) => ({ id: f.id, seq: f.seq }));
}
