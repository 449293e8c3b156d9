import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { displayPrefix, generateApiKeySecret, hashApiKey } from "./api-key-secrets";

export interface CreatedApiKey {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
}

export interface NewApiKey {
  organizationId: string;
  name: string;
  role: Role;
  scopes?: string[];
  secret?: string;
  actor: Actor;
}

/** Inserts a key and its `api_key.created` event inside the caller's transaction. */
export async function insertApiKey(tx: Prisma.TransactionClient, opts: NewApiKey): Promise<CreatedApiKey> {
  const secret = opts.secret ?? generateApiKeySecret();
  const id = newId();
  const prefix = displayPrefix(secret);
  const scopes = opts.scopes ?? [];
  const row = await tx.apiKey.create({
    data: { organizationId: opts.organizationId, id, name: opts.name, role: opts.role, scopes, prefix, secretHash: hashApiKey(secret) },
    select: { createdAt: true },
  });
  await appendEvent(tx, opts.organizationId, {
    actor: opts.actor,
    action: "api_key.created",
    entityType: "api_key",
    entityId: id,
    after: { name: opts.name, role: opts.role, prefix, scopes },
  });
  return { id, name: opts.name, role: opts.role, scopes, prefix, createdAt: row.createdAt, secret };
}

export function createApiKey(prisma: PrismaClient, opts: NewApiKey): Promise<CreatedApiKey> {
  return prisma.$transaction((tx) => insertApiKey(tx, opts));
}

/** Makes sure an admin key with exactly this secret exists (BOOTSTRAP_ADMIN_KEY). */
export async function ensureBootstrapKey(prisma: PrismaClient, organizationId: string, secret: string): Promise<{ created: boolean; prefix: string }> {
  const existing = await prisma.apiKey.findUnique({
    where: { organizationId_secretHash: { organizationId, secretHash: hashApiKey(secret) } },
    select: { id: true, revokedAt: true, prefix: true },
  });
  if (existing && !existing.revokedAt) return { created: false, prefix: existing.prefix };
  if (existing) {
    // A revoked bootstrap key stays revoked: refusing silently would surprise the operator.
    throw new Error("BOOTSTRAP_ADMIN_KEY names a key that has been revoked; choose a new secret.");
  }
  const key = await createApiKey(prisma, { organizationId, name: "bootstrap admin", role: "admin", secret, actor: { type: "system", id: null } });
  return { created: true, prefix: key.prefix };
}
