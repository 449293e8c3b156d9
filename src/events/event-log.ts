import type { Prisma } from "../generated/prisma/client";
import type { ActorType } from "../generated/prisma/enums";
import { canonicalJson } from "../lib/canonical-json";
import { newId, sha256Hex } from "../lib/ids";
import type { presentClaim } from "../claims/claim-presenter";
import { insertRows, type BulkColumn } from "../db/bulk-insert";
import { prepareWebhookDeliveries } from "../webhooks/outbox-writer";

export const GENESIS_HASH = "0".repeat(64);

export interface NewEvent {
  actor: { type: ActorType; id: string | null };
  action: string;
  entityType: string;
  entityId: string;
  claimId?: string | null;
  before?: unknown;
  after?: unknown;
  /** canonicalJson(after), when the caller has it already (the bulk path works it out while its inserts run). */
  afterJson?: string;
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
  return eventHashOf(prevHash, e, canonicalJson(e.before ?? null), canonicalJson(e.after ?? null));
}

/**
 * eventHash with the canonical JSON of `before` and `after` given: the same text as
 * canonicalJson of the whole event (its keys are written here in sorted order), without
 * serialising the claim it carries a second time.
 */
function eventHashOf(prevHash: string, e: HashedFields, beforeJson: string, afterJson: string): string {
  const j = JSON.stringify;
  const members: Array<[string, string | undefined]> = [
    ["action", j(e.action)],
    ["actorId", e.actorId === undefined ? undefined : j(e.actorId)],
    ["actorType", j(e.actorType)],
    ["after", afterJson],
    ["before", beforeJson],
    ["claimId", e.claimId === undefined ? undefined : j(e.claimId)],
    ["entityId", j(e.entityId)],
    ["entityType", j(e.entityType)],
    ["id", j(e.id)],
    ["occurredAt", j(e.occurredAt.toISOString())],
    ["seq", j(e.seq.toString())],
  ];
  const body = members.flatMap(([k, v]) => (v === undefined ? [] : [`"${k}":${v}`])).join(",");
  return sha256Hex(`${prevHash}\n{${body}}`);
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

/** An events row as inserted: its payloads as their canonical JSON text ("null" is SQL NULL). */
interface EventRow extends Omit<HashedFields, "before" | "after"> {
  organizationId: string;
  beforeJson: string;
  afterJson: string;
  prevHash: string;
  hash: string;
}

const jsonText = (text: string): string | null => (text === "null" ? null : text);
const EVENT_COLUMNS: Array<BulkColumn<EventRow>> = [
  { name: "organizationId", type: "uuid", value: (r) => r.organizationId },
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "seq", type: "int8", value: (r) => BigInt(r.seq) },
  { name: "occurredAt", type: "timestamptz", value: (r) => (r.occurredAt instanceof Date ? r.occurredAt : r.occurredAt ? new Date(r.occurredAt) : null) },
  { name: "actorType", type: '"ActorType"', value: (r) => r.actorType },
  { name: "actorId", type: "uuid", value: (r) => r.actorId ?? null },
  { name: "action", type: "text", value: (r) => r.action },
  { name: "entityType", type: "text", value: (r) => r.entityType },
  { name: "entityId", type: "uuid", value: (r) => r.entityId },
  { name: "claimId", type: "uuid", value: (r) => r.claimId ?? null },
  { name: "before", type: "jsonb", value: (r) => jsonText(r.beforeJson) },
  { name: "after", type: "jsonb", value: (r) => jsonText(r.afterJson) },
  { name: "prevHash", type: "text", value: (r) => r.prevHash },
  { name: "hash", type: "text", value: (r) => r.hash },
];

/**
 * appendEvent for many events of one transaction (a bulk import): the head is locked and
 * updated once, the events and their webhook deliveries are inserted in one statement
 * each. `claims`: the claims these events are about, already rendered (see
 * prepareWebhookDeliveries).
 *
 * The chain head lock serialises every write of an organization, so the work done while
 * holding it is kept to the minimum: the webhook deliveries (subscriptions, payload
 * snapshots) are prepared before it is taken, and the events go in with one raw statement.
 */
export async function appendEvents(
  tx: Prisma.TransactionClient,
  organizationId: string,
  events: readonly NewEvent[],
  claims?: ReadonlyMap<string, ReturnType<typeof presentClaim>>,
): Promise<Array<{ id: string; seq: bigint }>> {
  if (events.length === 0) return [];
  // A provisional time for the webhook payloads prepared before the lock; the events' own
  // time is read once the lock is held (below), so time never runs backwards along seq.
  // Each payload serialised once, here (before the lock) unless the caller did: the same
  // canonical text is hashed and stored (jsonb takes it as it is).
  const canonical = events.map((e) => ({ before: canonicalJson(e.before ?? null), after: e.afterJson ?? canonicalJson(e.after ?? null) }));
  const prepared = events.map((e, i) => ({
    id: newId(),
    occurredAt: new Date(Date.now()),
    actorType: e.actor.type,
    actorId: e.actor.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    claimId: e.claimId ?? null,
    // For the webhook payloads (serialised as JSON when their rows are written).
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  const deliveries = await prepareWebhookDeliveries(tx, organizationId, prepared, claims);

  const head = await lockChainHead(tx, organizationId);
  // Millisecond precision, as stored (timestamptz(3)), so the hash can be recomputed.
  const occurredAt = new Date(Date.now());
  for (const p of prepared) p.occurredAt = occurredAt;
  for (const d of deliveries) {
    d.nextAttemptAt = occurredAt;
    (d.payload as { createdAt: string }).createdAt = occurredAt.toISOString();
  }
  let seq = BigInt(head.seq);
  let prevHash = head.hash;
  const rows: EventRow[] = [];
  prepared.forEach((p, i) => {
    seq += 1n;
    const { before, after } = canonical[i]!;
    const hash = eventHashOf(prevHash, { ...p, seq }, before, after);
    rows.push({ organizationId, ...p, seq, beforeJson: before, afterJson: after, prevHash, hash });
    prevHash = hash;
  });
  // The events and the new head in one statement: the head stays locked until commit, and
  // every round trip while it is held delays every other writer of the organization.
  await insertRows(tx, "events", EVENT_COLUMNS, rows, [], {
    sql: `UPDATE event_chain_heads SET seq = $1::int8, hash = $2 WHERE "organizationId" = $3::uuid`,
    values: [seq.toString(), prevHash, organizationId],
  });
  if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries });
  return rows.map((r) => ({ id: r.id, seq: BigInt(r.seq) }));
}

/** The organization's chain head, locked FOR UPDATE (created at genesis on its first event). */
async function lockChainHead(tx: Prisma.TransactionClient, organizationId: string): Promise<{ seq: bigint; hash: string }> {
  const select = () => tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`SELECT seq, hash FROM event_chain_heads WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  let [head] = await select();
  if (!head) {
    await tx.$executeRaw`INSERT INTO event_chain_heads ("organizationId", seq, hash) VALUES (${organizationId}::uuid, 0, ${GENESIS_HASH}) ON CONFLICT DO NOTHING`;
    [head] = await select();
  }
  if (!head) throw new Error("event chain head missing after insert");
  return head;
}
