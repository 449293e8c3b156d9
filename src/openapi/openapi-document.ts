import { OpenApiGeneratorV31, type OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`ct_…`), sent as `Authorization: Bearer <key>`.",
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "ClaimTrail API",
      version: "1.0.0",
      description:
        "Records claims found in news text with their exact place in the article and their full attribution chain " +
        "(speaker → intermediary → outlet), and lets editors verify them: was it really said by that source, and is it true? " +
        "Errors are RFC 9457 problem+json with a stable `code`.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      contact: { name: "ClaimTrail", url: "https://claimtrail.dev" },
    },
    servers: [{ url: "/", description: "This ClaimTrail instance" }],
    tags: [
      { name: "Claims", description: "Claims, their anchors and attribution chains." },
      { name: "Sources", description: "People, organizations and outlets that claims are attributed to." },
      { name: "Articles", description: "Articles and their immutable revisions." },
      { name: "Health", description: "Liveness and readiness." },
    ],
  });
}
