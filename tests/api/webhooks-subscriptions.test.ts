import { mkdtempSync, statSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { TEST_WEBHOOK_SECRET_KEY } from "../support/webhook-receiver";

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const hook = "http://127.0.0.1:9/hooks";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("webhooks-subscriptions", { WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

/** The same database under other settings: only the configuration differs. */
const appWith = (env: Record<string, string>) => createApp({ config: loadConfig({ LOG_LEVEL: "silent", ...env }), db: t.db, log: t.log });

const create = (body: Record<string, unknown>, key = org.keys.admin, app = t.app) => request(app).post("/v1/webhooks").set(auth(key)).send(body);

describe("POST /v1/webhooks", () => {
  it("creates a subscription and shows its signing secret once, stored only encrypted", async () => {
    const res = await create({ url: hook, eventTypes: ["claim.created", "verdict.changed"] }).expect(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({ url: hook, eventTypes: ["claim.created", "verdict.changed"], active: true, version: 1, disabledAt: null, consecutiveFailures: 0 });
    expect(res.body.secretPrefix).toBe(res.body.secret.slice(0, 10));
    expect(res.headers.location).toBe(`/v1/webhooks/${res.body.id}`);
    expect(res.headers["cache-control"]).toBe("no-store");
    const got = await request(t.app).get(`/v1/webhooks/${res.body.id}`).set(auth(org.keys.admin)).expect(200);
    expect(got.body.secret).toBeUndefined();
    expect(got.headers.etag).toBe('"1"');
    const row = await t.db.prisma.webhookSubscription.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: res.body.id } } });
    expect(row.secretCiphertext).not.toContain(res.body.secret.slice(6));
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId: res.body.id } });
    expect(events.map((e) => e.action)).toEqual(["webhook.created"]);
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(res.body.secret);
  });

  it("rejects unknown fields, unknown event types and repeated types with 400", async () => {
    const res = await create({ url: hook, eventTypes: ["claim.created"], extra: 1 }).expect(400);
    expect(res.body.code).toBe("validation_failed");
    await create({ url: hook, eventTypes: ["claim.deleted"] }).expect(400);
    await create({ url: hook, eventTypes: [] }).expect(400);
    await create({ url: hook, eventTypes: ["claim.created", "claim.created"] }).expect(400);
  });

  it("refuses a key it would have to store with Idempotency-Key with 400", async () => {
    const res = await create({ url: hook, eventTypes: ["claim.created"] }).set("Idempotency-Key", "k1").expect(400);
    expect(res.body.code).toBe("idempotency_key_not_supported");
  });

  it("answers 401 without a key and 403 below admin", async () => {
    await request(t.app).post("/v1/webhooks").send({ url: hook, eventTypes: ["claim.created"] }).expect(401);
    await create({ url: hook, eventTypes: ["claim.created"] }, org.keys.editor).expect(403);
    await request(t.app).get("/v1/webhooks").set(auth(org.keys.editor)).expect(403);
    await request(t.app).get("/v1/notifications").set(auth(org.keys.editor)).expect(403);
  });

  it.each([
    "http://10.0.0.1/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://[::ffff:7f00:1]/hooks",
    "http://[fd00::1]/hooks",
    "http://[fe80::1]/hooks",
    "http://100.64.0.1/hooks",
    "http://0.0.0.0/hooks",
    "http://192.168.1.10/hooks",
    "http://172.16.5.4/hooks",
    "http://127.0.0.2/hooks",
    "http://localhost:8080/hooks",
    "http://localhost./hooks",
    "http://localhost.:8080/hooks",
    "ftp://example.org/hooks",
    "not a url",
    "http://user:pw@example.org/hooks",
  ])("refuses %s with 422 webhook_url_not_allowed", async (url) => {
    const res = await create({ url, eventTypes: ["claim.created"] }).expect(422);
    expect(res.body.code).toBe("webhook_url_not_allowed");
    expect(await t.db.prisma.webhookSubscription.count({ where: { organizationId: org.id, url } })).toBe(0);
  });

  it("refuses a host name that resolves to a loopback address", async () => {
    const res = await create({ url: `http://${os.hostname()}:9/hooks`, eventTypes: ["claim.created"] });
    // The test machine's own name resolves to itself (127.0.0.1 here); elsewhere it may be a private address.
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("webhook_url_not_allowed");
  });

  it("allows an internal address named by WEBHOOK_ALLOWED_HOSTS, with or without a port", async () => {
    const app = appWith({ WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, WEBHOOK_ALLOWED_HOSTS: "10.1.2.3:8443,[::1]" });
    await create({ url: "https://10.1.2.3:8443/h", eventTypes: ["claim.created"] }, org.keys.admin, app).expect(201);
    await create({ url: "https://10.1.2.3/h", eventTypes: ["claim.created"] }, org.keys.admin, app).expect(422);
    await create({ url: "http://[::1]:3000/h", eventTypes: ["claim.created"] }, org.keys.admin, app).expect(201);
  });
});

describe("the signing secret's encryption key", () => {
  it("refuses to create webhooks on a server deployment without WEBHOOK_SECRET_KEY with 409", async () => {
    // The configuration of a server deployment; the database is the test's own.
    const app = appWith({ DATABASE_URL: "postgresql://unused.invalid/db", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
    const res = await create({ url: hook, eventTypes: ["claim.created"] }, org.keys.admin, app).expect(409);
    expect(res.body.code).toBe("webhook_secret_key_missing");
    expect(res.body.detail).toContain("WEBHOOK_SECRET_KEY");
  });

  it("generates a key file (0600) in DATA_DIR on the embedded database when none is set", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ct-whkey-"));
    const app = appWith({ DATA_DIR: dir, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
    await create({ url: hook, eventTypes: ["claim.created"] }, org.keys.admin, app).expect(201);
    const file = path.join(dir, "webhook-secret.key");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await create({ url: hook, eventTypes: ["claim.created"] }, org.keys.admin, app).expect(201);
  });
});

describe("reading, changing and deleting subscriptions", () => {
  async function made(): Promise<string> {
    return (await create({ url: hook, eventTypes: ["claim.created"] }).expect(201)).body.id as string;
  }

  it("lists subscriptions newest first with a cursor, never another organization's", async () => {
    const a = await made();
    const b = await made();
    const page1 = await request(t.app).get("/v1/webhooks?limit=1").set(auth(org.keys.admin)).expect(200);
    expect(page1.body.data.map((w: { id: string }) => w.id)).toEqual([b]);
    const page2 = await request(t.app).get(`/v1/webhooks?limit=1&cursor=${page1.body.nextCursor}`).set(auth(org.keys.admin)).expect(200);
    expect(page2.body.data.map((w: { id: string }) => w.id)).toEqual([a]);
    const theirs = await request(t.app).get("/v1/webhooks").set(auth(other.keys.admin)).expect(200);
    expect(theirs.body.data).toEqual([]);
    await request(t.app).get(`/v1/webhooks/${a}`).set(auth(other.keys.admin)).expect(404);
    await request(t.app).get("/v1/webhooks/not-a-uuid").set(auth(org.keys.admin)).expect(404);
  });

  it("changes a subscription with If-Match, and answers 428 without it and 412 when stale", async () => {
    const id = await made();
    const missing = await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).send({ active: false }).expect(428);
    expect(missing.body.code).toBe("precondition_required");
    const res = await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).set("If-Match", '"1"').send({ eventTypes: ["claim.updated"], active: false }).expect(200);
    expect(res.body).toMatchObject({ eventTypes: ["claim.updated"], active: false, version: 2 });
    expect(res.headers.etag).toBe('"2"');
    const stale = await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).set("If-Match", '"1"').send({ active: true }).expect(412);
    expect(stale.body.code).toBe("version_conflict");
    await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).set("If-Match", '"2"').send({ url: "http://10.0.0.1/x" }).expect(422);
    await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).set("If-Match", '"2"').send({ secret: "x" }).expect(400);
    await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(other.keys.admin)).set("If-Match", '"2"').send({ active: true }).expect(404);
  });

  it("re-activating a disabled subscription clears disabledAt, the reason and the failure count", async () => {
    const id = await made();
    await t.db.prisma.webhookSubscription.update({
      where: { organizationId_id: { organizationId: org.id, id } },
      data: { active: false, disabledAt: new Date(), disabledReason: "kept failing", consecutiveFailures: 25 },
    });
    const res = await request(t.app).patch(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).set("If-Match", '"1"').send({ active: true }).expect(200);
    expect(res.body).toMatchObject({ active: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
  });

  it("rotates the secret, showing the new one once", async () => {
    const created = await create({ url: hook, eventTypes: ["claim.created"] }).expect(201);
    const res = await request(t.app).post(`/v1/webhooks/${created.body.id}/rotate-secret`).set(auth(org.keys.admin)).expect(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(created.body.secret);
    expect(res.body.version).toBe(2);
    await request(t.app).post(`/v1/webhooks/${created.body.id}/rotate-secret`).set(auth(other.keys.admin)).expect(404);
  });

  it("deletes a subscription (204), then answers 404", async () => {
    const id = await made();
    await request(t.app).delete(`/v1/webhooks/${id}`).set(auth(other.keys.admin)).expect(404);
    await request(t.app).delete(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).expect(204);
    await request(t.app).get(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).expect(404);
    await request(t.app).delete(`/v1/webhooks/${id}`).set(auth(org.keys.admin)).expect(404);
  });

  it("answers an empty delivery log and 404 for another organization's subscription", async () => {
    const id = await made();
    const res = await request(t.app).get(`/v1/webhooks/${id}/deliveries`).set(auth(org.keys.admin)).expect(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
    await request(t.app).get(`/v1/webhooks/${id}/deliveries`).set(auth(other.keys.admin)).expect(404);
  });
});
