import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "./problem";

/**
 * Whether the request carries a body, as the body parsers decide it (type-is hasBody: a
 * Transfer-Encoding, or a numeric Content-Length, even 0). Without one, none of the body
 * middlewares (src/app.ts) has anything to do.
 */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && !Number.isNaN(Number(length)));
}

/**
 * Whether the request carries a body with something in it (a Transfer-Encoding, or a
 * Content-Length above 0): the rule of the checks that refuse a body (its media type, an
 * anonymous caller), which let an empty one through.
 */
export function hasNonEmptyBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/** A request with a body must say it is JSON (415 otherwise), before we read a byte of it. */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    if (!hasNonEmptyBody(req)) return next();
    // POST /v1/import streams application/x-ndjson; its handler checks the type itself (src/import).
    if (req.method === "POST" && req.path === "/import") return next();
    if (!req.is(["application/json", "application/*+json"])) {
      return next(new AppError(415, "unsupported_media_type", "Send the request body as application/json."));
    }
    next();
  };
}
