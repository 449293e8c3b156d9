import type { Prisma } from "../generated/prisma/client";
import { API_KEY_REVOKED_CHANNEL } from "../auth/api-key-cache";
import { appendEvent } from "../events/event-log";
import { notFound } from "../http/problem";
import type { Actor } from "../http/types";

/**
 * Revokes a key: from the next request on, it answers 401. Idempotent: revoking a revoked
 * key changes nothing and appends no event. The UPDATE is conditional on revokedAt IS NULL,
 * so of two concurrent revocations exactly one records the event.
 */
export async function revokeApiKey(tx: Prisma.TransactionClient, opts: { organizationId: string; id: string; actor: Actor }): Promise<void> {
  const { organizationId, id } = opts;
  const key = await tx.apiKey.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { name: true, role: true, prefix: true } });
  if (!key) throw notFound("API key");
  const revokedAt = new Date();
  const updated = await tx.apiKey.updateMany({ where: { organizationId, id, revokedAt: null }, data: { revokedAt } });
  if (updated.count === 0) return;
  // Every instance's key cache drops the key when this commits (src/auth/api-key-cache.ts).
  await tx.$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${id})`;
  await appendEvent(tx, organizationId, {
    actor: opts.actor,
    action: "api_key.revoked",
    entityType: "api_key",
    entityId: id,
    before: { ...key, revokedAt: null },
    after: { ...key, revokedAt: revokedAt.toISOString() },
  });
}
