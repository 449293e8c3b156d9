import type { Request, RequestHandler } from "express";
import type { Database } from "../db/database";
import { AppError } from "../http/problem";
import "../http/types";
import type { ApiKeyCache } from "./api-key-cache";
import { hashApiKey } from "./api-key-secrets";
import "./auth-session";
import { csrfTokenMatches, deriveCsrfToken, hashSessionToken, readSessionCookie } from "./session-tokens";

const unauthorized = (detail: string) =>
  new AppError(401, "unauthorized", detail, { headers: { "WWW-Authenticate": 'Bearer realm="claimtrail"' } });

const sessionExpired = () =>
  new AppError(401, "session_expired", "Your session has expired or was signed out. Sign in again (POST /v1/session).");

const csrfFailed = () =>
  new AppError(403, "csrf_failed", "Requests that change data with a session cookie must send X-CSRF-Token with the session's csrfToken.");

// lastUsedAt is advisory: refresh it at most once a minute per key instead of on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Identifies the caller, before any body is read:
 * - `Authorization: Bearer <api key>`: the key must be valid and unrevoked, else 401 at once
 *   (even on public routes: a client that sends a broken key should hear about it);
 * - otherwise the `ct_session` cookie: a live session of an enabled user. Requests that
 *   change data must also carry X-CSRF-Token (a cross-site form can send the cookie, not
 *   the header). A dead session or a failed CSRF check leaves the request anonymous and
 *   records why in req.authProblem, which protected operations answer with;
 * - nothing: anonymous. ApiRoutes answers 401 on every operation that is not public.
 */
export function authenticate(db: Database, keyCache: ApiKeyCache): RequestHandler {
  return async (req, _res, next) => {
    if (req.headers.authorization !== undefined) {
      await authenticateApiKey(db, req);
      return next();
    }
    const cookie = readSessionCookie(req.headers.cookie);
    if (cookie.kind === "none") return next();
    if (cookie.kind === "malformed") {
      req.authProblem = sessionExpired();
      return next();
    }
    const session = await db.prisma.session.findFirst({
      where: { tokenHash: hashSessionToken(cookie.token), expiresAt: { gt: new Date() }, user: { disabledAt: null } },
      select: { id: true, organizationId: true, userId: true, csrfTokenHash: true, expiresAt: true, user: { select: { role: true } } },
    });
    if (!session) {
      req.authProblem = sessionExpired();
      return next();
    }
    if (!SAFE_METHODS.has(req.method) && !csrfTokenMatches(req.headers["x-csrf-token"], session.csrfTokenHash)) {
      req.authProblem = csrfFailed();
      return next();
    }
    req.auth = { organizationId: session.organizationId, role: session.user.role, scopes: [], actor: { type: "user", id: session.userId } };
    req.authSession = {
      id: session.id,
      organizationId: session.organizationId,
      userId: session.userId,
      expiresAt: session.expiresAt,
      csrfToken: deriveCsrfToken(cookie.token),
    };
    next();
  };

  async function authenticateApiKey(database: Database, req: Request): Promise<void> {
    const match = /^Bearer[ ]+(\S{1,200})[ ]*$/i.exec(req.headers.authorization ?? "");
    if (!match) throw unauthorized("The Authorization header must be `Bearer <key>`.");
    const secretHash = hashApiKey(match[1]!);
    let key = keyCache.get(secretHash);
    if (!key) {
      const ticket = keyCache.ticket();
      const found = await database.prisma.apiKey.findFirst({
        where: { secretHash, revokedAt: null },
        select: { organizationId: true, id: true, role: true, scopes: true, lastUsedAt: true },
      });
      if (!found) throw unauthorized("The API key is not valid or has been revoked.");
      key = found;
      keyCache.set(secretHash, key, ticket);
    }
    req.auth = { organizationId: key.organizationId, role: key.role, scopes: key.scopes, actor: { type: "api_key", id: key.id } };
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Not awaited on the request path; a failure here must not fail the request.
      key.lastUsedAt = new Date(now); // the cached entry too: at most one write a minute per key
      database.prisma.apiKey
        .updateMany({ where: { organizationId: key.organizationId, id: key.id }, data: { lastUsedAt: new Date(now) } })
        .catch((err: unknown) => req.log?.warn({ err: { message: (err as Error).message } }, "could not record key use"));
    }
  }
}
