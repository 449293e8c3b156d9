import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { knownScopes } from "../../src/auth/scopes";
import { openApiDocumentText } from "../../src/openapi/generate";
import { startTestApp, type TestApp } from "../support/test-app";

const root = path.resolve(__dirname, "../..");
const committedFile = path.join(root, "docs/openapi.json");

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("openapi");
});
afterAll(() => t.close());

describe("the OpenAPI document", () => {
  it("is committed exactly as the code generates it (run `npm run openapi` after changing a route)", () => {
    expect(readFileSync(committedFile, "utf8")).toBe(openApiDocumentText());
  });

  it("is served at /openapi.json and readable at /docs", async () => {
    const doc = await request(t.app).get("/openapi.json").expect(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(JSON.stringify(doc.body)).toBe(JSON.stringify(JSON.parse(readFileSync(committedFile, "utf8"))));
    const page = await request(t.app).get("/docs").expect(200);
    expect(page.text).toContain('id="swagger-ui"');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script: the CSP forbids it
    await request(t.app).get("/docs/init.js").expect(200);
    await request(t.app).get("/docs/assets/swagger-ui-bundle.js").expect(200);
  });

  it("passes the Redocly linter with no errors", () => {
    let output = "";
    try {
      output = execFileSync(path.join(root, "node_modules/.bin/redocly"), ["lint", committedFile, "--config", path.join(root, "redocly.yaml"), "--format", "stylish"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`redocly lint failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    }
    expect(output).not.toMatch(/\berror\b.*\d+ error/i);
  }, 120_000);

  it("documents every route the API serves", async () => {
    const doc = JSON.parse(readFileSync(committedFile, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    for (const p of ["/v1/claims", "/v1/claims/{id}", "/v1/sources", "/v1/sources/{id}", "/v1/articles/{id}", "/healthz", "/readyz"]) {
      expect(doc.paths[p]).toBeDefined();
    }
  });

  describe("declares, on every operation, the refusals that shared middleware gives", () => {
    interface Op {
      operationId: string;
      "x-min-role"?: string;
      "x-scope"?: string;
      parameters?: Array<{ in: string; name: string }>;
      requestBody?: unknown;
      responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
    }
    const doc = JSON.parse(openApiDocumentText()) as { paths: Record<string, Record<string, Op>> };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith("/v1/"))
      .flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${p} (${op.operationId})`, method, op })));
    const authenticated = ops.filter((o) => o.op["x-min-role"] !== "public");
    const withBody = ops.filter((o) => o.op.requestBody !== undefined);
    const writes = ops.filter((o) => o.method !== "get");

    it("finds the operations", () => {
      expect(authenticated.length).toBeGreaterThan(40);
      expect(withBody.length).toBeGreaterThan(20);
    });

    it.each(authenticated.map((o) => [o.name, o.op, o.method] as const))("%s: 401, 403 and 429 with Retry-After (per-key and per-user limit)", (_name, op, method) => {
      expect(op.responses["401"]).toBeDefined();
      // 403 whenever something can refuse an authenticated caller: role, key scope or CSRF.
      if (op["x-min-role"] !== "viewer" || op["x-scope"] !== undefined || method !== "get") expect(op.responses["403"]).toBeDefined();
      expect(op.responses["429"]?.headers?.["Retry-After"]).toBeDefined();
      expect(op.responses["429"]?.content?.["application/problem+json"]).toBeDefined();
    });

    it.each(authenticated.filter((o) => o.method !== "get").map((o) => [o.name, o.op] as const))("%s: 403 names csrf_failed", (_name, op) => {
      expect(op.responses["403"]?.description).toContain("`csrf_failed`");
    });

    it.each(authenticated.filter((o) => o.op["x-scope"] !== undefined).map((o) => [o.name, o.op] as const))("%s: 403 names insufficient_scope", (_name, op) => {
      expect(op.responses["403"]?.description).toContain("`insufficient_scope`");
    });

    it.each(writes.filter((o) => o.op.operationId !== "signIn").map((o) => [o.name, o.op] as const))("%s: declares the X-CSRF-Token request header", (_name, op) => {
      expect(op.parameters?.filter((p) => p.in === "header").map((p) => p.name)).toContain("X-CSRF-Token");
    });

    it.each(withBody.map((o) => [o.name, o.op] as const))("%s: 400, 413 and 415 for a body", (_name, op) => {
      for (const status of ["400", "413", "415"]) expect(op.responses[status]).toBeDefined();
    });

    it.each(ops.map((o) => [o.name, o.op] as const))("%s: 503 with Retry-After", (_name, op) => {
      expect(op.responses["503"]?.headers?.["Retry-After"]).toBeDefined();
    });

    it.each(authenticated.map((o) => [o.name, o.op] as const))("%s: x-scope, when present, is a scope a key can be given", (_name, op) => {
      if (op["x-scope"] !== undefined) expect(knownScopes).toContain(op["x-scope"]);
      else expect(["getMe", "changeMyPassword", "getSession"]).toContain(op.operationId);
    });
  });
});
