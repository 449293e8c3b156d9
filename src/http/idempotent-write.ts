import type { Request, Response } from "express";
import type { Prisma } from "../generated/prisma/client";
import type { Database } from "../db/database";
import { canonicalJson } from "../lib/canonical-json";
import { sha256Hex } from "../lib/ids";
import { AppError } from "./problem";
import type { AuthContext } from "./types";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface WriteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Runs a write in one transaction and sends its response. With an Idempotency-Key the
 * key's row is inserted in that same transaction together with the response, so:
 * - a retry after the first request committed gets the stored response, and no second write;
 * - a retry while the first is in flight waits on the row lock, then gets the stored response;
 * - if the first request failed or the process died, nothing was stored, and the retry runs anew;
 * - the same key with a different request is refused with 422.
 * Keys are per organization and kept for 24 hours.
 */
export async function idempotentWrite(
  db: Database,
  req: Request,
  res: Response,
  auth: AuthContext,
  write: (tx: Prisma.TransactionClient) => Promise<WriteResult>,
): Promise<void> {
  const key = req.headers["idempotency-key"];
  if (key === undefined) {
    const result = await db.prisma.$transaction(write);
    return send(res, result, false);
  }
  if (typeof key !== "string" || !keyPattern.test(key)) {
    throw new AppError(400, "invalid_idempotency_key", "Idempotency-Key must be 1–255 visible ASCII characters.", {
      errors: [{ field: "Idempotency-Key", message: "1–255 visible ASCII characters.", code: "invalid_idempotency_key" }],
    });
  }
  const path = req.originalUrl.split("?")[0] ?? req.originalUrl;
  const requestHash = sha256Hex(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body ?? null)}`);
  const organizationId = auth.organizationId;

  const outcome = await db.prisma.$transaction(async (tx) => {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
    // Insert, or take over a key that has expired. Blocks while another transaction holds
    // the same key, then sees its committed row.
    const claimed = await tx.$queryRaw<Array<{ key: string }>>`
      INSERT INTO idempotency_keys ("organizationId", key, method, path, "requestHash", "createdAt", "expiresAt")
      VALUES (${organizationId}::uuid, ${key}, ${req.method}, ${path}, ${requestHash}, ${now}, ${expiresAt})
      ON CONFLICT ("organizationId", key) DO UPDATE
        SET method = EXCLUDED.method, path = EXCLUDED.path, "requestHash" = EXCLUDED."requestHash",
            "statusCode" = NULL, "responseBody" = NULL, "responseHeaders" = NULL,
            "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
        WHERE idempotency_keys."expiresAt" <= ${now}
      RETURNING key`;
    if (claimed.length === 0) {
      const stored = await tx.idempotencyKey.findUnique({ where: { organizationId_key: { organizationId, key } } });
      if (!stored) throw new Error("idempotency key vanished inside its transaction");
      if (stored.requestHash !== requestHash) {
        throw new AppError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      return { replay: true as const, result: { status: stored.statusCode ?? 200, body: stored.responseBody, headers: (stored.responseHeaders ?? {}) as Record<string, string> } };
    }
    const result = await write(tx);
    await tx.idempotencyKey.update({
      where: { organizationId_key: { organizationId, key } },
      data: { statusCode: result.status, responseBody: (result.body ?? null) as Prisma.InputJsonValue, responseHeaders: result.headers ?? {} },
    });
    return { replay: false as const, result };
  });
  send(res, outcome.result, outcome.replay);
}

function send(res: Response, result: WriteResult, replayed: boolean): void {
  for (const [h, v] of Object.entries(result.headers ?? {})) res.setHeader(h, v);
  if (replayed) res.setHeader("Idempotent-Replayed", "true");
  if (result.status === 204 || result.body === undefined) {
    res.status(result.status).end();
    return;
  }
  res.status(result.status).json(result.body);
}
