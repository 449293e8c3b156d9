import request from "supertest";
import { auth, claimsFixture, DENIAL } from "../support/claims-fixture";
import type { TestApp, TestOrg } from "../support/test-app";

const fx = claimsFixture("claims-write");
const { sourceId, span, claimBody, createClaim, eventsOf } = fx;
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let articleId: string;
let text: string;
beforeAll(() => {
  ({ t, org, other, articleId, text } = fx.state());
});

async function insertArticle(orgId: string, body: string): Promise<string> {
  const id = crypto.randomUUID();
  await t.db.prisma.article.create({ data: { organizationId: orgId, id, url: `https://example.org/${id}`, title: "Another article", language: "en" } });
  await t.db.prisma.articleRevision.create({
    data: { organizationId: orgId, id: crypto.randomUUID(), articleId: id, number: 1, text: body, textHash: "0".repeat(64) },
  });
  return id;
}

describe("PATCH /v1/claims/:id", () => {
  it("edits the statement and replaces the chain, keeping the speaker in step, with a new ETag and a claim.updated event", async () => {
    const claim = await createClaim();
    const res = await request(t.app)
      .patch(`/v1/claims/${claim.id}`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({
        statement: "China denies supporting Russia's war effort.",
        chain: [
          { source: { id: sourceId("Xi Jinping") }, role: "speaker", speechAct: "denies" },
          { source: { id: sourceId("Kremlin") }, role: "intermediary", speechAct: "reports" },
        ],
      })
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ version: 2, statement: "China denies supporting Russia's war effort.", kind: "denial" });
    expect(res.body.chain.map((l: { source: { id: string } }) => l.source.id)).toEqual([sourceId("Xi Jinping"), sourceId("Kremlin")]);
    expect(res.body.updatedAt > res.body.createdAt || res.body.updatedAt === res.body.createdAt).toBe(true);
    const stored = await t.db.prisma.claim.findUnique({ where: { organizationId_id: { organizationId: org.id, id: claim.id } } });
    expect(stored?.speakerSourceId).toBe(sourceId("Xi Jinping"));
    const events = await eventsOf(claim.id);
    const updated = events.find((e) => e.action === "claim.updated");
    expect(updated?.before).toMatchObject({ statement: "Beijing denies that it supports Russia's military efforts.", version: 1 });
    expect(updated?.after).toMatchObject({ statement: "China denies supporting Russia's war effort.", version: 2, speakerSourceId: sourceId("Xi Jinping") });
  });

  it("requires If-Match (428), refuses a stale one with 412 and the current ETag, and a malformed one with 400", async () => {
    const claim = await createClaim();
    const missing = await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).send({ kind: "statement" }).expect(428);
    expect(missing.body.code).toBe("precondition_required");
    await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ kind: "statement" }).expect(200);
    const stale = await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ kind: "opinion" }).expect(412);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentEtag: '"2"' });
    expect(stale.headers.etag).toBe('"2"');
    await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", "yesterday").send({ kind: "opinion" }).expect(400);
  });

  it("refuses to edit a published claim silently with 409 claim_published", async () => {
    const claim = await createClaim();
    // Publishing is another feature's transition; set the state directly for this test.
    await t.db.prisma.claim.update({ where: { organizationId_id: { organizationId: org.id, id: claim.id } }, data: { status: "published" } });
    const res = await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ statement: "Quietly changed." }).expect(409);
    expect(res.body.code).toBe("claim_published");
    expect(res.body.detail).toMatch(/correction/);
  });

  it("rejects an empty or unknown-field body with 400 and an invalid chain with 422, changing nothing", async () => {
    const claim = await createClaim();
    await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({}).expect(400);
    const unknown = await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ status: "published" }).expect(400);
    expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "status", code: "unknown_field" })]));
    const chain = await request(t.app)
      .patch(`/v1/claims/${claim.id}`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({ statement: "Changed", chain: [{ source: { id: sourceId("Kyiv Independent") }, role: "publisher", speechAct: "reports" }] })
      .expect(422);
    expect(chain.body.errors[0].field).toBe("chain.0.role");
    const now = await request(t.app).get(`/v1/claims/${claim.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(now.body).toMatchObject({ version: 1, statement: "Beijing denies that it supports Russia's military efforts." });
  });

  it("answers 404 for another organization's claim and 403 for a viewer", async () => {
    const theirs = await request(t.app).get("/v1/claims?limit=1").set(auth(other.keys.viewer)).expect(200);
    await request(t.app).patch(`/v1/claims/${theirs.body.data[0].id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ kind: "opinion" }).expect(404);
    const mine = await createClaim();
    await request(t.app).patch(`/v1/claims/${mine.id}`).set(auth(org.keys.viewer)).set("If-Match", '"1"').send({ kind: "opinion" }).expect(403);
  });
});

describe("DELETE /v1/claims/:id", () => {
  it("archives instead of deleting, records claim.archived, refuses a second archive and further edits with 409", async () => {
    const claim = await createClaim();
    await request(t.app).delete(`/v1/claims/${claim.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').expect(403);
    await request(t.app).delete(`/v1/claims/${claim.id}`).set(auth(org.keys.editor)).expect(428);
    await request(t.app).delete(`/v1/claims/${claim.id}`).set(auth(org.keys.editor)).set("If-Match", '"7"').expect(412);
    const res = await request(t.app).delete(`/v1/claims/${claim.id}`).set(auth(org.keys.editor)).set("If-Match", '"1"').expect(200);
    expect(res.body).toMatchObject({ id: claim.id, status: "archived", version: 2 });
    expect(res.headers.etag).toBe('"2"');
    expect((await eventsOf(claim.id)).map((e) => e.action)).toEqual(["claim.created", "claim.archived"]);
    const again = await request(t.app).delete(`/v1/claims/${claim.id}`).set(auth(org.keys.editor)).set("If-Match", '"2"').expect(409);
    expect(again.body.code).toBe("claim_archived");
    const edit = await request(t.app).patch(`/v1/claims/${claim.id}`).set(auth(org.keys.editor)).set("If-Match", '"2"').send({ kind: "opinion" }).expect(409);
    expect(edit.body.code).toBe("claim_archived");
    await request(t.app).get(`/v1/claims/${claim.id}`).set(auth(org.keys.viewer)).expect(200);
  });

  it("answers 404 for another organization's claim", async () => {
    const theirs = await request(t.app).get("/v1/claims?limit=1").set(auth(other.keys.viewer)).expect(200);
    await request(t.app).delete(`/v1/claims/${theirs.body.data[0].id}`).set(auth(org.keys.editor)).set("If-Match", '"1"').expect(404);
  });
});

describe("POST /v1/claims/:id/appearances", () => {
  const second = "Elsewhere: Beijing has denied supporting Russia's military efforts, again.";
  const quote = "Beijing has denied supporting Russia's military efforts";

  it("adds the claim's appearance in another article under If-Match, bumping the version, and refuses a second one there with 409", async () => {
    const claim = await createClaim();
    const otherArticle = await insertArticle(org.id, second);
    const start = second.indexOf(quote);
    const body = { articleId: otherArticle, exact: quote, start, end: start + quote.length };
    await request(t.app).post(`/v1/claims/${claim.id}/appearances`).set(auth(org.keys.fact_checker)).send(body).expect(428);
    const res = await request(t.app).post(`/v1/claims/${claim.id}/appearances`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(body).expect(201);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body.appearances).toHaveLength(2);
    expect(res.body.anchor.articleId).toBe(articleId);
    expect(res.body.appearances[1]).toMatchObject({ articleId: otherArticle, revisionNumber: 1, selectors: [{ exact: quote, prefix: "Elsewhere: " }, { start, end: start + quote.length }] });
    expect((await eventsOf(claim.id)).map((e) => e.action)).toEqual(["claim.created", "claim.appearance_added"]);
    const dup = await request(t.app).post(`/v1/claims/${claim.id}/appearances`).set(auth(org.keys.fact_checker)).set("If-Match", '"2"').send(body).expect(409);
    expect(dup.body.code).toBe("appearance_exists");
    await request(t.app).post(`/v1/claims/${claim.id}/appearances`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ ...body, articleId: await insertArticle(org.id, second) }).expect(412);
  });

  it("rejects a mismatched anchor with 422 anchor_mismatch and an unknown field with 400", async () => {
    const claim = await createClaim();
    const otherArticle = await insertArticle(org.id, second);
    const res = await request(t.app)
      .post(`/v1/claims/${claim.id}/appearances`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({ articleId: otherArticle, exact: quote, start: 0, end: quote.length })
      .expect(422);
    expect(res.body).toMatchObject({ code: "anchor_mismatch", occurrences: [{ start: 11, end: 11 + quote.length }], errors: [expect.objectContaining({ field: "exact" })] });
    await request(t.app)
      .post(`/v1/claims/${claim.id}/appearances`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({ articleId: otherArticle, exact: quote, start: 11, end: 11 + quote.length, prefix: "x" })
      .expect(400);
    await request(t.app).post(`/v1/claims/${claim.id}/appearances`).set(auth(org.keys.viewer)).set("If-Match", '"1"').send({ articleId: otherArticle, exact: quote, start: 11, end: 11 + quote.length }).expect(403);
  });
});
