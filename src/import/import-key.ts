import type { Prisma } from "../generated/prisma/client";
import { IDEMPOTENCY_TTL_MS } from "../http/idempotent-write";
import { AppError } from "../http/problem";

const keyPattern = /^[\x21-\x7e]{1,255}$/;
/** Stored until the import commits with its real fingerprint; never visible to another transaction. */
const PENDING_HASH = "pending";

export function parseImportKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== "string" || !keyPattern.test(header)) {
    throw new AppError(400, "invalid_idempotency_key", "Idempotency-Key must be 1–255 visible ASCII characters.", {
      errors: [{ field: "Idempotency-Key", message: "1–255 visible ASCII characters.", code: "invalid_idempotency_key" }],
    });
  }
  return header;
}

export interface StoredImport {
  requestHash: string;
  status: number;
  body: unknown;
}

/**
 * The approach of src/http/idempotent-write.ts, split in two because an import's
 * fingerprint (a hash of the streamed body) is known only once the body is read:
 * claim the key first (a concurrent retry waits on its row lock), store fingerprint and
 * response last, in the import's transaction. Returns the stored import when the key
 * was already used (and has not expired).
 */
export async function claimImportKey(tx: Prisma.TransactionClient, organizationId: string, key: string, path: string): Promise<StoredImport | null> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
  const claimed = await tx.$queryRaw<Array<{ key: string }>>`
    INSERT INTO idempotency_keys ("organizationId", key, method, path, "requestHash", "createdAt", "expiresAt")
    VALUES (${organizationId}::uuid, ${key}, 'POST', ${path}, ${PENDING_HASH}, ${now}, ${expiresAt})
    ON CONFLICT ("organizationId", key) DO UPDATE
      SET method = EXCLUDED.method, path = EXCLUDED.path, "requestHash" = EXCLUDED."requestHash",
          "statusCode" = NULL, "responseBody" = NULL, "responseHeaders" = NULL,
          "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE idempotency_keys."expiresAt" <= ${now}
    RETURNING key`;
  if (claimed.length > 0) return null;
  const stored = await tx.idempotencyKey.findUnique({ where: { organizationId_key: { organizationId, key } } });
  if (!stored) throw new Error("idempotency key vanished inside its transaction");
  return { requestHash: stored.requestHash, status: stored.statusCode ?? 200, body: stored.responseBody };
}

export async function storeImportKey(tx: Prisma.TransactionClient, organizationId: string, key: string, requestHash: string, status: number, body: unknown): Promise<void> {
  await tx.idempotencyKey.update({
    where: { organizationId_key: { organizationId, key } },
    data: { requestHash, statusCode: status, responseBody: body as Prisma.InputJsonValue, responseHeaders: {} },
  });
}

export const keyReused = () =>
  new AppError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
