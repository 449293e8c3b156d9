import type { RequestHandler } from "express";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { Logger } from "../logging/logger";
import "../http/types";
import { buckets, RateLimiter } from "./rate-limiter";

/**
 * Per-caller limit on every authenticated /v1 request (an API key, or a signed-in user
 * across their sessions). Runs after authentication, before the body is read.
 */
export function limitApiRequests(db: Database, config: Pick<Config, "RATE_LIMIT_API_PER_MINUTE">, log?: Logger): RequestHandler {
  const limiter = new RateLimiter(db, log);
  return async (req, _res, next) => {
    const auth = req.auth;
    if (!auth || !auth.actor.id || config.RATE_LIMIT_API_PER_MINUTE === 0) return next();
    const bucket = auth.actor.type === "api_key" ? buckets.apiKey(auth.actor.id) : buckets.user(auth.actor.id);
    await limiter.enforce(bucket, config.RATE_LIMIT_API_PER_MINUTE, "requests for this API key or user");
    next();
  };
}
