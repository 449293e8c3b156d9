/**
 * New claims of an import are written in groups (src/claims/insert-claims.ts), not one by
 * one. The group must behave exactly like the single-claim path: the same rejections, a
 * claim.created event per claim carrying the claim as the API shows it, an intact event
 * chain, webhook deliveries, and externalIds that turn a repeated line into an update.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import { presentClaim } from "../../src/claims/claim-presenter";
import { findClaims } from "../../src/claims/claim-queries";
import { insertClaims } from "../../src/claims/insert-claims";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { TEST_WEBHOOK_SECRET_KEY } from "../support/webhook-receiver";

let t: TestApp;
let org: TestOrg;
const NDJSON = "application/x-ndjson";
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const text = 'The envoy said the summit ended "without a deal". The minister denied it, calling the talks "productive".';
const q1 = "without a deal";
const q2 = "productive";
const at = (q: string) => ({ exact: q, start: text.indexOf(q), end: text.indexOf(q) + q.length });

beforeAll(async () => {
  t = await startTestApp("import-bulk", { WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  org = await createTestOrg(t.db);
}, 120_000);
afterAll(() => t.close());

const post = (lines: object[], atomic: boolean, key = org.keys.fact_checker) =>
  request(t.app)
    .post(`/v1/import?atomic=${atomic}`)
    .set({ ...auth(key), "Content-Type": NDJSON })
    .send(lines.map((l) => JSON.stringify(l)).join("\n"));

interface Written {
  line: number;
  status: string;
  id: string;
  type: string;
}

describe("bulk-written claims", () => {
  it("match the single-claim path line for line across group boundaries, with events, deliveries and an intact chain", async () => {
    const own = await createTestOrg(t.db);
    const hook = await request(t.app).post("/v1/webhooks").set(auth(own.keys.admin)).send({ url: "http://127.0.0.1:9/hooks", eventTypes: ["claim.created"] }).expect(201);
    const make = async (name: string) => (await request(t.app).post("/v1/sources").set(auth(own.keys.editor)).send({ name, type: "person" }).expect(201)).body as { id: string };
    const envoy = await make(`Envoy ${randomUUID()}`);
    const minister = await make(`Minister ${randomUUID()}`);
    const merged = await make(`Duplicate ${randomUUID()}`);
    await request(t.app).post(`/v1/sources/${merged.id}/merge`).set({ ...auth(own.keys.editor), "If-Match": '"1"' }).send({ into: envoy.id }).expect(200);
    const existing = await request(t.app)
      .post("/v1/articles")
      .set(auth(own.keys.editor))
      .send({ url: "https://news.example/a", title: "Summit", language: "en", text })
      .expect(201);
    const articleId = (existing.body as { id: string }).id;
    const claimLine = (i: number, extra: Record<string, unknown> = {}, chainSource: object = { id: i % 2 ? envoy.id : minister.id }) => ({
      type: "claim",
      data: {
        statement: `Statement number ${i}.`,
        kind: "statement",
        fidelity: "paraphrase",
        anchor: { articleId, ...at(i % 2 ? q1 : q2) },
        chain: [{ source: chainSource, role: "speaker", speechAct: i % 2 ? "asserts" : "denies" }],
        ...extra,
      },
    });
    // 1,200 lines: three bulk groups, with lines that must be rejected or written alone in between.
    const lines: object[] = [];
    const expected: Array<[number, string, string?]> = [];
    for (let i = 1; i <= 1200; i++) {
      let line: object = claimLine(i);
      let outcome: [string, string?] = ["created"];
      if (i === 7) [line, outcome] = [claimLine(i, { anchor: { articleId, exact: q1, start: 0, end: q1.length } }), ["rejected", "anchor_mismatch"]];
      if (i === 8) [line, outcome] = [claimLine(i, {}, { id: randomUUID() }), ["rejected", "unknown_source"]];
      if (i === 9) [line, outcome] = [claimLine(i, {}, { id: merged.id }), ["rejected", "source_merged"]];
      if (i === 10) {
        line = claimLine(i, { chain: [{ source: { id: envoy.id }, role: "publisher", speechAct: "asserts" }] });
        outcome = ["rejected", "invalid_chain"];
      }
      if (i === 11) [line, outcome] = [claimLine(i, { anchor: { articleId: randomUUID(), ...at(q1) } }), ["rejected", "unknown_article"]];
      if (i === 499 || i === 501) [line, outcome] = [claimLine(i, { externalId: "twice" }), [i === 499 ? "created" : "updated"]];
      if (i === 600) [line, outcome] = [claimLine(i, { externalId: "same-group-a" }), ["created"]];
      if (i === 601) [line, outcome] = [claimLine(i, { externalId: "same-group-a", statement: "Changed by a later line." }), ["updated"]];
      if (i === 700) [line, outcome] = [claimLine(i, {}, { new: { name: `Inline ${randomUUID()}`, type: "person" } }), ["created"]];
      lines.push(line);
      expected.push([i, ...outcome]);
    }
    const res = await post(lines, false, own.keys.fact_checker).expect(200);
    // The run's database is shared with other test files, whose delivery workers would
    // otherwise spend their time on these ~1,200 deliveries to a closed port (retried for
    // 24 h) and starve their own: stop the subscription at once (the rows stay to check).
    await t.db.prisma.webhookSubscription.update({ where: { organizationId_id: { organizationId: own.id, id: (hook.body as { id: string }).id } }, data: { active: false } });
    const body = res.body as { totals: Record<string, number>; written: Written[]; rejected: Array<{ line: number; code: string; errors: Array<{ field: string }> }> };
    const got: Array<[number, string, string?]> = [
      ...body.written.map((w): [number, string] => [w.line, w.status]),
      ...body.rejected.map((r): [number, string, string] => [r.line, "rejected", r.code]),
    ].sort((a, b) => a[0] - b[0]);
    expect(got).toEqual(expected);
    expect(body.written.map((w) => w.line)).toEqual([...body.written.map((w) => w.line)].sort((a, b) => a - b));
    expect(body.rejected.find((r) => r.code === "unknown_source")?.errors[0]?.field).toBe("chain.0.source.id");

    const createdIds = body.written.filter((w) => w.status === "created").map((w) => w.id);
    expect(createdIds).toHaveLength(1200 - 5 - 2);
    expect(await t.db.prisma.claim.count({ where: { organizationId: own.id } })).toBe(createdIds.length);
    expect(await t.db.prisma.claimAppearance.count({ where: { organizationId: own.id } })).toBe(createdIds.length);
    // One claim.created per claim, carrying the claim exactly as GET shows it (at creation).
    const events = await t.db.prisma.event.findMany({ where: { organizationId: own.id, action: "claim.created" }, select: { entityId: true, after: true } });
    expect(events.map((e) => e.entityId).sort()).toEqual([...createdIds].sort());
    // Every one of them (insertClaims puts the payload together in memory; it must be the claim as read back).
    const changedLater = new Set(body.written.filter((w) => w.status === "updated").map((w) => w.id));
    const readBack = new Map((await findClaims(t.db.prisma, own.id, createdIds)).map((c) => [c.id, presentClaim(c)]));
    for (const e of events.filter((x) => !changedLater.has(x.entityId))) expect(e.after).toEqual(readBack.get(e.entityId));
    const sample = body.written.find((w) => w.line === 500)!;
    const shown = (await request(t.app).get(`/v1/claims/${sample.id}`).set(auth(own.keys.viewer)).expect(200)).body as unknown;
    expect(events.find((e) => e.entityId === sample.id)?.after).toEqual(shown);
    // The twice-imported externalId is one claim, updated by its second line.
    const twice = await t.db.prisma.claim.findMany({ where: { organizationId: own.id, externalId: { in: ["twice", "same-group-a"] } }, select: { externalId: true, version: true, statement: true } });
    expect(twice.map((c) => [c.externalId, c.version]).sort()).toEqual([["same-group-a", 2], ["twice", 2]]);
    expect(twice.find((c) => c.externalId === "same-group-a")?.statement).toBe("Changed by a later line.");
    // The webhook outbox has one delivery per claim.created, with the same snapshot.
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { organizationId: own.id, subscriptionId: (hook.body as { id: string }).id }, select: { payload: true } });
    expect(deliveries).toHaveLength(createdIds.length);
    const payload = deliveries.map((d) => d.payload as { data: { claim: { id: string } } }).find((p) => p.data.claim.id === sample.id);
    expect(payload?.data.claim).toEqual(shown);
    expect((await request(t.app).get("/v1/audit/verify").set(auth(own.keys.admin)).expect(200)).body).toMatchObject({ ok: true });
    // Search: the bulk path writes each claim's search vector itself (statement + quote);
    // it must be what the database's own function computes, for every claim.
    const differing = await t.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM claims c WHERE c."organizationId" = $1::uuid
         AND c.search_vector IS DISTINCT FROM claims_search_vector(c.statement, c."organizationId", c.id)`,
      own.id,
    );
    expect(differing[0]?.n).toBe(0);
    const found = await request(t.app).get("/v1/claims?q=productive&limit=200").set(auth(own.keys.viewer)).expect(200);
    expect((found.body as { data: unknown[] }).data.length).toBeGreaterThan(100);
  });

  it("with atomic=true, one rejected line in a bulk group writes nothing at all", async () => {
    const own = await createTestOrg(t.db);
    const source = (await request(t.app).post("/v1/sources").set(auth(own.keys.editor)).send({ name: `S ${randomUUID()}`, type: "person" }).expect(201)).body as { id: string };
    const lines = Array.from({ length: 50 }, (_, i) => ({
      type: "claim",
      data: { statement: `S${i}`, kind: "statement", fidelity: "paraphrase", anchor: { articleRef: "a", ...at(q1) }, chain: [{ source: { id: source.id }, role: "speaker", speechAct: "asserts" }] },
    }));
    (lines[30]!.data.anchor as { start: number }).start = 1;
    const res = await post([{ type: "article", ref: "a", data: { url: "https://news.example/b", title: "B", language: "en", text } }, ...lines], true, own.keys.fact_checker).expect(422);
    expect((res.body as { rejected: Array<{ line: number; code: string }> }).rejected).toEqual([expect.objectContaining({ line: 32, code: "anchor_mismatch" })]);
    expect(await t.db.prisma.claim.count({ where: { organizationId: own.id } })).toBe(0);
    expect(await t.db.prisma.article.count({ where: { organizationId: own.id } })).toBe(0);
  });
});

describe("the claim a group returns", () => {
  it("is, field for field, the claim as read back: cue spans, aliases, Wikidata ids, publication dates, long chains, odd text", async () => {
    const own = await createTestOrg(t.db);
    const source = async (name: string, extra: object = {}) =>
      ((await request(t.app).post("/v1/sources").set(auth(own.keys.editor)).send({ name, type: "person", ...extra }).expect(201)).body as { id: string }).id;
    const xi = await source("Xi Jinping", { aliases: ["Xi", "习近平"], wikidataId: "Q15031" });
    const office = await source("Kremlin press service", { type: "press_office", aliases: ["the Kremlin"] });
    const outlet = await source("Example “Times”", { type: "publication" });
    const body = 'Xi declared readiness to lead relations to "a new height", the Kremlin\'s press service reported — «ça va».';
    const article = (
      await request(t.app).post("/v1/articles").set(auth(own.keys.editor)).send({ url: "https://news.example/x", title: "Réunion — “summit”", language: "en", publishedAt: "2026-05-01T10:20:30.456Z", text: body }).expect(201)
    ).body as { id: string };
    const plain = (await request(t.app).post("/v1/articles").set(auth(own.keys.editor)).send({ url: "https://news.example/y", title: "No date", language: "en", text: body }).expect(201)).body as { id: string };
    const quote = "a new height";
    const anchorIn = (articleId: string) => ({ articleId, exact: quote, start: body.indexOf(quote), end: body.indexOf(quote) + quote.length });
    const cueStart = body.indexOf("declared");
    const inputs = [
      {
        statement: "Xi declared readiness to lead relations to “a new height”.",
        kind: "quote" as const,
        fidelity: "verbatim" as const,
        externalId: `ext-${randomUUID()}`,
        anchor: anchorIn(article.id),
        chain: [
          { source: { id: xi }, role: "speaker" as const, speechAct: "promises" as const, cue: "declared", cueStart, cueEnd: cueStart + "declared".length },
          { source: { id: office }, role: "intermediary" as const, speechAct: "reports" as const, cue: "reported" },
          { source: { id: outlet }, role: "publisher" as const, speechAct: "reports" as const },
        ],
      },
      { statement: "Plain.", kind: "statement" as const, fidelity: "paraphrase" as const, anchor: anchorIn(plain.id), chain: [{ source: { id: xi }, role: "speaker" as const, speechAct: "asserts" as const }] },
    ];
    const { outcomes, readBack } = await t.db.prisma.$transaction(async (tx) => {
      const outcomes = await insertClaims(tx, { organizationId: own.id, actor: { type: "system", id: null }, claims: inputs.map((input, line) => ({ line, input })), revisions: new Map() });
      const ids = outcomes.map((o) => (o.ok ? o.id : ""));
      return { outcomes, readBack: (await findClaims(tx, own.id, ids)).map(presentClaim) };
    });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => (o.ok ? o.claim : null))).toEqual(readBack);
    // Same members in the same order as presentClaim gives them, too.
    expect(outcomes.map((o) => JSON.stringify(o.ok ? o.claim : null))).toEqual(readBack.map((c) => JSON.stringify(c)));
    const shown = (await request(t.app).get(`/v1/claims/${readBack[0]!.id}`).set(auth(own.keys.viewer)).expect(200)).body as unknown;
    expect(shown).toEqual(readBack[0]);
  });
});

describe("lines parsed while a group is being written", () => {
  it("reuse a ref freely only when the earlier line with it was rejected", async () => {
    const own = await createTestOrg(t.db);
    const speaker = ((await request(t.app).post("/v1/sources").set(auth(own.keys.editor)).send({ name: `Speaker ${randomUUID()}`, type: "person" }).expect(201)).body as { id: string }).id;
    const articleId = ((await request(t.app).post("/v1/articles").set(auth(own.keys.editor)).send({ url: "https://news.example/refs", title: "Refs", language: "en", text }).expect(201)).body as { id: string }).id;
    const claim = (i: number, ref?: string, anchor: object = at(q1)) => ({
      type: "claim",
      ...(ref ? { ref } : {}),
      data: { statement: `Ref test ${i}.`, kind: "statement", fidelity: "paraphrase", anchor: { articleId, ...anchor }, chain: [{ source: { id: speaker }, role: "speaker", speechAct: "asserts" }] },
    });
    const lines: object[] = [];
    for (let i = 1; i <= 700; i++) {
      if (i === 10) lines.push(claim(i, "r-rejected", { exact: q1, start: 0, end: q1.length })); // anchor mismatch: rejected
      else if (i === 20) lines.push(claim(i, "r-written"));
      else if (i === 510) lines.push(claim(i, "r-rejected")); // the first group is in flight here
      else if (i === 520) lines.push(claim(i, "r-written"));
      else lines.push(claim(i));
    }
    const res = await post(lines, false, own.keys.fact_checker).expect(200);
    const body = res.body as { written: Written[]; rejected: Array<{ line: number; code: string }> };
    expect(body.rejected.map((r) => [r.line, r.code])).toEqual([
      [10, "anchor_mismatch"],
      [520, "duplicate_ref"],
    ]);
    expect(body.written.find((w) => w.line === 510)?.status).toBe("created");
    expect(body.written).toHaveLength(698);
  });
});
