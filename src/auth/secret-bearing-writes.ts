import type { Request } from "express";
import { AppError } from "../http/problem";

/**
 * Idempotency-Key stores a hash of the request and the whole response. For requests that
 * carry a password (a fast hash of it could be guessed offline) or responses that carry a
 * secret (an API key, a session), that storage would defeat the point, so these operations
 * refuse the header instead of silently not honouring it.
 */
export function refuseIdempotencyKey(req: Request): void {
  if (req.headers["idempotency-key"] === undefined) return;
  throw new AppError(400, "idempotency_key_not_supported", "This operation carries a password or a secret, which is never stored, so it does not accept Idempotency-Key.", {
    errors: [{ field: "Idempotency-Key", message: "Not supported by this operation.", code: "idempotency_key_not_supported" }],
  });
}

/** Responses with secrets must not be kept by browsers or proxies. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;
