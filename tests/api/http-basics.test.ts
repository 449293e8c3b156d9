import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("http-basics");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

describe("health", () => {
  it("GET /healthz answers 200 without auth", async () => {
    await request(t.app).get("/healthz").expect(200, { status: "ok" });
  });

  it("GET /readyz answers 200 when the database is reachable and migrated", async () => {
    const res = await request(t.app).get("/readyz").expect(200);
    expect(res.body).toMatchObject({ status: "ok", database: "ok", migrations: "applied" });
  });
});

describe("errors and request ids", () => {
  it("answers an unknown route with 404 problem+json", async () => {
    const res = await request(t.app).get("/nope").expect(404);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.stringContaining("route-not-found"), title: "Not Found", status: 404, code: "route_not_found" });
  });

  it("puts a request id on every response and in the problem body", async () => {
    const res = await request(t.app).get("/v1/claims").expect(401);
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers["x-request-id"]);
  });

  it("keeps a well-formed X-Request-Id from the caller and replaces a malformed one", async () => {
    const kept = await request(t.app).get("/healthz").set("X-Request-Id", "cms-123.abc").expect(200);
    expect(kept.headers["x-request-id"]).toBe("cms-123.abc");
    const replaced = await request(t.app).get("/healthz").set("X-Request-Id", "bad id\twith junk").expect(200);
    expect(replaced.headers["x-request-id"]).not.toContain("junk");
  });

  it("sends security headers", async () => {
    const res = await request(t.app).get("/healthz");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("answers a non-JSON body with 415 and malformed JSON with 400", async () => {
    const key = { Authorization: `Bearer ${org.keys.admin}` };
    const a = await request(t.app).post("/v1/claims").set(key).set("Content-Type", "text/plain").send("hello").expect(415);
    expect(a.body.code).toBe("unsupported_media_type");
    const b = await request(t.app).post("/v1/claims").set(key).set("Content-Type", "application/json").send("{nope").expect(400);
    expect(b.body.code).toBe("malformed_json");
  });
});
