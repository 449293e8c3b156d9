import { randomUUID } from "node:crypto";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;

const NDJSON = "application/x-ndjson";
const text = 'The envoy said the summit ended "without a deal".';
const exact = "without a deal";
const start = text.indexOf(exact);

const source = (ref: string, name = `Envoy ${randomUUID()}`) => ({ type: "source", ref, data: { name, type: "person" } });
const article = (ref: string, externalId?: string, title = "Summit ends") => ({
  type: "article",
  ref,
  data: { url: "https://news.example/summit", title, language: "en", text, ...(externalId ? { externalId } : {}) },
});
const claim = (articleRef: string, sourceRef: string, extra: object = {}) => ({
  type: "claim",
  data: {
    statement: "The summit ended without a deal.",
    kind: "statement",
    fidelity: "paraphrase",
    anchor: { articleRef, exact, start, end: start + exact.length },
    chain: [{ source: { ref: sourceRef }, role: "speaker", speechAct: "asserts" }],
    ...extra,
  },
});
const ndjson = (lines: Array<object | string>) => lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";

const post = (body: string, { atomic, key = org.keys.fact_checker, headers = {} }: { atomic?: boolean; key?: string; headers?: Record<string, string> } = {}) =>
  request(t.app)
    .post(`/v1/import${atomic === undefined ? "" : `?atomic=${atomic}`}`)
    .set({ Authorization: `Bearer ${key}`, "Content-Type": NDJSON, ...headers })
    .send(body);

const counts = async (organizationId: string) => ({
  sources: await t.db.prisma.source.count({ where: { organizationId } }),
  articles: await t.db.prisma.article.count({ where: { organizationId } }),
  claims: await t.db.prisma.claim.count({ where: { organizationId } }),
});

beforeAll(async () => {
  t = await startTestApp("import-basic");
  org = await createTestOrg(t.db);
}, 120_000);
afterAll(() => t.close());

describe("POST /v1/import", () => {
  it("imports a source, an article and a claim that refers to both by ref, with events", async () => {
    const own = await createTestOrg(t.db);
    const res = await post(ndjson([source("s1"), article("a1"), "", claim("a1", "s1")]), { key: own.keys.fact_checker }).expect(200);
    expect(res.body).toMatchObject({ atomic: true, committed: true, totals: { lines: 3, created: 3, updated: 0, rejected: 0 }, rejected: [] });
    const [s, a, c] = res.body.written;
    expect([s.line, a.line, c.line]).toEqual([1, 2, 4]);
    const got = await request(t.app).get(`/v1/claims/${c.id}`).set({ Authorization: `Bearer ${own.keys.viewer}` }).expect(200);
    expect(got.body.chain[0].source.id).toBe(s.id);
    expect(got.body.anchor.articleId).toBe(a.id);
    const events = await t.db.prisma.event.count({ where: { organizationId: own.id, action: { in: ["source.created", "article.created", "claim.created"] } } });
    expect(events).toBe(3);
  });

  it("writes nothing with atomic=true when one line is rejected, and says which (422)", async () => {
    const own = await createTestOrg(t.db);
    const eventsBefore = await t.db.prisma.event.count({ where: { organizationId: own.id } });
    const res = await post(ndjson([source("s1"), article("a1"), claim("a1", "nope"), "{not json"]), { key: own.keys.fact_checker }).expect(422);
    expect(res.body).toMatchObject({ atomic: true, committed: false, totals: { lines: 4, created: 2, rejected: 2 }, written: [] });
    expect(res.body.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [3, "unknown_ref"],
      [4, "invalid_json"],
    ]);
    expect(await counts(own.id)).toEqual({ sources: 0, articles: 0, claims: 0 });
    expect(await t.db.prisma.event.count({ where: { organizationId: own.id } })).toBe(eventsBefore);
  });

  it("commits the valid lines with atomic=false and reports the invalid ones", async () => {
    const own = await createTestOrg(t.db);
    const badAnchor = claim("a1", "s1", {});
    (badAnchor.data.anchor as { start: number }).start = 0;
    const res = await post(
      ndjson([source("s1"), article("a1"), claim("a1", "s1"), { type: "source", data: { name: "X", type: "person", extra: 1 } }, badAnchor, { type: "poem" }, source("s1")]),
      { atomic: false, key: own.keys.fact_checker },
    ).expect(200);
    expect(res.body).toMatchObject({ atomic: false, committed: true, totals: { lines: 7, created: 3, rejected: 4 } });
    const rejected = res.body.rejected as Array<{ line: number; code: string; errors: Array<{ field: string }> }>;
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [4, "validation_failed"],
      [5, "anchor_mismatch"],
      [6, "validation_failed"],
      [7, "duplicate_ref"],
    ]);
    expect(rejected[0]?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "data.extra" })]));
    expect(await counts(own.id)).toEqual({ sources: 1, articles: 1, claims: 1 });
  });

  it("updates articles and claims by externalId on a second import", async () => {
    const own = await createTestOrg(t.db);
    const lines = (title: string, statement: string) =>
      ndjson([source("s1"), article("a1", "cms-1", title), claim("a1", "s1", { externalId: "c-1", statement })]);
    const first = await post(lines("First", "One."), { key: own.keys.fact_checker }).expect(200);
    const second = await post(lines("Second", "Two."), { key: own.keys.fact_checker }).expect(200);
    expect(second.body.written.map((r: { status: string }) => r.status)).toEqual(["created", "updated", "updated"]);
    expect(second.body.written[1].id).toBe(first.body.written[1].id);
    expect(second.body.written[2].id).toBe(first.body.written[2].id);
    const got = await request(t.app).get(`/v1/claims/${first.body.written[2].id}`).set({ Authorization: `Bearer ${own.keys.viewer}` }).expect(200);
    expect(got.body).toMatchObject({ statement: "Two.", version: 2 });
    const third = await post(lines("Second", "Two."), { key: own.keys.fact_checker }).expect(200);
    expect(third.body.written[1].status).toBe("unchanged");
    expect(await counts(own.id)).toEqual({ sources: 3, articles: 1, claims: 1 });
  });

  it("answers 415 for a JSON body and writes nothing", async () => {
    const res = await request(t.app).post("/v1/import").set({ Authorization: `Bearer ${org.keys.fact_checker}` }).send(source("s1")).expect(415);
    expect(res.body.code).toBe("unsupported_media_type");
  });

  it("answers 401 without a key and 403 for a viewer", async () => {
    await request(t.app).post("/v1/import").set("Content-Type", NDJSON).send(ndjson([source("s1")])).expect(401);
    const res = await post(ndjson([source("s1")]), { key: org.keys.viewer }).expect(403);
    expect(res.body.code).toBe("forbidden");
  });

  it("rejects an unknown query parameter and a bad atomic value with 400", async () => {
    await request(t.app).post("/v1/import?atomic=maybe").set({ Authorization: `Bearer ${org.keys.fact_checker}`, "Content-Type": NDJSON }).send("").expect(400);
    await request(t.app).post("/v1/import?x=1").set({ Authorization: `Bearer ${org.keys.fact_checker}`, "Content-Type": NDJSON }).send("").expect(400);
  });

  it("refuses more than 100,000 lines with 413 and writes nothing", async () => {
    const own = await createTestOrg(t.db);
    const body = ndjson([source("s1")]) + "\n".repeat(100_000);
    const res = await post(body, { key: own.keys.fact_checker }).expect(413);
    expect(res.body.code).toBe("too_many_lines");
    expect(await counts(own.id)).toEqual({ sources: 0, articles: 0, claims: 0 });
  });

  it("rejects a line longer than 2.5 MB without failing its neighbours", async () => {
    const own = await createTestOrg(t.db);
    const long = JSON.stringify({ type: "source", data: { name: "x".repeat(3 * 1024 * 1024), type: "person" } });
    const res = await post(ndjson([source("s1"), long, source("s2")]), { atomic: false, key: own.keys.fact_checker }).expect(200);
    expect(res.body.totals).toMatchObject({ created: 2, rejected: 1 });
    expect(res.body.rejected[0]).toMatchObject({ line: 2, code: "line_too_long" });
  });
});

describe("POST /v1/import with Idempotency-Key", () => {
  it("returns the first report on a retry and writes one set of records", async () => {
    const own = await createTestOrg(t.db);
    const body = ndjson([source("s1"), article("a1"), claim("a1", "s1")]);
    const key = `imp-${randomUUID()}`;
    const first = await post(body, { key: own.keys.fact_checker, headers: { "Idempotency-Key": key } }).expect(200);
    const retry = await post(body, { key: own.keys.fact_checker, headers: { "Idempotency-Key": key } }).expect(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await counts(own.id)).toEqual({ sources: 1, articles: 1, claims: 1 });
    const other = await post(ndjson([source("s9")]), { key: own.keys.fact_checker, headers: { "Idempotency-Key": key } }).expect(422);
    expect(other.body.code).toBe("idempotency_key_reused");
  });

  it("refuses an Idempotency-Key with atomic=false (400)", async () => {
    const res = await post(ndjson([source("s1")]), { atomic: false, headers: { "Idempotency-Key": "k1" } }).expect(400);
    expect(res.body.code).toBe("idempotency_key_not_supported");
  });
});
