import { randomBytes, randomUUID } from "node:crypto";
import request from "supertest";
import { buckets, RateLimiter } from "../../src/rate-limit/rate-limiter";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { createTestSession, createTestUser } from "../support/test-users";

const serverIt = usingServer() ? it : it.skip;

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  // Per email: 5 a minute (the default). Per address: 3, so that it is quick to reach; the
  // trusted proxy lets each test use an address of its own through X-Forwarded-For.
  t = await startTestApp("rate-limit-signin", { RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: "5", RATE_LIMIT_SIGNIN_PER_MINUTE: "3", RATE_LIMIT_API_PER_MINUTE: "4", TRUST_PROXY: "loopback" });
  org = await createTestOrg(t.db);
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const freshIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** Windows are whole minutes: start a counting test well inside one, so it stays in it. */
async function awaitFreshWindow(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

/** Stands in for waiting a minute: moves a bucket's windows an hour into the past. */
async function letWindowPass(bucket: string): Promise<void> {
  await t.db.prisma.$executeRaw`UPDATE rate_limit_buckets SET "windowStart" = "windowStart" - interval '1 hour', "expiresAt" = "expiresAt" - interval '1 hour' WHERE bucket = ${bucket}`;
}

describe("sign-in limits", () => {
  it("throttles a brute-force loop on one email with 429 and Retry-After, then refuses the right password too until the window passes", async () => {
    await awaitFreshWindow();
    const victim = await createTestUser(t.db, org.id, { role: "admin" });
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      // A new address each time: a botnet rotating addresses is still stopped by the email limit.
      const res = await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email: victim.email, password: `guess-number-${i}` });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(limited!.body.code).toBe("rate_limited");
    const retryAfter = Number(limited!.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const right = await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email: victim.email, password: victim.password }).expect(429);
    expect(right.headers["retry-after"]).toBeDefined();
    expect(right.headers["set-cookie"]).toBeUndefined();
    expect(await t.db.prisma.session.count({ where: { userId: victim.id } })).toBe(0);

    await letWindowPass(buckets.signInEmail(victim.email));
    await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email: victim.email, password: victim.password }).expect(201);
  });

  it("counts the email case-insensitively", async () => {
    await awaitFreshWindow();
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const variants = [u.email, u.email.toUpperCase(), ` ${u.email}`, u.email, u.email.toUpperCase()];
    for (const email of variants) await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email, password: "wrong password!" }).expect(401);
    await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email: u.email.toUpperCase(), password: u.password }).expect(429);
  });

  it("throttles one address trying many emails, and only that address", async () => {
    await awaitFreshWindow();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      await request(t.app).post("/v1/session").set("X-Forwarded-For", ip).send({ email: `someone-${randomUUID()}@example.org`, password: "wrong password!" }).expect(401);
    }
    const res = await request(t.app).post("/v1/session").set("X-Forwarded-For", ip).send({ email: `someone-${randomUUID()}@example.org`, password: "wrong password!" }).expect(429);
    expect(res.body.code).toBe("rate_limited");
    await request(t.app).post("/v1/session").set("X-Forwarded-For", freshIp()).send({ email: `someone-${randomUUID()}@example.org`, password: "wrong password!" }).expect(401);
  });

  it("does not count a request refused as invalid (400)", async () => {
    await awaitFreshWindow();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await request(t.app).post("/v1/session").set("X-Forwarded-For", ip).send({ email: "not an email", password: "x" }).expect(400);
    await request(t.app).post("/v1/session").set("X-Forwarded-For", ip).send({ email: `a-${randomUUID()}@example.org`, password: "wrong password!" }).expect(401);
  });
});

describe("per-caller API limits", () => {
  it("answers 429 with Retry-After once an API key has made its requests for the minute, other keys unaffected", async () => {
    await awaitFreshWindow();
    const mine = await createTestOrg(t.db);
    const key = { Authorization: `Bearer ${mine.keys.viewer}` };
    for (let i = 0; i < 4; i++) await request(t.app).get("/v1/me").set(key).expect(200);
    const res = await request(t.app).get("/v1/me").set(key).expect(429);
    expect(res.body.code).toBe("rate_limited");
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    await request(t.app).get("/v1/me").set({ Authorization: `Bearer ${mine.keys.editor}` }).expect(200);
  });

  it("limits a signed-in user the same way", async () => {
    await awaitFreshWindow();
    const s = await createTestSession(t.db, await createTestUser(t.db, org.id, { role: "viewer" }));
    for (let i = 0; i < 4; i++) await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(200);
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(429);
  });
});

describe("the bucket table", () => {
  serverIt("counts concurrent hits exactly: of 20 at once with a limit of 5, exactly 5 pass", async () => {
    const limiter = new RateLimiter(t.db);
    const bucket = `test:${randomUUID()}`;
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(bucket, 5)));
    expect(outcomes.map((o) => o.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);
  });

  it("prunes expired buckets now and then", async () => {
    const stale = `test:${randomUUID()}`;
    await t.db.prisma.rateLimitBucket.create({ data: { bucket: stale, windowStart: new Date(Date.now() - 3 * 3600_000), hits: 9, expiresAt: new Date(Date.now() - 3600_000) } });
    await new RateLimiter(t.db).hit(`test:${randomUUID()}`, 5);
    for (let i = 0; i < 50 && (await t.db.prisma.rateLimitBucket.count({ where: { bucket: stale } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await t.db.prisma.rateLimitBucket.count({ where: { bucket: stale } })).toBe(0);
  });
});
