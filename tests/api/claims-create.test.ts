import request from "supertest";
import { auth, claimsFixture, DENIAL } from "../support/claims-fixture";
import type { TestApp, TestOrg } from "../support/test-app";

const fx = claimsFixture("claims-create");
const { sourceId, span, claimBody, createClaim, eventsOf } = fx;
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let articleId: string;
let text: string;
beforeAll(() => {
  ({ t, org, other, articleId, text } = fx.state());
});

describe("POST /v1/claims", () => {
  it("creates a claim with its anchor, chain and a new inline source, and records the events", async () => {
    const cue = span("has nevertheless denied");
    const res = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(
        claimBody({
          externalId: "cms-denial-1",
          chain: [
            { source: { new: { name: "Chinese Foreign Ministry", aliases: ["MFA of China"], type: "government", country: "CN" } }, role: "speaker", cue: "has nevertheless denied", cueStart: cue.start, cueEnd: cue.end, speechAct: "denies" },
            { source: { id: sourceId("Kyiv Independent") }, role: "publisher", speechAct: "reports" },
          ],
        }),
      )
      .expect(201);
    expect(res.headers.location).toBe(`/v1/claims/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ externalId: "cms-denial-1", status: "new", version: 1, kind: "denial" });
    const [quote, position] = res.body.anchor.selectors;
    expect(position).toEqual({ type: "TextPositionSelector", ...span(DENIAL) });
    expect(quote.exact).toBe(DENIAL);
    expect(text.slice(position.start - quote.prefix.length, position.start)).toBe(quote.prefix);
    expect(text.slice(position.end, position.end + quote.suffix.length)).toBe(quote.suffix);
    expect(res.body.chain.map((l: { role: string }) => l.role)).toEqual(["speaker", "publisher"]);
    expect(res.body.chain[0].source.name).toBe("Chinese Foreign Ministry");
    expect(res.body.chain[0].cueSpan).toEqual(cue);

    const stored = await t.db.prisma.claim.findUnique({ where: { organizationId_id: { organizationId: org.id, id: res.body.id } } });
    expect(stored?.speakerSourceId).toBe(res.body.chain[0].source.id);
    const source = await t.db.prisma.source.findUnique({ where: { organizationId_id: { organizationId: org.id, id: res.body.chain[0].source.id } } });
    expect(source?.searchText).toBe("chinese foreign ministry | mfa of china");
    expect((await eventsOf(res.body.id)).map((e) => e.action)).toEqual(["claim.created"]);
    expect((await eventsOf(res.body.chain[0].source.id)).map((e) => e.action)).toEqual(["source.created"]);
    const fetched = await request(t.app).get(res.headers.location!).set(auth(org.keys.viewer)).expect(200);
    expect(fetched.body).toEqual(res.body);
  });

  it("rejects an anchor whose offsets do not hold the quote with 422, saying what is there and where the quote occurs", async () => {
    const at = span(DENIAL);
    const res = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ anchor: { articleId, exact: DENIAL, start: at.start + 3, end: at.end + 3 } }))
      .expect(422);
    expect(res.body.code).toBe("anchor_mismatch");
    expect(res.body.anchor).toMatchObject({ start: at.start + 3, end: at.end + 3, found: text.slice(at.start + 3, at.end + 3), revisionNumber: 1 });
    expect(res.body.occurrences).toEqual([at]);
    expect(res.body.detail).toContain(`occurs at ${at.start}–${at.end}`);
    expect(res.body.errors[0].field).toBe("anchor.exact");
  });

  it("says when the quote occurs nowhere in the revision, and when the offsets are outside the text", async () => {
    const nowhere = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ anchor: { articleId, exact: "words that are not in the article", start: 0, end: 33 } }))
      .expect(422);
    expect(nowhere.body).toMatchObject({ code: "anchor_mismatch", occurrences: [] });
    expect(nowhere.body.detail).toContain("does not occur anywhere");
    const outside = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ anchor: { articleId, exact: DENIAL, start: text.length, end: text.length + DENIAL.length } }))
      .expect(422);
    expect(outside.body.code).toBe("anchor_mismatch");
    expect(outside.body.detail).toContain("outside the text");
  });

  it("rejects a chain that breaks the rules with 422 naming each link, and stores nothing (not even its new source)", async () => {
    const before = await t.db.prisma.claim.count({ where: { organizationId: org.id } });
    const res = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(
        claimBody({
          chain: [
            { source: { new: { name: "Orphan Source That Must Not Exist", type: "person" } }, role: "intermediary", speechAct: "asserts" },
            { source: { id: sourceId("Kyiv Independent") }, role: "publisher", speechAct: "reports" },
            { source: { id: sourceId("Kremlin") }, role: "intermediary", cue: "declared", cueStart: span("reported").start, cueEnd: span("reported").end, speechAct: "reports" },
          ],
        }),
      )
      .expect(422);
    expect(res.body.code).toBe("invalid_chain");
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["chain.0.role", "chain.1.role", "chain.2.cue"]);
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id } })).toBe(before);
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id, name: "Orphan Source That Must Not Exist" } })).toBe(0);
  });

  it("rejects an empty chain, more than 10 links and a cue span outside the text with 422", async () => {
    const empty = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(claimBody({ chain: [] })).expect(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: "chain", code: "chain_length" })]);
    const link = { source: { id: sourceId("Kremlin") }, role: "intermediary", speechAct: "reports" };
    const long = [{ ...link, role: "speaker" }, ...Array.from({ length: 10 }, () => link)];
    const tooLong = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(claimBody({ chain: long })).expect(422);
    expect(tooLong.body.errors[0]).toMatchObject({ field: "chain", code: "chain_length" });
    const outside = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ chain: [{ ...link, role: "speaker", cue: "said", cueStart: text.length, cueEnd: text.length + 4 }] }))
      .expect(422);
    expect(outside.body.errors[0]).toMatchObject({ field: "chain.0.cueStart", code: "cue_span_outside" });
  });

  it("rejects an unknown source id (or another organization's) with 422 naming the link", async () => {
    const theirs = await request(t.app).get("/v1/sources?limit=1").set(auth(other.keys.viewer)).expect(200);
    const body = claimBody();
    body.chain[1] = { source: { id: theirs.body.data[0].id as string }, role: "publisher", speechAct: "reports" };
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(body).expect(422);
    expect(res.body.code).toBe("unknown_source");
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "chain.1.source.id", code: "unknown_source" })]);
    expect(res.body.detail).toContain("Link 1");
  });

  it("rejects a source that was merged into another with 422 source_merged naming the target", async () => {
    const target = sourceId("Kremlin");
    const merged = crypto.randomUUID();
    await t.db.prisma.source.create({ data: { organizationId: org.id, id: merged, name: "Kremlin press office", searchText: "kremlin press office", type: "press_office", mergedIntoId: target } });
    const body = claimBody();
    body.chain.splice(1, 0, { source: { id: merged }, role: "intermediary", speechAct: "reports" });
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(body).expect(422);
    expect(res.body).toMatchObject({ code: "source_merged", errors: [expect.objectContaining({ field: "chain.1.source.id", message: expect.stringContaining(target) })] });
  });

  it("rejects a revision number the article does not have with 422 unknown_revision", async () => {
    const res = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ anchor: { articleId, revisionNumber: 9, exact: DENIAL, ...span(DENIAL) } }))
      .expect(422);
    expect(res.body).toMatchObject({ code: "unknown_revision", latestRevision: 1, errors: [expect.objectContaining({ field: "anchor.revisionNumber" })] });
  });

  it("rejects an article of another organization like a missing one, with 422", async () => {
    const theirs = await request(t.app).get("/v1/claims?limit=1").set(auth(other.keys.viewer)).expect(200);
    const res = await request(t.app)
      .post("/v1/claims")
      .set(auth(org.keys.fact_checker))
      .send(claimBody({ anchor: { articleId: theirs.body.data[0].anchor.articleId, exact: DENIAL, ...span(DENIAL) } }))
      .expect(422);
    expect(res.body).toMatchObject({ code: "unknown_article", errors: [expect.objectContaining({ field: "anchor.articleId" })] });
  });

  it("rejects a second claim with the same externalId with 409 external_id_taken naming the first", async () => {
    const first = await createClaim({ externalId: "cms-dup" });
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(claimBody({ externalId: "cms-dup" })).expect(409);
    expect(res.body).toMatchObject({ code: "external_id_taken", claimId: first.id });
  });

  it("rejects unknown fields, bad enums and a missing statement with 400 listing them", async () => {
    const body: Record<string, unknown> = claimBody({ colour: "red", kind: "rumour" });
    delete body.statement;
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(body).expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["colour", "kind", "statement"]);
  });

  it("answers 401 without a key and 403 for a viewer", async () => {
    await request(t.app).post("/v1/claims").send(claimBody()).expect(401);
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.viewer)).send(claimBody()).expect(403);
    expect(res.body.code).toBe("forbidden");
  });
});
