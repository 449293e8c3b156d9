import type { RequestHandler } from "express";

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
const ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key, X-CSRF-Token, X-Request-Id";
const EXPOSED_HEADERS = "ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/**
 * CORS for the configured origins only, with credentials (a CMS on another origin may use
 * the session cookie; CSRF is still checked). Other origins get no CORS headers, so a
 * browser keeps their scripts from reading our answers. Exact origin match: no wildcard,
 * which browsers forbid with credentials anyway.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (allowed.size === 0) return next();
    // The answer depends on Origin: caches must not give one origin's answer to another.
    res.vary("Origin");
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return next();
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
      res.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      res.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
      res.status(204).end();
      return;
    }
    res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    next();
  };
}
