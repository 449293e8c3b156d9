import { OpenApiGeneratorV31, type OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`ct_…`), sent as `Authorization: Bearer <key>`.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "ct_session",
    description: "A sign-in session (`POST /v1/session`). POST, PUT, PATCH and DELETE also need `X-CSRF-Token` with the session's csrfToken.",
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
      { name: "Verification", description: "Verdicts, the review workflow and assignment." },
      { name: "Rating scales", description: "The organization's attribution and content rating scales." },
      { name: "Comments", description: "Reviewers' notes on a claim." },
      { name: "History", description: "A claim's timeline from the event log." },
      { name: "Audit", description: "Integrity of the hash-chained event log." },
      { name: "Health", description: "Liveness and readiness." },
      { name: "Session", description: "Signing in and out with an email and a password (browser sessions)." },
      { name: "Me", description: "The caller: who they are, their role, their password." },
      { name: "Users", description: "People of the organization and their roles (admin)." },
      { name: "API keys", description: "Keys for programs, shown once (admin)." },
    ],
  });
}
