import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { auth, eventsOf } from "../support/verification-fixtures";

type Span = { start: number; end: number; text: string };
type Stored = {
  id: string;
  articleId: string;
  revisionId: string;
  revisionNumber: number;
  status: string;
  confidence: number;
  claimId: string | null;
  proposal: { source: Span | null; cue: Span | null; content: Span[]; speechAct: string; resolvedSource: { id: string; name: string } | null; chain: Array<{ role: string; resolvedSource: { id: string } | null; carriedOver: boolean }> };
};
type ClaimBody = {
  id: string;
  statement: string;
  kind: string;
  fidelity: string;
  anchor: { articleId: string; revisionNumber: number; selectors: [{ exact: string }, { start: number; end: number }] };
  chain: Array<{ role: string; cue: string | null; speechAct: string; source: { id: string; name: string; type: string } }>;
};

const serverIt = usingServer() ? it : it.skip;

let t: TestApp;
let org: TestOrg;
let articleId: string;
let sourceIds: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp("proposals-review");
  org = await createTestOrg(t.db, { seed: true });
  articleId = (await t.db.prisma.article.findFirstOrThrow({ where: { organizationId: org.id }, select: { id: true } })).id;
  const sources = await t.db.prisma.source.findMany({ where: { organizationId: org.id }, select: { id: true, name: true } });
  sourceIds = new Map(sources.map((s) => [s.name, s.id]));
}, 60_000);
afterAll(() => t.close());

const runExtract = (id: string, key = org.keys.fact_checker) => request(t.app).post(`/v1/articles/${id}/extract`).set(auth(key));
const accept = (id: string, body: object = {}, key = org.keys.fact_checker) => request(t.app).post(`/v1/proposals/${id}/accept`).set(auth(key)).send(body);
const reject = (id: string, body: object = {}, key = org.keys.fact_checker) => request(t.app).post(`/v1/proposals/${id}/reject`).set(auth(key)).send(body);

/** A fresh article of the org (its own proposals), created through the API. */
async function newArticle(text: string, o: TestOrg = org): Promise<string> {
  const res = await request(t.app)
    .post("/v1/articles")
    .set(auth(o.keys.editor))
    .send({ url: `https://example.org/${Math.random().toString(36).slice(2)}`, title: "A test article", language: "en", text });
  if (res.status !== 201) throw new Error(`article: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

describe("POST /v1/articles/{id}/extract", () => {
  it("stores the latest revision's proposals as pending and records extraction.run", async () => {
    const res = await runExtract(articleId).expect(200);
    const data = res.body.data as Stored[];
    expect(res.body.revision.number).toBe(1);
    expect(res.body.found).toBe(data.length);
    expect(data.length).toBeGreaterThanOrEqual(9);
    expect(data.every((p) => p.status === "pending" && p.articleId === articleId && p.revisionNumber === 1 && p.claimId === null)).toBe(true);
    const xi = data.find((p) => p.proposal.cue?.text === "declared")!;
    expect(xi.proposal.chain.map((l) => [l.role, l.resolvedSource?.id])).toEqual([
      ["speaker", sourceIds.get("Xi Jinping")],
      ["intermediary", sourceIds.get("Kremlin press service")],
    ]);
    expect(xi.proposal.chain.map((l) => l.carriedOver)).toEqual([false, false]);
    const added = data.find((p) => p.proposal.cue?.text === "added")!;
    expect(added.proposal.chain.map((l) => [l.role, l.resolvedSource?.id, l.carriedOver])).toEqual([
      ["speaker", sourceIds.get("Xi Jinping"), false],
      ["intermediary", sourceIds.get("Kremlin press service"), true],
    ]);
    expect((await eventsOf(t.db, org.id, { action: "extraction.run", entityId: articleId })).length).toBeGreaterThanOrEqual(1);
  });

  it("does not store the same proposals twice on a second run", async () => {
    const first = await runExtract(articleId).expect(200);
    const second = await runExtract(articleId).expect(200);
    expect(second.body.added).toBe(0);
    expect((second.body.data as Stored[]).map((p) => p.id)).toEqual((first.body.data as Stored[]).map((p) => p.id));
  });

  it("extracts from the latest revision after the article is revised", async () => {
    const id = await newArticle("The mayor said that the bridge was safe.");
    await runExtract(id).expect(200);
    await request(t.app).patch(`/v1/articles/${id}`).set(auth(org.keys.editor)).set("If-Match", '"1"').send({ text: "The mayor denied that the bridge was unsafe." }).expect(200);
    const res = await runExtract(id).expect(200);
    expect(res.body.revision.number).toBe(2);
    const data = res.body.data as Stored[];
    expect(data.length).toBe(1);
    expect(data[0]).toMatchObject({ revisionNumber: 2, proposal: { speechAct: "denies" } });
  });

  it("forbids a viewer with 403", async () => {
    expect((await runExtract(articleId, org.keys.viewer).expect(403)).body.code).toBe("forbidden");
  });

  it("answers 404 for another organization's article and a malformed id", async () => {
    const other = await createTestOrg(t.db);
    await runExtract(articleId, other.keys.fact_checker).expect(404);
    await runExtract("not-a-uuid").expect(404);
    await runExtract("0190f0e0-0000-7000-8000-000000000000").expect(404);
  });
});

describe("accepting and rejecting proposals", () => {
  it("accepts a proposal: the claim exists with its anchor and chain, in one step", async () => {
    const data = (await runExtract(articleId).expect(200)).body.data as Stored[];
    const nato = data.find((p) => p.proposal.source?.text === "NATO")!;
    const res = await accept(nato.id).expect(201);
    const claim = res.body.claim as ClaimBody;
    expect(res.headers.location).toBe(`/v1/claims/${claim.id}`);
    expect(res.body.proposal).toMatchObject({ id: nato.id, status: "accepted", claimId: claim.id });
    const content = nato.proposal.content;
    expect(claim.anchor.articleId).toBe(articleId);
    expect(claim.anchor.selectors[1]).toEqual({ type: "TextPositionSelector", start: content[0]!.start, end: content[content.length - 1]!.end });
    expect(claim.chain.map((l) => [l.role, l.source.id, l.cue, l.speechAct])).toEqual([["speaker", sourceIds.get("North Atlantic Treaty Organization"), "has named", nato.proposal.speechAct]]);
    const read = await request(t.app).get(`/v1/claims/${claim.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(read.body.anchor.selectors[0].exact).toBe(claim.anchor.selectors[0].exact);
    expect((await eventsOf(t.db, org.id, { action: "proposal.accepted", entityId: nato.id })).length).toBe(1);
    expect((await eventsOf(t.db, org.id, { action: "claim.created", claimId: claim.id })).length).toBe(1);
    // Already decided: a second accept or a reject is a 409 naming the claim.
    const again = await accept(nato.id).expect(409);
    expect(again.body).toMatchObject({ code: "proposal_decided", proposalStatus: "accepted", claimId: claim.id });
    await reject(nato.id).expect(409);
  });

  it("keeps the press service as intermediary when Xi's declaration is accepted, and takes the editor's corrections", async () => {
    const data = (await runExtract(articleId).expect(200)).body.data as Stored[];
    const xi = data.find((p) => p.proposal.cue?.text === "declared")!;
    const res = await accept(xi.id, { statement: "Xi said he is ready to take China-Russia ties to a new height.", kind: "promise" }).expect(201);
    const claim = res.body.claim as ClaimBody;
    expect(claim).toMatchObject({ statement: "Xi said he is ready to take China-Russia ties to a new height.", kind: "promise", fidelity: "paraphrase" });
    expect(claim.chain.map((l) => [l.role, l.source.id, l.cue])).toEqual([
      ["speaker", sourceIds.get("Xi Jinping"), "declared"],
      ["intermediary", sourceIds.get("Kremlin press service"), "reported"],
    ]);
  });

  it("creates unresolved speakers as new sources, with a guessed type", async () => {
    const id = await newArticle('"The harvest was poor this year," said Maria Lopez. The Agriculture Ministry denied that prices would rise.');
    const data = (await runExtract(id).expect(200)).body.data as Stored[];
    const maria = data.find((p) => p.proposal.source?.text === "Maria Lopez")!;
    const ministry = data.find((p) => p.proposal.source?.text === "The Agriculture Ministry")!;
    const a = (await accept(maria.id).expect(201)).body.claim as ClaimBody;
    expect(a).toMatchObject({ statement: "The harvest was poor this year", kind: "quote", fidelity: "verbatim" });
    expect(a.chain[0]!.source).toMatchObject({ name: "Maria Lopez", type: "person" });
    const b = (await accept(ministry.id).expect(201)).body.claim as ClaimBody;
    expect(b).toMatchObject({ kind: "denial" });
    expect(b.chain[0]!.source).toMatchObject({ name: "Agriculture Ministry", type: "government" });
  });

  it("asks for a chain (422 unresolved_source) when the speaker is a bare pronoun, and accepts one that names a source", async () => {
    const id = await newArticle('He said "the plan will fail."');
    const [p] = (await runExtract(id).expect(200)).body.data as Stored[];
    expect((await accept(p!.id).expect(422)).body.code).toBe("unresolved_source");
    expect((await request(t.app).get(`/v1/proposals/${p!.id}`).set(auth(org.keys.viewer)).expect(200)).body.status).toBe("pending");
    const chain = [{ source: { id: sourceIds.get("Vladimir Putin") }, role: "speaker", speechAct: "predicts" }];
    const claim = (await accept(p!.id, { chain }).expect(201)).body.claim as ClaimBody;
    expect(claim.chain[0]!.source.id).toBe(sourceIds.get("Vladimir Putin"));
  });

  it("follows a merge made after extraction: the claim names the surviving source", async () => {
    const id = await newArticle("NATO said that the exercise would start in March.");
    const [p] = (await runExtract(id).expect(200)).body.data as Stored[];
    const natoId = sourceIds.get("North Atlantic Treaty Organization")!;
    expect(p!.proposal.resolvedSource?.id).toBe(natoId);
    const target = await request(t.app).post("/v1/sources").set(auth(org.keys.editor)).send({ name: "The Alliance", type: "organization" }).expect(201);
    await request(t.app).post(`/v1/sources/${natoId}/merge`).set(auth(org.keys.editor)).set("If-Match", '"1"').send({ into: target.body.id }).expect(200);
    const claim = (await accept(p!.id).expect(201)).body.claim as ClaimBody;
    expect(claim.chain[0]!.source.id).toBe(target.body.id);
  });

  it("rejects a proposal and does not offer it again on a second run", async () => {
    const data = (await runExtract(articleId).expect(200)).body.data as Stored[];
    const denial = data.find((p) => p.proposal.speechAct === "denies")!;
    const res = await reject(denial.id, { reason: "Not a claim we check." }).expect(200);
    expect(res.body).toMatchObject({ id: denial.id, status: "rejected", claimId: null });
    const again = await runExtract(articleId).expect(200);
    expect(again.body.added).toBe(0);
    expect((again.body.data as Stored[]).some((p) => p.id === denial.id || p.proposal.speechAct === "denies")).toBe(false);
    const [event] = await eventsOf(t.db, org.id, { action: "proposal.rejected", entityId: denial.id });
    expect(event?.after).toMatchObject({ status: "rejected", reason: "Not a claim we check." });
    await reject(denial.id).expect(409);
    await accept(denial.id).expect(409);
  });

  it("replays an accept sent again with the same Idempotency-Key", async () => {
    const id = await newArticle("The ministry said that the bridge would reopen in May.");
    const [p] = (await runExtract(id).expect(200)).body.data as Stored[];
    const first = await accept(p!.id).set("Idempotency-Key", `k-${p!.id}`).expect(201);
    const second = await accept(p!.id).set("Idempotency-Key", `k-${p!.id}`).expect(201);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.body.claim.id).toBe(first.body.claim.id);
  });

  it("forbids a viewer to accept or reject with 403, and validates the body with 400", async () => {
    const [p] = (await runExtract(articleId).expect(200)).body.data as Stored[];
    await accept(p!.id, {}, org.keys.viewer).expect(403);
    await reject(p!.id, {}, org.keys.viewer).expect(403);
    const bad = await accept(p!.id, { statement: "x", colour: "red" }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain("colour");
    await accept(p!.id, { kind: "gossip" }).expect(400);
    await reject(p!.id, { reason: "" }).expect(400);
  });

  it("answers 404 for another organization's proposal", async () => {
    const [p] = (await runExtract(articleId).expect(200)).body.data as Stored[];
    const other = await createTestOrg(t.db);
    await accept(p!.id, {}, other.keys.fact_checker).expect(404);
    await reject(p!.id, {}, other.keys.fact_checker).expect(404);
    await request(t.app).get(`/v1/proposals/${p!.id}`).set(auth(other.keys.viewer)).expect(404);
    expect((await request(t.app).get("/v1/proposals?status=all").set(auth(other.keys.viewer)).expect(200)).body.data).toEqual([]);
  });

  serverIt("lets exactly one of two concurrent accepts and a reject win (the others get 409)", async () => {
    const id = await newArticle("The ministry said that the tunnel would reopen in June.");
    const [p] = (await runExtract(id).expect(200)).body.data as Stored[];
    const results = await Promise.all([accept(p!.id), accept(p!.id), reject(p!.id)]);
    const statuses = results.map((r) => r.status).sort();
    // Either decision may come first: an accept (201, one claim) or the reject (200, none).
    const acceptWon = statuses[0] === 201;
    expect(statuses).toEqual(acceptWon ? [201, 409, 409] : [200, 409, 409]);
    expect(await t.db.prisma.claimAppearance.count({ where: { organizationId: org.id, articleId: id } })).toBe(acceptWon ? 1 : 0);
    const stored = await request(t.app).get(`/v1/proposals/${p!.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(stored.body.status).toBe(acceptWon ? "accepted" : "rejected");
  });
});

describe("GET /v1/proposals", () => {
  it("lists pending proposals newest first, pages with a cursor, and filters by status and article", async () => {
    const o = await createTestOrg(t.db, { seed: true });
    const article = (await t.db.prisma.article.findFirstOrThrow({ where: { organizationId: o.id }, select: { id: true } })).id;
    const stored = (await runExtract(article, o.keys.fact_checker).expect(200)).body.data as Stored[];
    await reject(stored[0]!.id, {}, o.keys.fact_checker).expect(200);

    const seen: Stored[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get("/v1/proposals")
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(auth(o.keys.viewer))
        .expect(200);
      seen.push(...(res.body.data as Stored[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((p) => p.id).sort()).toEqual(stored.slice(1).map((p) => p.id).sort());
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    expect(seen.every((p) => p.status === "pending" && p.revisionNumber === 1)).toBe(true);

    const rejected = await request(t.app).get("/v1/proposals").query({ status: "rejected", articleId: article }).set(auth(o.keys.viewer)).expect(200);
    expect((rejected.body.data as Stored[]).map((p) => p.id)).toEqual([stored[0]!.id]);
    const elsewhere = await request(t.app).get("/v1/proposals").query({ articleId: "0190f0e0-0000-7000-8000-000000000000" }).set(auth(o.keys.viewer)).expect(200);
    expect(elsewhere.body.data).toEqual([]);
  });

  it("reads one proposal with its spans and resolved sources", async () => {
    const [p] = (await runExtract(articleId).expect(200)).body.data as Stored[];
    const res = await request(t.app).get(`/v1/proposals/${p!.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.body).toMatchObject({ id: p!.id, articleId, revisionNumber: 1 });
    expect(res.body.proposal.content.length).toBeGreaterThan(0);
  });

  it("rejects a bad status, a bad cursor and unknown parameters with 400, and answers 401 without credentials", async () => {
    await request(t.app).get("/v1/proposals?status=maybe").set(auth(org.keys.viewer)).expect(400);
    expect((await request(t.app).get("/v1/proposals?cursor=nope").set(auth(org.keys.viewer)).expect(400)).body.code).toBe("invalid_cursor");
    await request(t.app).get("/v1/proposals?colour=red").set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get("/v1/proposals").expect(401);
    await request(t.app).get("/v1/proposals/not-a-uuid").set(auth(org.keys.viewer)).expect(404);
  });
});
