import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser } from "../support/test-users";

let t: TestApp;
let org: TestOrg;
const cmsOrigin = "https://cms.example.org";

beforeAll(async () => {
  t = await startTestApp("auth-http", { CORS_ORIGINS: `${cmsOrigin},http://localhost:5173`, BODY_LIMIT: "2kb" });
  org = await createTestOrg(t.db);
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

describe("authentication", () => {
  it("answers a request without credentials with 401 unauthorized", async () => {
    const res = await request(t.app).get("/v1/me").expect(401);
    expect(res.body.code).toBe("unauthorized");
  });

  it("answers a malformed Authorization header and an unknown key with 401", async () => {
    await request(t.app).get("/v1/me").set("Authorization", "Basic dXNlcjpwdw==").expect(401);
    const res = await request(t.app).get("/v1/me").set(bearer("ct_unknownkey")).expect(401);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
  });

  it("prefers the API key when both a key and a session cookie are sent", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const res = await request(t.app).get("/v1/me").set(bearer(org.keys.editor)).set("Cookie", s.cookie).expect(200);
    expect(res.body.type).toBe("api_key");
  });
});

describe("GET /v1/me", () => {
  it("describes an API key caller", async () => {
    const res = await request(t.app).get("/v1/me").set(bearer(org.keys.fact_checker)).expect(200);
    expect(res.body).toEqual({
      type: "api_key",
      id: expect.any(String),
      name: "fact_checker key",
      role: "fact_checker",
      scopes: [],
      organization: { id: org.id, slug: org.slug, name: expect.any(String) },
    });
  });

  it("describes a signed-in user, with their email", async () => {
    const u = await createTestUser(t.db, org.id, { role: "editor", name: "Edith" });
    const s = await createTestSession(t.db, u);
    const res = await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(200);
    expect(res.body).toEqual({ type: "user", id: u.id, name: "Edith", email: u.email, role: "editor", scopes: [], organization: { id: org.id, slug: org.slug, name: expect.any(String) } });
  });
});

describe("request bodies", () => {
  it("answers a body over BODY_LIMIT with 413 payload_too_large", async () => {
    const res = await request(t.app).post("/v1/api-keys").set(bearer(org.keys.admin)).send({ name: "x".repeat(4000), role: "viewer" }).expect(413);
    expect(res.body.code).toBe("payload_too_large");
  });

  it("answers a body that is not JSON with 415, before it is read", async () => {
    const res = await request(t.app).post("/v1/api-keys").set(bearer(org.keys.admin)).set("Content-Type", "application/x-www-form-urlencoded").send("name=x&role=viewer").expect(415);
    expect(res.body.code).toBe("unsupported_media_type");
  });

  it("does not read the body of a caller without credentials", async () => {
    // 401 rather than 413: strangers cannot make us parse large bodies.
    await request(t.app).post("/v1/api-keys").send({ name: "x".repeat(4000) }).expect(401);
  });
});

describe("CORS", () => {
  it("allows a configured origin with credentials", async () => {
    const res = await request(t.app).get("/v1/me").set("Origin", cmsOrigin).set(bearer(org.keys.viewer)).expect(200);
    expect(res.headers["access-control-allow-origin"]).toBe(cmsOrigin);
    expect(res.headers["access-control-allow-credentials"]).toBe("true");
    expect(res.headers["access-control-expose-headers"]).toContain("ETag");
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it("answers a configured origin's preflight with the allowed methods and headers", async () => {
    const res = await request(t.app)
      .options("/v1/users")
      .set("Origin", cmsOrigin)
      .set("Access-Control-Request-Method", "PATCH")
      .set("Access-Control-Request-Headers", "content-type, if-match, x-csrf-token")
      .expect(204);
    expect(res.headers["access-control-allow-origin"]).toBe(cmsOrigin);
    expect(res.headers["access-control-allow-methods"]).toContain("PATCH");
    expect(res.headers["access-control-allow-headers"]).toMatch(/X-CSRF-Token/i);
  });

  it("sends no CORS headers to another origin", async () => {
    const res = await request(t.app).get("/v1/me").set("Origin", "https://evil.example").set(bearer(org.keys.viewer)).expect(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    const pre = await request(t.app).options("/v1/me").set("Origin", "https://evil.example").set("Access-Control-Request-Method", "DELETE");
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a CORS_ORIGINS entry that is not a bare origin at start-up", () => {
    expect(() => loadConfig({ CORS_ORIGINS: "https://cms.example.org/admin" })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ CORS_ORIGINS: " https://a.example , http://localhost:5173 " }).CORS_ORIGINS).toEqual(["https://a.example", "http://localhost:5173"]);
  });

  it("sends no CORS headers at all when CORS_ORIGINS is unset, and keeps the security headers", async () => {
    // Same database, default configuration.
    const plain = createApp({ config: loadConfig({}), db: t.db, log: t.log });
    const res = await request(plain).get("/v1/me").set("Origin", cmsOrigin).set(bearer(org.keys.viewer)).expect(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers.vary ?? "").not.toMatch(/Origin/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["strict-transport-security"]).toBeDefined();
  });
});
