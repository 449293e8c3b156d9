/**
 * The API key cache (src/auth/api-key-cache.ts) saves a lookup per request; it must never
 * let a revoked key through: not in the instance that revoked it, not in another instance
 * on the same database, and not while an instance cannot hear revocations.
 */
import request from "supertest";
import { createApp } from "../../src/app";
import { ApiKeyCache, type VerifiedKey } from "../../src/auth/api-key-cache";
import { loadConfig } from "../../src/config/config";
import type { Database } from "../../src/db/database";
import { createTestOrg, startTestApp, testLogger, type TestApp, type TestOrg } from "../support/test-app";
import { openTestDatabase, usingServer } from "../support/test-db";

const key = (id: string): VerifiedKey => ({ organizationId: "org", id, role: "viewer", scopes: [], lastUsedAt: null });

describe("ApiKeyCache", () => {
  it("caches only while it is listening, and forgets everything when it stops", () => {
    const cache = new ApiKeyCache({ ttlSeconds: 60 }, true);
    cache.set("h1", key("k1"), cache.ticket());
    expect(cache.get("h1")).toBeUndefined(); // not listening yet: nothing cached
    cache.setListening(true);
    cache.set("h1", key("k1"), cache.ticket());
    expect(cache.get("h1")?.id).toBe("k1");
    cache.setListening(false);
    expect(cache.get("h1")).toBeUndefined();
    cache.setListening(true);
    expect(cache.get("h1")).toBeUndefined(); // a gap may have hidden a revocation
  });

  it("drops every entry of a revoked key, and refuses an answer read before the revocation", () => {
    const cache = new ApiKeyCache({ ttlSeconds: 60 }, false);
    cache.set("h1", key("k1"), cache.ticket());
    cache.set("h2", key("k2"), cache.ticket());
    const ticket = cache.ticket(); // a lookup of k1 starts…
    cache.evictKey("k1"); // …the revocation is heard…
    cache.set("h1", key("k1"), ticket); // …the lookup's (stale) answer arrives
    expect(cache.get("h1")).toBeUndefined();
    expect(cache.get("h2")?.id).toBe("k2");
  });

  it("is off with a TTL of 0", () => {
    const cache = new ApiKeyCache({ ttlSeconds: 0 }, false);
    cache.set("h1", key("k1"), cache.ticket());
    expect(cache.enabled).toBe(false);
    expect(cache.get("h1")).toBeUndefined();
  });
});

describe("revocation with the cache on", () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp("api-key-cache");
    org = await createTestOrg(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 401 to the very next request after the revoking one, in the same instance", async () => {
    const created = await request(t.app).post("/v1/api-keys").set({ Authorization: `Bearer ${org.keys.admin}` }).send({ name: "short-lived", role: "viewer" });
    expect(created.status).toBe(201);
    const body = created.body as { id: string; secret: string };
    const as = { Authorization: `Bearer ${body.secret}` };
    for (let i = 0; i < 3; i++) expect((await request(t.app).get("/v1/claims").set(as)).status).toBe(200);
    const revoked = await request(t.app).delete(`/v1/api-keys/${body.id}`).set({ Authorization: `Bearer ${org.keys.admin}` });
    expect(revoked.status).toBe(204);
    expect((await request(t.app).get("/v1/claims").set(as)).status).toBe(401);
  });
});

(usingServer() ? describe : describe.skip)("two instances on one PostgreSQL server", () => {
  let a: TestApp;
  let other: Database;
  let org: TestOrg;
  beforeAll(async () => {
    a = await startTestApp("api-key-cache-a");
    other = await openTestDatabase();
    org = await createTestOrg(a.db);
  });
  afterAll(async () => {
    await other?.close();
    await a?.close();
  });

  it("a key revoked through one instance answers 401 in the other within moments", async () => {
    const b = createApp({ config: loadConfig({ LOG_LEVEL: "debug" }), db: other, log: testLogger("api-key-cache-b") });
    const created = await request(a.app).post("/v1/api-keys").set({ Authorization: `Bearer ${org.keys.admin}` }).send({ name: "shared", role: "viewer" });
    const body = created.body as { id: string; secret: string };
    const as = { Authorization: `Bearer ${body.secret}` };
    // Instance b has it cached (it listens as soon as it can; give it a moment to start).
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 3; i++) expect((await request(b).get("/v1/claims").set(as)).status).toBe(200);
    expect((await request(a.app).delete(`/v1/api-keys/${body.id}`).set({ Authorization: `Bearer ${org.keys.admin}` })).status).toBe(204);
    const deadline = Date.now() + 2000;
    let status = 200;
    while (Date.now() < deadline && status !== 401) {
      status = (await request(b).get("/v1/claims").set(as)).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
  });
});
