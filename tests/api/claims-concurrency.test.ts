import type { Server } from "node:http";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";

// The embedded database runs one transaction at a time, which would hide lost updates:
// the races below only mean something on a PostgreSQL server (TEST_DATABASE_URL).
const serverIt = usingServer() ? it : it.skip;

let t: TestApp;
let org: TestOrg;
let server: Server;
let base: { statement: string; kind: string; fidelity: string; anchor: Record<string, unknown>; chain: unknown[] };

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp("claims-concurrency");
  org = await createTestOrg(t.db, { seed: true });
  server = t.app.listen(0);
  const first = (await request(server).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200)).body.data[0];
  const [quote, position] = first.anchor.selectors;
  base = {
    statement: "A claim written by several clients at once.",
    kind: "statement",
    fidelity: "paraphrase",
    anchor: { articleId: first.anchor.articleId, exact: quote.exact, start: position.start, end: position.end },
    chain: [{ source: { id: first.chain[0].source.id }, role: "speaker", speechAct: "asserts" }],
  };
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function createClaim(): Promise<string> {
  return (await request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).send(base).expect(201)).body.id as string;
}

describe("concurrent claim writes", () => {
  serverIt("lets exactly one of 20 concurrent PATCHes with the same If-Match win; the others get 412 and the log shows one change", async () => {
    const id = await createClaim();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(server).patch(`/v1/claims/${id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ statement: `Edit number ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 412)) expect(r.body).toMatchObject({ code: "version_conflict", currentEtag: '"2"' });
    const winner = results.find((r) => r.status === 200)!;
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId: id, action: "claim.updated" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ statement: winner.body.statement, version: 2 });
    const now = await request(server).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(now.body).toMatchObject({ version: 2, statement: winner.body.statement });
  });

  serverIt("creates one claim when several requests with the same externalId race; the others get 409 external_id_taken", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).send({ ...base, externalId: "race-1" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe("external_id_taken");
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "race-1" } })).toBe(1);
  });

  serverIt("creates one claim when the same Idempotency-Key is sent concurrently, and every response is the first one", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "concurrent-key-1").send({ ...base, externalId: "idem-race" }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id as string)).size).toBe(1);
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "idem-race" } })).toBe(1);
  });
});

describe("POST /v1/claims with an Idempotency-Key", () => {
  it("replays the first response to a retry and creates one claim; the same key with another body is 422", async () => {
    const body = { ...base, externalId: "idem-retry" };
    const first = await request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "retry-key-1").send(body).expect(201);
    const retry = await request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "retry-key-1").send(body).expect(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe('"1"');
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "idem-retry" } })).toBe(1);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: first.body.id, action: "claim.created" } })).toBe(1);
    const reused = await request(server)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .set("Idempotency-Key", "retry-key-1")
      .send({ ...body, statement: "Something else entirely." })
      .expect(422);
    expect(reused.body.code).toBe("idempotency_key_reused");
  });

  it("stores nothing for a failed request, so a corrected retry with the same key runs anew", async () => {
    const bad = { ...base, anchor: { ...base.anchor, start: 0, end: 5 } };
    await request(server).post("/v1/claims").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "retry-key-2").send(bad).expect(422);
    expect(await t.db.prisma.idempotencyKey.count({ where: { organizationId: org.id, key: "retry-key-2" } })).toBe(0);
  });
});
