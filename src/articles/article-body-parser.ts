import express, { type RequestHandler } from "express";

/**
 * An article's text may be up to 2,000,000 UTF-16 code units: up to ~6 MB of UTF-8 for
 * CJK text, more with JSON escapes. Article writes get this larger body limit (or
 * BODY_LIMIT, if that is larger); every other route keeps BODY_LIMIT.
 */
export const ARTICLE_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** "1mb" → 1048576 (the BODY_LIMIT format: digits and b, kb or mb). */
export function parseBodyLimit(limit: string): number {
  const m = /^(\d+)(b|kb|mb)$/i.exec(limit.trim());
  if (!m) return 0;
  return Number(m[1]) * (units[(m[2] ?? "b").toLowerCase()] ?? 1);
}

const articleWrite = /^\/articles(\/|$)/i;

/**
 * JSON parser for POST/PUT/PATCH under /articles, mounted before the general one (which
 * then sees a body already read and skips it). Mount it after authentication, like the
 * general parser, so that strangers cannot make us read megabytes.
 */
export function articleBodyParser(bodyLimit: string): RequestHandler {
  const json = express.json({
    limit: Math.max(ARTICLE_BODY_LIMIT_BYTES, parseBodyLimit(bodyLimit)),
    strict: true,
    type: ["application/json", "application/*+json"],
  });
  return (req, res, next) => {
    if ((req.method === "POST" || req.method === "PUT" || req.method === "PATCH") && articleWrite.test(req.path)) {
      json(req, res, next);
      return;
    }
    next();
  };
}
