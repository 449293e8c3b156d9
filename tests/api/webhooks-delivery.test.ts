import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { loadConfig } from "../../src/config/config";
import { appendEvent } from "../../src/events/event-log";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/webhooks/delivery-worker";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { startReceiver, TEST_WEBHOOK_SECRET_KEY, type WebhookReceiver } from "../support/webhook-receiver";

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const serverIt = usingServer() ? it : it.skip;
const fastRetries = { WEBHOOK_RETRY_BASE_MS: "20", WEBHOOK_RETRY_MAX_DELAY_MS: "60", WEBHOOK_TIMEOUT_MS: "2000" };
const env = { WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", ...fastRetries };

/** The receiver's verification code, taken from the README itself so the documentation is what is tested. */
type Verify = (secret: string, headers: Record<string, unknown>, rawBody: string) => boolean;
function readmeVerifier(): Verify {
  const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const m = /<!-- verify-snippet -->\s*```js\n([\s\S]*?)```/.exec(readme);
  if (!m?.[1]) throw new Error("README has no verify snippet");
  return new Function("require", `${m[1]}\nreturn verifyClaimTrailSignature;`)(require) as Verify;
}

let t: TestApp;
let worker: DeliveryWorker;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  t = await startTestApp("webhooks-delivery", env);
  worker = createDeliveryWorker({ db: t.db, config: t.config, log: t.log });
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await t.close();
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function subscribe(org: TestOrg, url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const res = await request(t.app).post("/v1/webhooks").set(auth(org.keys.admin)).send({ url, eventTypes }).expect(201);
  return { id: res.body.id as string, secret: res.body.secret as string };
}

/** Runs the worker until `done` holds (deliveries due later are waited for). */
async function drain(done: () => Promise<boolean> | boolean, w: DeliveryWorker = worker, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("deliveries did not settle in time");
    if ((await w.runOnce()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

async function deliveriesOf(org: TestOrg, subId: string) {
  const res = await request(t.app).get(`/v1/webhooks/${subId}/deliveries?limit=200`).set(auth(org.keys.admin)).expect(200);
  return res.body.data as Array<{ id: string; eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null }>;
}

const allSettled = (org: TestOrg, subId: string, n: number) => async () => {
  const d = await deliveriesOf(org, subId);
  return d.length >= n && d.every((x) => x.status !== "pending");
};

/** An event as a write would append it, in its own transaction. */
async function claimEvent(org: TestOrg, action = "claim.updated"): Promise<string> {
  const claimId = "00000000-0000-4000-8000-000000000001";
  return t.db.prisma.$transaction(async (tx) => (await appendEvent(tx, org.id, { actor: { type: "system", id: null }, action, entityType: "claim", entityId: claimId, claimId })).id);
}

const HOUR = 3_600_000;

/** The delivery rows of a subscription as stored (retryFrom is not in the API). */
const rowsOf = (org: TestOrg, subId: string) =>
  t.db.prisma.webhookDelivery.findMany({ where: { organizationId: org.id, subscriptionId: subId }, orderBy: { createdAt: "asc" } });

/** Moves a subscription's deliveries into the past, as if their event (and retry window) began that long ago. */
async function ageDeliveries(org: TestOrg, subId: string, createdHoursAgo: number, retryFromHoursAgo = createdHoursAgo): Promise<void> {
  await t.db.prisma.$executeRaw`
    UPDATE webhook_deliveries
    SET "createdAt" = now() - make_interval(hours => ${createdHoursAgo}::int), "retryFrom" = now() - make_interval(hours => ${retryFromHoursAgo}::int)
    WHERE "organizationId" = ${org.id}::uuid AND "subscriptionId" = ${subId}::uuid`;
}

const subscriptionOf = async (org: TestOrg, subId: string) => (await request(t.app).get(`/v1/webhooks/${subId}`).set(auth(org.keys.admin)).expect(200)).body as { active: boolean; version: number; consecutiveFailures: number; disabledReason: string | null };
const notificationsOf = async (org: TestOrg) => (await request(t.app).get("/v1/notifications").set(auth(org.keys.admin)).expect(200)).body.data as Array<{ kind: string; message: string; data: { subscriptionId?: string } }>;

describe("events from real API writes", () => {
  it("delivers each write's event to the subscriptions that asked for its type, signed so the README's snippet verifies it", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const r = await receiver();
    const all = await subscribe(org, r.url, ["claim.created", "claim.updated", "verdict.changed", "claim.published", "claim.corrected", "claim.retracted", "article.revised"]);
    const r2 = await receiver();
    await subscribe(org, r2.url, ["claim.published"]);

    const list = await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200);
    const articleId = list.body.data[0].anchor.articleId as string;
    const article = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    const text = article.body.text as string;
    const sources = (await request(t.app).get("/v1/sources?limit=200").set(auth(org.keys.viewer)).expect(200)).body.data as Array<{ id: string; name: string }>;
    const source = (part: string) => sources.find((s) => s.name.includes(part))!.id;
    const denial = "Beijing has nevertheless denied accusations of supporting Russia's military efforts.";
    const start = text.indexOf(denial);
    const cue = text.indexOf("has nevertheless denied");
    const created = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send({
      statement: "Beijing denies that it supports Russia's military efforts.",
      kind: "denial",
      fidelity: "paraphrase",
      anchor: { articleId, exact: denial, start, end: start + denial.length },
      chain: [
        { source: { id: source("People's Republic of China") }, role: "speaker", cue: "has nevertheless denied", cueStart: cue, cueEnd: cue + "has nevertheless denied".length, speechAct: "denies" },
        { source: { id: source("Kyiv Independent") }, role: "publisher", speechAct: "reports" },
      ],
    }).expect(201);
    const claimId = created.body.id as string;
    let version = created.body.version as number;
    const put = async (kind: string, body: object, key = org.keys.fact_checker) => {
      const res = await request(t.app).put(`/v1/claims/${claimId}/verdicts/${kind}`).set(auth(key)).set("If-Match", `"${version}"`).send(body).expect(200);
      version = res.body.version as number;
    };
    const move = async (to: string) => {
      const res = await request(t.app).post(`/v1/claims/${claimId}/transitions`).set(auth(org.keys.admin)).set("If-Match", `"${version}"`).send({ to, note: "Checked." }).expect(200);
      version = res.body.version as number;
    };
    const evidence = [{ url: "https://example.org/readout", title: "Readout" }];
    await put("attribution", { rating: "accurate", rationale: "On the record.", evidence });
    await put("content", { rating: "mostly_true", rationale: "Figures support it.", evidence });
    await move("in_review");
    await move("ready");
    await move("published");
    await put("content", { rating: "mostly_true", rationale: "Figures for 2023.", evidence, correctionNote: "The figures were for 2023." }, org.keys.editor);
    await move("retracted");
    await request(t.app).patch(`/v1/articles/${articleId}`).set(auth(org.keys.fact_checker)).set("If-Match", `"${article.body.version}"`).send({ text: `${text}\nUpdate: a line was added.` }).expect(200);

    const expected = ["claim.created", "verdict.changed", "verdict.changed", "claim.updated", "claim.updated", "claim.published", "verdict.changed", "claim.corrected", "claim.retracted", "article.revised"];
    await drain(async () => {
      const d = await deliveriesOf(org, all.id);
      return d.filter((x) => x.status === "succeeded").length >= expected.length && r2.received.length >= 1;
    });
    const types = r.received.map((x) => x.headers["claimtrail-event-type"]);
    for (const type of new Set(expected)) expect(types.filter((x) => x === type).length).toBeGreaterThanOrEqual(expected.filter((x) => x === type).length);
    expect(r2.received.map((x) => x.headers["claimtrail-event-type"])).toEqual(["claim.published"]);

    const verify = readmeVerifier();
    for (const got of r.received) {
      expect(verify(all.secret, got.headers, got.body)).toBe(true);
      expect(verify(all.secret, got.headers, got.body.replace("claim", "Claim"))).toBe(false);
      expect(got.headers["user-agent"]).toBe("ClaimTrail-Webhooks/1");
      const payload = JSON.parse(got.body) as { id: string; type: string; createdAt: string; organizationId: string; data: { claim?: { id: string; status: string } } };
      expect(payload.id).toBe(got.headers["claimtrail-event-id"]);
      expect(payload.type).toBe(got.headers["claimtrail-event-type"]);
      expect(payload.organizationId).toBe(org.id);
    }
    const published = JSON.parse(r2.received[0]!.body) as { data: { claim: { id: string; status: string } } };
    expect(published.data.claim).toMatchObject({ id: claimId, status: "published" });
    expect(verify("whsec_wrong", r.received[0]!.headers, r.received[0]!.body)).toBe(false);
  }, 180_000);

  it("writes nothing to the outbox for a change that rolled back", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await appendEvent(tx, org.id, { actor: { type: "system", id: null }, action: "claim.updated", entityType: "claim", entityId: org.id, claimId: org.id });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await deliveriesOf(org, sub.id)).toEqual([]);
  });
});

describe("retries and failures", () => {
  it("retries after 503s and then succeeds, with the same event id on every attempt", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = (_x, n) => (n <= 2 ? 503 : 200);
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const eventId = await claimEvent(org);
    await drain(allSettled(org, sub.id, 1));
    const [d] = await deliveriesOf(org, sub.id);
    expect(d).toMatchObject({ eventId, status: "succeeded", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(r.received.map((x) => x.headers["claimtrail-event-id"])).toEqual([eventId, eventId, eventId]);
    const again = await request(t.app).get(`/v1/webhooks/${sub.id}`).set(auth(org.keys.admin)).expect(200);
    expect(again.body.consecutiveFailures).toBe(0);
  });

  it("treats 429 as retryable and 410 as a permanent failure at once", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = (_x, n) => (n === 1 ? 429 : 410);
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    await claimEvent(org);
    await drain(allSettled(org, sub.id, 1));
    const [d] = await deliveriesOf(org, sub.id);
    expect(d).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 410, lastError: "HTTP 410" });
    expect(r.received).toHaveLength(2);
  });

  it("retries an attempt the receiver does not answer within the timeout, with the same event id", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    // The first request is held well past the worker's timeout (200 ms); later ones are answered at once.
    r.respond = (_x, n) => {
      r.delayMs = n === 1 ? 1500 : 0;
      return 200;
    };
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const impatient = createDeliveryWorker({ db: t.db, config: loadConfig({ ...env, WEBHOOK_TIMEOUT_MS: "200", LOG_LEVEL: "silent" }), log: t.log });
    const eventId = await claimEvent(org);
    await drain(async () => ((await deliveriesOf(org, sub.id))[0]?.attempts ?? 0) >= 1, impatient);
    expect((await deliveriesOf(org, sub.id))[0]).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: "timeout after 200 ms" });
    await drain(allSettled(org, sub.id, 1), impatient);
    expect((await deliveriesOf(org, sub.id))[0]).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(r.received.map((x) => x.headers["claimtrail-event-id"])).toEqual([eventId, eventId]);
  });

  it("checks the target again at delivery time, after DNS resolution, and sends nothing to an internal address", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    // The name now resolves to loopback (as after a DNS change); 127.0.0.1 is allowed, this name is not.
    await t.db.prisma.webhookSubscription.update({ where: { organizationId_id: { organizationId: org.id, id: sub.id } }, data: { url: `http://${os.hostname()}:${r.port}/hooks` } });
    await claimEvent(org);
    await drain(allSettled(org, sub.id, 1));
    const [d] = await deliveriesOf(org, sub.id);
    expect(d?.status).toBe("failed");
    expect(d?.lastError).toMatch(/webhook_url_not_allowed/);
    expect(r.received).toHaveLength(0);
  });

  it("delivers everything to a receiver that was down (connection refused) once it is back", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    const port = r.port;
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    await r.close();
    const ids = [await claimEvent(org), await claimEvent(org), await claimEvent(org)];
    await drain(async () => (await deliveriesOf(org, sub.id)).every((x) => x.attempts >= 2));
    const down = await deliveriesOf(org, sub.id);
    expect(down.every((x) => x.status === "pending" && /ECONNREFUSED/.test(x.lastError ?? ""))).toBe(true);
    const back = await startReceiver(port);
    receivers.push(back);
    await drain(allSettled(org, sub.id, 3));
    expect((await deliveriesOf(org, sub.id)).every((x) => x.status === "succeeded")).toBe(true);
    expect(new Set(back.received.map((x) => x.headers["claimtrail-event-id"]))).toEqual(new Set(ids));
  });
});

describe("POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver", () => {
  it("sends a delivery again with the same event id, and answers 404 for other organizations and unknown ids", async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const r = await receiver();
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const eventId = await claimEvent(org);
    await drain(allSettled(org, sub.id, 1));
    const [d] = await deliveriesOf(org, sub.id);
    await request(t.app).post(`/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`).set(auth(other.keys.admin)).expect(404);
    await request(t.app).post(`/v1/webhooks/${sub.id}/deliveries/${org.id}/redeliver`).set(auth(org.keys.admin)).expect(404);
    await request(t.app).post(`/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`).set(auth(org.keys.editor)).expect(403);
    const res = await request(t.app).post(`/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`).set(auth(org.keys.admin)).expect(202);
    expect(res.body).toMatchObject({ id: d!.id, eventId, status: "pending" });
    await drain(async () => r.received.length >= 2);
    expect(r.received.map((x) => x.headers["claimtrail-event-id"])).toEqual([eventId, eventId]);
    await drain(allSettled(org, sub.id, 1));
    expect((await deliveriesOf(org, sub.id))[0]).toMatchObject({ status: "succeeded", attempts: 2 });
  });
});

describe("a subscription that keeps failing", () => {
  it("is disabled when a delivery is given up, shows why, and the admins get a notification", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = () => 503;
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const shortWindow = createDeliveryWorker({ db: t.db, config: loadConfig({ ...env, WEBHOOK_RETRY_WINDOW_MS: "150", LOG_LEVEL: "silent" }), log: t.log });
    await claimEvent(org);
    await drain(allSettled(org, sub.id, 1), shortWindow);
    const [d] = await deliveriesOf(org, sub.id);
    expect(d?.status).toBe("failed");
    expect(d?.lastError).toMatch(/HTTP 503; gave up/);
    const got = await request(t.app).get(`/v1/webhooks/${sub.id}`).set(auth(org.keys.admin)).expect(200);
    expect(got.body).toMatchObject({ active: false, disabledReason: expect.stringMatching(/given up/) });
    expect(got.body.disabledAt).not.toBeNull();
    const notes = await request(t.app).get("/v1/notifications").set(auth(org.keys.admin)).expect(200);
    expect(notes.body.data).toEqual([expect.objectContaining({ kind: "webhook.disabled", data: expect.objectContaining({ subscriptionId: sub.id }) })]);
    expect(notes.body.data[0].message).toContain(r.url);
    // While disabled, new events are not queued for it.
    await claimEvent(org);
    expect(await deliveriesOf(org, sub.id)).toHaveLength(1);
    const theirs = await request(t.app).get("/v1/notifications").set(auth((await createTestOrg(t.db)).keys.admin)).expect(200);
    expect(theirs.body.data).toEqual([]);
  });
});

describe("the retry window", () => {
  it("starts at the event: a new delivery's retryFrom is its createdAt", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    await claimEvent(org);
    const [row] = await rowsOf(org, sub.id);
    expect(row!.retryFrom.getTime()).toBe(row!.createdAt.getTime());
    await drain(allSettled(org, sub.id, 1));
  });

  it("gives an admin's redelivery of an event older than the window a window of its own: a 503 is retried and the subscription stays active", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = (_x, n) => (n === 2 ? 503 : 200);
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const eventId = await claimEvent(org);
    await drain(allSettled(org, sub.id, 1));
    await ageDeliveries(org, sub.id, 30);
    const [d] = await deliveriesOf(org, sub.id);
    const before = Date.now();
    await request(t.app).post(`/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`).set(auth(org.keys.admin)).expect(202);
    const [row] = await rowsOf(org, sub.id);
    expect(row!.retryFrom.getTime()).toBeGreaterThan(before - 5_000);
    await drain(allSettled(org, sub.id, 1));
    expect((await deliveriesOf(org, sub.id))[0]).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 200 });
    expect(r.received.map((x) => x.headers["claimtrail-event-id"])).toEqual([eventId, eventId, eventId]);
    expect(await subscriptionOf(org, sub.id)).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
    expect(await notificationsOf(org)).toEqual([]);
  });

  it("fails a redelivery whose own window ran out without disabling the subscription, while an event's window running out still does", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = (_x, n) => (n === 1 ? 410 : 503);
    const redelivered = await subscribe(org, r.url, ["claim.updated"]);
    await claimEvent(org);
    await drain(allSettled(org, redelivered.id, 1));
    const [d] = await deliveriesOf(org, redelivered.id);
    expect(d?.status).toBe("failed");
    await request(t.app).post(`/v1/webhooks/${redelivered.id}/deliveries/${d!.id}/redeliver`).set(auth(org.keys.admin)).expect(202);
    // As if the event was 50 h ago and the admin redelivered it 25 h ago: its own window is over too.
    await ageDeliveries(org, redelivered.id, 50, 25);
    await drain(allSettled(org, redelivered.id, 1));
    expect((await deliveriesOf(org, redelivered.id))[0]).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 503, lastError: expect.stringMatching(/HTTP 503; gave up/) });
    expect(await subscriptionOf(org, redelivered.id)).toMatchObject({ active: true, consecutiveFailures: 2, disabledReason: null });
    expect(await notificationsOf(org)).toEqual([]);

    // The same on an event's own window (never reset) gives up and disables.
    const own = await subscribe(org, r.url, ["claim.updated"]);
    await request(t.app).patch(`/v1/webhooks/${redelivered.id}`).set(auth(org.keys.admin)).set("If-Match", `"${(await subscriptionOf(org, redelivered.id)).version}"`).send({ active: false }).expect(200);
    await claimEvent(org);
    await ageDeliveries(org, own.id, 25);
    await drain(allSettled(org, own.id, 1));
    expect((await deliveriesOf(org, own.id))[0]).toMatchObject({ status: "failed", lastError: expect.stringMatching(/HTTP 503; gave up/) });
    expect(await subscriptionOf(org, own.id)).toMatchObject({ active: false, disabledReason: expect.stringMatching(/given up/) });
    expect((await notificationsOf(org)).map((n) => n.data.subscriptionId)).toEqual([own.id]);
  });

  it("gives a re-activated subscription's pending deliveries a fresh window: a backlog older than it survives a 503", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    r.respond = (_x, n) => (n === 1 ? 503 : 200);
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const ids = [await claimEvent(org), await claimEvent(org)];
    // Switched off before the worker got to them, then left for longer than the window.
    await request(t.app).patch(`/v1/webhooks/${sub.id}`).set(auth(org.keys.admin)).set("If-Match", '"1"').send({ active: false }).expect(200);
    await ageDeliveries(org, sub.id, 30);
    const before = Date.now();
    await request(t.app).patch(`/v1/webhooks/${sub.id}`).set(auth(org.keys.admin)).set("If-Match", '"2"').send({ active: true }).expect(200);
    for (const row of await rowsOf(org, sub.id)) expect(row.retryFrom.getTime()).toBeGreaterThan(before - 5_000);
    await drain(allSettled(org, sub.id, 2));
    expect((await deliveriesOf(org, sub.id)).map((x) => x.status)).toEqual(["succeeded", "succeeded"]);
    expect(new Set(r.received.map((x) => x.headers["claimtrail-event-id"]))).toEqual(new Set(ids));
    expect(r.received).toHaveLength(3);
    expect(await subscriptionOf(org, sub.id)).toMatchObject({ active: true, consecutiveFailures: 0 });
    expect(await notificationsOf(org)).toEqual([]);
  });
});

describe("20 failures in a row", () => {
  it("disable a subscription with no success for the window and notify the admins; a younger one stays active", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    // 410 fails each delivery at once: no retry window is involved, only the count.
    r.respond = () => 410;
    const old = await subscribe(org, r.url, ["claim.updated"]);
    const young = await subscribe(org, r.url, ["claim.updated"]);
    await t.db.prisma.webhookSubscription.update({ where: { organizationId_id: { organizationId: org.id, id: old.id } }, data: { createdAt: new Date(Date.now() - 25 * HOUR) } });
    for (let i = 0; i < 19; i++) await claimEvent(org);
    await drain(async () => (await allSettled(org, old.id, 19)()) && (await allSettled(org, young.id, 19)()));
    expect(await subscriptionOf(org, old.id)).toMatchObject({ active: true, consecutiveFailures: 19 });
    expect(await notificationsOf(org)).toEqual([]);

    await claimEvent(org);
    await drain(async () => (await allSettled(org, old.id, 20)()) && (await allSettled(org, young.id, 20)()));
    const disabled = await subscriptionOf(org, old.id);
    expect(disabled).toMatchObject({ active: false, consecutiveFailures: 20, disabledReason: expect.stringMatching(/^20 deliveries failed in a row with no success for 1440 min \(last error: HTTP 410\)/) });
    expect(await subscriptionOf(org, young.id)).toMatchObject({ active: true, consecutiveFailures: 20, disabledReason: null });
    const notes = await notificationsOf(org);
    expect(notes).toEqual([expect.objectContaining({ kind: "webhook.disabled", data: expect.objectContaining({ subscriptionId: old.id }) })]);
    expect(notes[0]!.message).toContain("20 deliveries failed in a row");
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, action: "webhook.disabled" } });
    expect(events.map((e) => [e.entityId, e.actorType])).toEqual([[old.id, "system"]]);
  });
});

describe("several workers at once", () => {
  serverIt("two workers on the server database deliver every event exactly once", async () => {
    const org = await createTestOrg(t.db);
    const r = await receiver();
    const sub = await subscribe(org, r.url, ["claim.updated"]);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await claimEvent(org));
    // A generous timeout: on a busy machine a slow answer would be retried, which is a
    // legitimate second delivery, not the double delivery this test is about.
    const config = loadConfig({ ...env, WEBHOOK_TIMEOUT_MS: "20000", LOG_LEVEL: "silent" });
    const [a, b] = [createDeliveryWorker({ db: t.db, config, log: t.log }), createDeliveryWorker({ db: t.db, config, log: t.log })];
    const settled = allSettled(org, sub.id, 30);
    await Promise.all([drain(settled, a, 60_000), drain(settled, b, 60_000)]);
    const got = r.received.map((x) => x.headers["claimtrail-event-id"]);
    const log = await deliveriesOf(org, sub.id);
    // Every request the receiver saw is an attempt one worker recorded: none was sent by both.
    expect(got).toHaveLength(log.reduce((n, d) => n + d.attempts, 0));
    expect(log.every((d) => d.status === "succeeded")).toBe(true);
    expect(new Set(got)).toEqual(new Set(ids));
    // Normally one attempt each (the crash test's worker shares this database and may retry one it timed out on).
    expect(log.filter((d) => d.attempts === 1).length).toBeGreaterThanOrEqual(28);
  });
});
