import type { RequestHandler } from "express";
import type { Database } from "../db/database";
import { AppError } from "../http/problem";
import "../http/types";
import { hashApiKey } from "./api-key-secrets";

const unauthorized = (detail: string) =>
  new AppError(401, "unauthorized", detail, { headers: { "WWW-Authenticate": 'Bearer realm="claimtrail"' } });

// lastUsedAt is advisory: refresh it at most once a minute per key instead of on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Requires `Authorization: Bearer <api key>` and sets req.auth. */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) return next(unauthorized("This route needs an API key: send `Authorization: Bearer <key>`."));
    const match = /^Bearer[ ]+(\S{1,200})[ ]*$/i.exec(header);
    if (!match) return next(unauthorized("The Authorization header must be `Bearer <key>`."));
    const secretHash = hashApiKey(match[1]!);
    const key = await db.prisma.apiKey.findFirst({
      where: { secretHash, revokedAt: null },
      select: { organizationId: true, id: true, role: true, scopes: true, lastUsedAt: true },
    });
    if (!key) return next(unauthorized("The API key is not valid or has been revoked."));
    req.auth = { organizationId: key.organizationId, role: key.role, scopes: key.scopes, actor: { type: "api_key", id: key.id } };
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Not awaited on the request path; a failure here must not fail the request.
      db.prisma.apiKey
        .updateMany({ where: { organizationId: key.organizationId, id: key.id }, data: { lastUsedAt: new Date(now) } })
        .catch((err: unknown) => req.log?.warn({ err: { message: (err as Error).message } }, "could not record key use"));
    }
    next();
  };
}
