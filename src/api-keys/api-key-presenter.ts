import type { z } from "zod";
import type { Role } from "../generated/prisma/enums";
import type { apiKeySchema } from "./api-key-schemas";

/** The columns a key leaves the service with: never its hash. */
export const apiKeyColumns = { id: true, name: true, role: true, scopes: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function presentApiKey(k: ApiKeyRow): z.infer<typeof apiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    scopes: k.scopes,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
