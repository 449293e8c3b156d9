import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { registerArticleRoutes } from "./articles/article-routes";
import { registerClaimRoutes } from "./claims/claim-routes";
import type { Database } from "./db/database";
import { ApiRoutes } from "./http/api-router";
import { problemSchema } from "./http/problem-schema";
import { buildOpenApiDocument } from "./openapi/openapi-document";
import { registerSourceRoutes } from "./sources/source-routes";

export interface ApiDeps {
  db: Database;
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
