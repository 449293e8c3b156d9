import express, { type Express } from "express";
import { buildApi } from "./api";
import { articleBodyParser } from "./articles/article-body-parser";
import { ApiKeyCache } from "./auth/api-key-cache";
import { authenticate } from "./auth/authenticate";
import { refuseAnonymousBodies } from "./auth/anonymous-bodies";
import { corsPolicy } from "./auth/cors";
import { limitApiRequests } from "./rate-limit/api-rate-limit";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import { healthRoutes } from "./health/health-routes";
import { hasBody, requireJsonBody } from "./http/content-type";
import { errorHandler, notFoundHandler } from "./http/error-handler";
import { installRequestLogging } from "./http/request-logging";
import { securityHeaders } from "./http/security-headers";
import { requireWellFormedBody } from "./http/well-formed-body";
import type { Logger } from "./logging/logger";
import { openApiRoutes } from "./openapi/openapi-routes";
import { webRoutes } from "./web/web-routes";

export interface AppDeps {
  config: Config;
  db: Database;
  log: Logger;
}

/** Builds the HTTP application. Never listens: src/server.ts and the tests do that. */
export function createApp({ config, db, log }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // ETags are record versions, set explicitly.
  if (config.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.set("query parser", "simple"); // no nested objects from ?a[b]=c

  installRequestLogging(app, log);
  app.use(securityHeaders());
  app.use(corsPolicy(config.CORS_ORIGINS));

  const keyCache = ApiKeyCache.forDatabase(db, config.API_KEY_CACHE_SECONDS, log);
  const api = buildApi({ db, config, onApiKeyRevoked: (id) => keyCache.evictKey(id) });

  const v1 = express.Router();
  // Authenticate before reading a body: strangers cannot make us parse megabytes.
  v1.use(authenticate(db, keyCache));
  v1.use(limitApiRequests(db, config, log));
  // The body's middlewares, in one layer that a request without a body (most reads) skips:
  // five router layers passed for nothing were a measurable part of a cached claim read.
  const bodies = express.Router();
  bodies.use(refuseAnonymousBodies(api.document));
  bodies.use(requireJsonBody());
  bodies.use(articleBodyParser(config.BODY_LIMIT)); // article texts: larger limit, for those routes only
  bodies.use(express.json({ limit: config.BODY_LIMIT, strict: true, type: ["application/json", "application/*+json"] }));
  bodies.use(requireWellFormedBody()); // lone surrogates: 400 here, not a database error (both parsers above)
  v1.use((req, res, next) => (hasBody(req) ? bodies(req, res, next) : next()));
  v1.use(api.router);
  // The API first: most requests are API requests, and each router layer they pass costs.
  app.use("/v1", v1);

  app.use(healthRoutes(db));
  app.use(webRoutes()); // the editor UI under /app, with its own CSP (src/web)
  app.use(openApiRoutes(api.document));

  app.use(notFoundHandler());
  app.use(errorHandler(log));
  return app;
}
