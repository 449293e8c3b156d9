import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
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
});
