import type { PrismaClient } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { displayPrefix, generateApiKeySecret, hashApiKey } from "./api-key-secrets";

export interface CreatedApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
}

export async function createApiKey(
  prisma: PrismaClient,
  opts: { organizationId: string; name: string; role: Role; scopes?: string[]; secret?: string; actor: Actor },
): Promise<CreatedApiKey> {
  const secret = opts.secret ?? generateApiKeySecret();
  const id = newId();
  const prefix = displayPrefix(secret);
  await prisma.$transaction(async (tx) => {
    await tx.apiKey.create({
      data: { organizationId: opts.organizationId, id, name: opts.name, role: opts.role, scopes: opts.scopes ?? [], prefix, secretHash: hashApiKey(secret) },
    });
    await appendEvent(tx, opts.organizationId, {
      actor: opts.actor,
      action: "api_key.created",
      entityType: "api_key",
      entityId: id,
      after: { name: opts.name, role: opts.role, prefix, scopes: opts.scopes ?? [] },
    });
  });
  return { id, name: opts.name, role: opts.role, prefix, secret };
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
