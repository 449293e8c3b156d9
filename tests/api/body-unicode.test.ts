/**
 * A lone UTF-16 surrogate ("\ud800" in JSON) parses into a JavaScript string, but it is not
 * Unicode text: PostgreSQL refuses it, which used to surface as a 500 on every JSON write.
 * One check after the JSON parsers (src/http/well-formed-body.ts) answers 400
 * `invalid_unicode` with the field; the NDJSON import rejects such a line like any bad line.
 */
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("body-unicode");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

const LONE = "\ud800";
const counts = async () => ({
  sources: await t.db.prisma.source.count({ where: { organizationId: org.id } }),
  articles: await t.db.prisma.article.count({ where: { organizationId: org.id } }),
  claims: await t.db.prisma.claim.count({ where: { organizationId: org.id } }),
});

/** Sends JSON text as written: a lone surrogate travels as the escape \ud800, as from any JSON client. */
const postJson = (path: string, body: unknown, key = org.keys.fact_checker) =>
  request(t.app).post(path).set(auth(key)).set("Content-Type", "application/json").send(JSON.stringify(body));

function expectInvalidUnicode(res: request.Response, pointer: string, field: string): void {
  expect(res.status).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 400, code: "invalid_unicode", type: "https://claimtrail.dev/problems/invalid-unicode", pointer, errors: [{ field, code: "invalid_unicode" }] });
}

describe("lone surrogates in JSON bodies", () => {
  it("are refused with 400 invalid_unicode and the field on POST /v1/sources, and nothing is stored", async () => {
    const before = await counts();
    expectInvalidUnicode(await postJson("/v1/sources", { name: `Bad ${LONE} name`, type: "person" }), "/name", "name");
    expectInvalidUnicode(await postJson("/v1/sources", { name: "Fine", type: "person", aliases: ["ok", `\udc00 low half`] }), "/aliases/1", "aliases.1");
    // A trailing high half without its low half, right after a well-formed pair.
    expectInvalidUnicode(await postJson("/v1/sources", { name: "Fine", type: "person", description: `😀${"\ud83d"}` }), "/description", "description");
    expect(await counts()).toEqual(before);
  });

  it("are refused in a member name too, with the name shown safely", async () => {
    const res = await postJson("/v1/sources", { name: "Fine", type: "person", [`key${LONE}/~`]: 1 });
    expectInvalidUnicode(res, "/key\ufffd~1~0", "key\ufffd/~");
  });

  it("are refused on POST /v1/check before the draft is compared", async () => {
    expectInvalidUnicode(await postJson("/v1/check", { text: `A draft with a broken ${LONE} character.` }, org.keys.viewer), "/text", "text");
  });

  it("are refused on POST /v1/import/claimreview deep inside the markup", async () => {
    const res = await postJson("/v1/import/claimreview", [{ "@type": "ClaimReview", url: "https://x.example/r", claimReviewed: "Fine.", itemReviewed: { "@type": "Claim", appearance: [{ url: "https://x.example/a", headline: `H${LONE}` }] } }]);
    expectInvalidUnicode(res, "/0/itemReviewed/appearance/0/headline", "0.itemReviewed.appearance.0.headline");
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "claimreview:https://x.example/r" } })).toBe(0);
  });

  it("are refused on article writes, which have a parser of their own", async () => {
    const res = await postJson("/v1/articles", { url: "https://news.example/unicode", title: "Title", language: "en", text: `Text ${LONE} here.` });
    expectInvalidUnicode(res, "/text", "text");
    expect(await t.db.prisma.article.count({ where: { organizationId: org.id, url: "https://news.example/unicode" } })).toBe(0);
  });

  it("leave well-formed text alone: pairs, U+FFFD and private-use characters are stored as sent", async () => {
    const name = "Emoji 😀 𝔘 \ufffd \ue000 name";
    const res = await postJson("/v1/sources", { name, type: "person" }).expect(201);
    expect(res.body.name).toBe(name);
  });
});

describe("lone surrogates in NDJSON import lines", () => {
  it("reject that line with invalid_unicode and the field, like any other bad line; the other lines are written", async () => {
    const lines = [
      JSON.stringify({ type: "source", ref: "good", data: { name: "Good Source", type: "person" } }),
      JSON.stringify({ type: "source", ref: "bad", data: { name: `Bad ${LONE} Source`, type: "person" } }),
      JSON.stringify({ type: "source", data: { name: "Another", type: "person", aliases: [`x${LONE}`] } }),
    ];
    const before = await counts();
    const res = await request(t.app)
      .post("/v1/import?atomic=false")
      .set({ ...auth(org.keys.fact_checker), "Content-Type": "application/x-ndjson" })
      .send(lines.join("\n") + "\n")
      .expect(200);
    expect(res.body.totals).toMatchObject({ lines: 3, created: 1, rejected: 2 });
    expect(res.body.rejected).toEqual([
      { line: 2, ref: "bad", type: "source", status: "rejected", id: null, code: "invalid_unicode", errors: [expect.objectContaining({ field: "data.name", code: "invalid_unicode" })] },
      { line: 3, ref: null, type: "source", status: "rejected", id: null, code: "invalid_unicode", errors: [expect.objectContaining({ field: "data.aliases.0", code: "invalid_unicode" })] },
    ]);
    expect((await counts()).sources).toBe(before.sources + 1);
  });

  it("make an atomic import write nothing", async () => {
    const before = await counts();
    const body = [JSON.stringify({ type: "source", data: { name: "Would be fine", type: "person" } }), JSON.stringify({ type: "source", data: { name: LONE, type: "person" } })].join("\n");
    const res = await request(t.app).post("/v1/import").set({ ...auth(org.keys.fact_checker), "Content-Type": "application/x-ndjson" }).send(body);
    expect(res.status).toBeLessThan(500);
    expect(res.body.committed).toBe(false);
    expect(res.body.rejected).toEqual([expect.objectContaining({ line: 2, code: "invalid_unicode" })]);
    expect(await counts()).toEqual(before);
  });
});
