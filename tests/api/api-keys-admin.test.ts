import { randomUUID } from "node:crypto";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { recordTestSecret } from "../support/test-secrets";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

const serverIt = usingServer() ? it : it.skip;

beforeAll(async () => {
  t = await startTestApp("api-keys-admin");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const admin = () => ({ Authorization: `Bearer ${org.keys.admin}` });

async function createKey(body: Record<string, unknown> = { name: "CMS importer", role: "fact_checker" }) {
  const res = await request(t.app).post("/v1/api-keys").set(admin()).send(body).expect(201);
  recordTestSecret(res.body.secret as string);
  return res;
}

describe("POST /v1/api-keys", () => {
  it("creates a key and shows its secret only in this response; the key works at once", async () => {
    const res = await createKey({ name: "CMS importer", role: "fact_checker", scopes: ["claims:write"] });
    expect(res.body).toMatchObject({ name: "CMS importer", role: "fact_checker", scopes: ["claims:write"], lastUsedAt: null, revokedAt: null, secret: expect.stringMatching(/^ct_/) });
    expect(res.body.prefix).toBe((res.body.secret as string).slice(0, res.body.prefix.length));
    expect(res.headers.location).toBe(`/v1/api-keys/${res.body.id}`);
    expect(res.headers["cache-control"]).toBe("no-store");
    const me = await request(t.app).get("/v1/me").set({ Authorization: `Bearer ${res.body.secret}` }).expect(200);
    expect(me.body).toMatchObject({ type: "api_key", id: res.body.id, role: "fact_checker", scopes: ["claims:write"] });
    const shown = await request(t.app).get(`/v1/api-keys/${res.body.id}`).set(admin()).expect(200);
    expect(shown.body.secret).toBeUndefined();
    expect(shown.body.lastUsedAt).toEqual(expect.any(String));
  });

  it("stores only the key's hash and records api_key.created without it", async () => {
    const res = await createKey();
    const row = await t.db.prisma.apiKey.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: res.body.id } } });
    expect(row.secretHash).not.toBe(res.body.secret);
    const event = await t.db.prisma.event.findFirstOrThrow({ where: { organizationId: org.id, entityId: res.body.id, action: "api_key.created" } });
    expect(JSON.stringify(event.after)).not.toContain(res.body.secret);
    expect(JSON.stringify(event.after)).not.toContain(row.secretHash);
  });

  it("rejects a bad role, bad scopes and unknown fields with 400", async () => {
    const res = await request(t.app).post("/v1/api-keys").set(admin()).send({ name: "", role: "root", scopes: ["Bad Scope"], secret: "mine" }).expect(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["name", "role", "scopes.0", "secret"]);
    await request(t.app).post("/v1/api-keys").set(admin()).send({ name: "dup", role: "viewer", scopes: ["a", "a"] }).expect(400);
  });

  it("refuses Idempotency-Key, since the response carries the secret", async () => {
    const res = await request(t.app).post("/v1/api-keys").set(admin()).set("Idempotency-Key", "k-1").send({ name: "x", role: "viewer" }).expect(400);
    expect(res.body.code).toBe("idempotency_key_not_supported");
  });

  it("is for admins only: an editor gets 403 and no key is created", async () => {
    const before = await t.db.prisma.apiKey.count({ where: { organizationId: org.id } });
    const res = await request(t.app).post("/v1/api-keys").set({ Authorization: `Bearer ${org.keys.editor}` }).send({ name: "x", role: "viewer" }).expect(403);
    expect(res.body.code).toBe("forbidden");
    expect(await t.db.prisma.apiKey.count({ where: { organizationId: org.id } })).toBe(before);
  });
});

describe("GET /v1/api-keys", () => {
  it("lists keys with prefix, role, scopes and dates, never a secret or hash", async () => {
    const mine = await createTestOrg(t.db);
    const res = await request(t.app).get("/v1/api-keys?limit=3").set({ Authorization: `Bearer ${mine.keys.admin}` }).expect(200);
    expect(res.body.data).toHaveLength(3);
    for (const k of res.body.data) {
      expect(Object.keys(k).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role", "scopes"]);
    }
    const rest = await request(t.app).get(`/v1/api-keys?cursor=${res.body.nextCursor}`).set({ Authorization: `Bearer ${mine.keys.admin}` }).expect(200);
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });

  it("answers 404 for another organization's key", async () => {
    const theirs = await request(t.app).get("/v1/api-keys?limit=1").set({ Authorization: `Bearer ${other.keys.admin}` }).expect(200);
    await request(t.app).get(`/v1/api-keys/${theirs.body.data[0].id}`).set(admin()).expect(404);
    await request(t.app).delete(`/v1/api-keys/${theirs.body.data[0].id}`).set(admin()).expect(404);
    await request(t.app).get("/v1/me").set({ Authorization: `Bearer ${other.keys.admin}` }).expect(200);
  });
});

describe("DELETE /v1/api-keys/{id}", () => {
  it("revokes a key: 204, 401 at once for that key, revokedAt set, api_key.revoked recorded", async () => {
    const created = await createKey();
    const key = { Authorization: `Bearer ${created.body.secret}` };
    await request(t.app).get("/v1/me").set(key).expect(200);
    await request(t.app).delete(`/v1/api-keys/${created.body.id}`).set(admin()).expect(204);
    const res = await request(t.app).get("/v1/me").set(key).expect(401);
    expect(res.body.code).toBe("unauthorized");
    const shown = await request(t.app).get(`/v1/api-keys/${created.body.id}`).set(admin()).expect(200);
    expect(shown.body.revokedAt).toEqual(expect.any(String));
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId: created.body.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("is idempotent: revoking a revoked key answers 204 and records nothing more", async () => {
    const created = await createKey();
    await request(t.app).delete(`/v1/api-keys/${created.body.id}`).set(admin()).expect(204);
    await request(t.app).delete(`/v1/api-keys/${created.body.id}`).set(admin()).expect(204);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: created.body.id, action: "api_key.revoked" } })).toBe(1);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    await request(t.app).delete(`/v1/api-keys/${randomUUID()}`).set(admin()).expect(404);
    await request(t.app).delete("/v1/api-keys/nope").set(admin()).expect(404);
  });

  serverIt("records one api_key.revoked when two admins revoke the same key at once", async () => {
    const created = await createKey();
    const results = await Promise.all([1, 2].map(() => request(t.app).delete(`/v1/api-keys/${created.body.id}`).set(admin())));
    expect(results.map((r) => r.status)).toEqual([204, 204]);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: created.body.id, action: "api_key.revoked" } })).toBe(1);
  });
});

describe("API key scopes", () => {
  const as = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  const countEvents = () => t.db.prisma.event.count({ where: { organizationId: org.id } });

  it("refuses a scope that names no area or access (400 listing it) and creates nothing", async () => {
    const before = await t.db.prisma.apiKey.count({ where: { organizationId: org.id } });
    const res = await request(t.app).post("/v1/api-keys").set(admin()).send({ name: "x", role: "viewer", scopes: ["claims:read", "claims:delete", "everything"] }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(["scopes.1", "scopes.2"]);
    expect(await t.db.prisma.apiKey.count({ where: { organizationId: org.id } })).toBe(before);
  });

  it("a claims:read key reads claims but cannot write them or read other areas (403 insufficient_scope, nothing changed)", async () => {
    const key = (await createKey({ name: "reader", role: "editor", scopes: ["claims:read"] })).body.secret as string;
    await request(t.app).get("/v1/claims").set(as(key)).expect(200);
    await request(t.app).get("/v1/me").set(as(key)).expect(200); // who am I needs no scope
    const before = await countEvents();
    const write = await request(t.app).post("/v1/claims").set(as(key)).send({}).expect(403);
    expect(write.body).toMatchObject({ code: "insufficient_scope", requiredScope: "claims:write" });
    const sources = await request(t.app).get("/v1/sources").set(as(key)).expect(403);
    expect(sources.body).toMatchObject({ code: "insufficient_scope", requiredScope: "sources:read" });
    expect(await countEvents()).toBe(before);
  });

  it("write includes read of the same area, and a scope never lifts the key above its role", async () => {
    const writer = (await createKey({ name: "writer", role: "fact_checker", scopes: ["claims:write", "sources:read"] })).body.secret as string;
    await request(t.app).get("/v1/claims").set(as(writer)).expect(200);
    await request(t.app).get("/v1/sources").set(as(writer)).expect(200);
    const bad = await request(t.app).post("/v1/claims").set(as(writer)).send({}).expect(400); // past the scope check: validation
    expect(bad.body.code).not.toBe("insufficient_scope");
    // archiveClaim needs editor: the fact_checker key with claims:write still gets 403 forbidden.
    const archive = await request(t.app).delete(`/v1/claims/${randomUUID()}`).set(as(writer)).set("If-Match", '"1"').expect(403);
    expect(archive.body.code).toBe("forbidden");
    const viewer = (await createKey({ name: "viewer writer", role: "viewer", scopes: ["claims:write"] })).body.secret as string;
    expect((await request(t.app).post("/v1/claims").set(as(viewer)).send({}).expect(403)).body.code).toBe("forbidden");
  });

  it("a key without scopes is limited by its role only", async () => {
    const plain = (await createKey({ name: "plain", role: "admin" })).body.secret as string;
    await request(t.app).get("/v1/sources").set(as(plain)).expect(200);
    await request(t.app).get("/v1/api-keys").set(as(plain)).expect(200);
  });
});
