import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { registerArticleRoutes } from "./articles/article-routes";
import { registerClaimRoutes } from "./claims/claim-routes";
import type { Database } from "./db/database";
import { registerApiKeyRoutes } from "./api-keys/api-key-routes";
import { loadConfig, type Config } from "./config/config";
import { registerMeRoutes } from "./me/me-routes";
import { registerSessionRoutes } from "./sessions/session-routes";
import { registerUserRoutes } from "./users/user-routes";
import { ApiRoutes } from "./http/api-router";
import { problemSchema } from "./http/problem-schema";
import { buildOpenApiDocument } from "./openapi/openapi-document";
import { registerSourceRoutes } from "./sources/source-routes";
import { registerAuditRoutes } from "./audit/audit-routes";
import { registerCommentRoutes } from "./comments/comment-routes";
import { registerHistoryRoutes } from "./history/history-routes";
import { registerRatingScaleRoutes } from "./scales/scale-routes";
import { registerVerificationRoutes } from "./verification/verification-routes";
import { registerNotificationRoutes } from "./notifications/notification-routes";
import { registerWebhookRoutes } from "./webhooks/webhook-routes";
import { registerClaimReviewRoutes } from "./claimreview/claimreview-routes";
import { registerCheckRoutes } from "./check/check-routes";
import { registerOrganizationRoutes } from "./organizations/organization-routes";
import { registerProposalRoutes } from "./proposals/proposal-routes";
import { registerImportRoutes } from "./import/import-routes";

export interface ApiDeps {
  db: Database;
  /** Settings read by handlers (session lifetime, sign-in limits); defaults when only the document is built. */
  config?: Config;
  /** Called when a request revokes an API key (the app's key cache drops it). */
  onApiKeyRevoked?: (keyId: string) => void;
}

/**
 * Every /v1 operation, registered once: the express router that serves them and the
 * OpenAPI document that describes them come from the same declarations.
 */
export function buildApi(deps: ApiDeps) {
  const registry = new OpenAPIRegistry();
  const api = new ApiRoutes(registry);
  registerClaimRoutes(api, deps.db);
  registerSourceRoutes(api, deps.db);
  registerArticleRoutes(api, deps.db);
  registerVerificationRoutes(api, deps.db);
  registerRatingScaleRoutes(api, deps.db);
  registerCommentRoutes(api, deps.db);
  registerHistoryRoutes(api, deps.db);
  registerAuditRoutes(api, deps.db);
  const config = deps.config ?? loadConfig({});
  registerSessionRoutes(api, deps.db, config);
  registerMeRoutes(api, deps.db, config);
  registerUserRoutes(api, deps.db);
  registerApiKeyRoutes(api, deps.db, deps.onApiKeyRevoked);
  registerWebhookRoutes(api, deps.db, config);
  registerNotificationRoutes(api, deps.db);
  registerClaimReviewRoutes(api, deps.db);
  registerCheckRoutes(api, deps.db);
  registerOrganizationRoutes(api, deps.db);
  registerProposalRoutes(api, deps.db);
  registerImportRoutes(api, deps.db);
  registerHealthDocs(registry);
  return { router: api.router, document: buildOpenApiDocument(registry) };
}

function registerHealthDocs(registry: OpenAPIRegistry): void {
  const problem = { description: "Not ready.", content: { "application/problem+json": { schema: problemSchema } } };
  registry.registerPath({
    method: "get",
    path: "/healthz",
    operationId: "healthz",
    summary: "Liveness: the process is up",
    tags: ["Health"],
    security: [],
    responses: { 200: { description: "Up.", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
  });
  registry.registerPath({
    method: "get",
    path: "/readyz",
    operationId: "readyz",
    summary: "Readiness: the database is reachable and every migration is applied",
    tags: ["Health"],
    security: [],
    responses: {
      200: { description: "Ready.", content: { "application/json": { schema: z.object({ status: z.literal("ok"), database: z.literal("ok"), migrations: z.literal("applied") }) } } },
      503: problem,
    },
  });
}
