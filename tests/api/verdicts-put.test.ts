import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { attributionVerdict, auth, claimVersion, contentVerdict, createClaim, eventsOf, forceStatus, giveVerdicts, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("verdicts-put");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const put = (claimId: string, kind: "attribution" | "content", key: string, version: number | string | null, body: object) => {
  const r = request(t.app).put(`/v1/claims/${claimId}/verdicts/${kind}`).set(auth(key));
  if (version !== null) r.set(ifMatch(version));
  return r.send(body);
};

describe("PUT /v1/claims/:id/verdicts/:kind", () => {
  it("sets the attribution verdict, bumps the claim's version and keeps the rating filter column in step", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await put(id, "attribution", org.keys.fact_checker, 1, attributionVerdict()).expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body.version).toBe(2);
    expect(res.body.verdicts.attribution).toMatchObject({
      kind: "attribution",
      rating: { key: "accurate", label: "Accurate", value: 5 },
      rationale: "The **Kremlin readout** has these words.",
      evidence: [{ url: "https://example.org/readout", title: "Kremlin readout", quote: "a new height", accessedAt: "2024-05-16T10:00:00.000Z", isPrimarySource: true }],
      reviewer: { type: "api_key" },
      version: 1,
    });
    expect(res.body.verdicts.content).toBeNull();
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id } } });
    expect(row).toMatchObject({ attributionRatingKey: "accurate", contentRatingKey: null, status: "new" });
    const got = await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(got.headers.etag).toBe('"2"');
  });

  it("replaces the verdict and its whole evidence list, and records before and after in a verdict.updated event", async () => {
    const id = await createClaim(t.db, org.id);
    await put(id, "content", org.keys.fact_checker, 1, contentVerdict()).expect(200);
    const second = contentVerdict({ rating: "false", rationale: "Wrong.", evidence: [{ url: "http://example.com/a", title: "A" }, { url: "https://example.com/b", title: "B", quote: "q" }] });
    const res = await put(id, "content", org.keys.editor, 2, second).expect(200);
    expect(res.body.verdicts.content.rating.key).toBe("false");
    expect(res.body.verdicts.content.version).toBe(2);
    expect(res.body.verdicts.content.evidence.map((e: { title: string }) => e.title)).toEqual(["A", "B"]);
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id } } });
    expect(row.contentRatingKey).toBe("false");
    const events = await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" });
    expect(events).toHaveLength(2);
    expect(events[0]!.before).toBeNull();
    expect(events[1]!.before).toMatchObject({ rating: "mostly_true", evidence: [{ title: "Trade statistics" }] });
    expect(events[1]!.after).toMatchObject({ rating: "false", rationale: "Wrong.", evidence: [{ title: "A" }, { title: "B", quote: "q" }] });
    expect(await t.db.prisma.evidenceItem.count({ where: { organizationId: org.id, verdictId: events[1]!.entityId } })).toBe(2);
  });

  it("rejects an unknown rating key with 422 listing the usable keys, and stores nothing", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await put(id, "attribution", org.keys.fact_checker, 1, attributionVerdict({ rating: "mostly_true" })).expect(422);
    expect(res.body).toMatchObject({ code: "unknown_rating", errors: [{ field: "rating" }] });
    expect(res.body.allowed).toEqual(["accurate", "accurate_paraphrase", "distorted", "misattributed", "fabricated", "unverifiable"]);
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
    expect(await t.db.prisma.verdict.count({ where: { organizationId: org.id, claimId: id } })).toBe(0);
  });

  it.each([
    ["an unknown field", { ...contentVerdict(), colour: "red" }, "colour"],
    ["a javascript: URL", contentVerdict({ evidence: [{ url: "javascript:alert(1)", title: "x" }] }), "evidence.0.url"],
    ["isPrimarySource on content evidence", contentVerdict({ evidence: [{ url: "https://a.example", title: "x", isPrimarySource: true }] }), "evidence.0.isPrimarySource"],
    ["51 evidence items", contentVerdict({ evidence: Array.from({ length: 51 }, () => ({ url: "https://a.example", title: "x" })) }), "evidence"],
    ["a rationale over 20,000 characters", contentVerdict({ rationale: "x".repeat(20_001) }), "rationale"],
    ["a missing rating", { rationale: "r", evidence: [] }, "rating"],
  ])("rejects %s with 400 naming the field", async (_name, body, field) => {
    const id = await createClaim(t.db, org.id);
    const res = await put(id, "content", org.keys.fact_checker, 1, body).expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
  });

  it("answers 428 without If-Match and 412 with a stale one, naming the current ETag", async () => {
    const id = await createClaim(t.db, org.id);
    const missing = await put(id, "content", org.keys.fact_checker, null, contentVerdict()).expect(428);
    expect(missing.body.code).toBe("precondition_required");
    await put(id, "content", org.keys.fact_checker, 1, contentVerdict()).expect(200);
    const stale = await put(id, "content", org.keys.fact_checker, 1, contentVerdict({ rating: "false" })).expect(412);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentEtag: '"2"' });
    expect(stale.headers.etag).toBe('"2"');
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id } } });
    expect(row.contentRatingKey).toBe("mostly_true");
  });

  it("answers 401 without a key and 403 for a viewer, changing nothing", async () => {
    const id = await createClaim(t.db, org.id);
    await request(t.app).put(`/v1/claims/${id}/verdicts/content`).set(ifMatch(1)).send(contentVerdict()).expect(401);
    const res = await put(id, "content", org.keys.viewer, 1, contentVerdict()).expect(403);
    expect(res.body.code).toBe("forbidden");
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
  });

  it("answers 404 for another organization's claim, a missing one and a malformed id alike", async () => {
    const theirs = await createClaim(t.db, other.id);
    for (const id of [theirs, "0190d6a4-0000-7000-8000-000000000000", "not-a-uuid"]) {
      const res = await put(id, "attribution", org.keys.fact_checker, 1, attributionVerdict()).expect(404);
      expect(res.body.code).toBe("not_found");
    }
    expect(await claimVersion(t.db, other.id, theirs)).toBe(1);
  });

  it("refuses verdict changes on archived (409 claim_archived) and retracted claims", async () => {
    const archived = await createClaim(t.db, org.id, { status: "archived" });
    expect((await put(archived, "content", org.keys.editor, 1, contentVerdict()).expect(409)).body.code).toBe("claim_archived");
    const retracted = await createClaim(t.db, org.id, { status: "retracted" });
    expect((await put(retracted, "content", org.keys.editor, 1, contentVerdict()).expect(409)).body.code).toBe("claim_retracted");
  });

  it("replays the stored response for a retried Idempotency-Key and writes once", async () => {
    const id = await createClaim(t.db, org.id);
    const key = `verdict-${id}`;
    const first = await put(id, "content", org.keys.fact_checker, 1, contentVerdict()).set("Idempotency-Key", key).expect(200);
    const again = await put(id, "content", org.keys.fact_checker, 1, contentVerdict()).set("Idempotency-Key", key).expect(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" })).toHaveLength(1);
  });
});

describe("verdict changes after publishing (corrections)", () => {
  /** A claim that could really have been published: both verdicts with evidence. */
  async function publishedClaim(): Promise<{ id: string; v: number }> {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id);
    return { id, v: await forceStatus(t.db, org.id, id, "published") };
  }

  it("needs a correctionNote (422), then moves the claim to corrected with a claim.corrected event", async () => {
    const { id, v } = await publishedClaim();
    const noNote = await put(id, "content", org.keys.editor, v, contentVerdict()).expect(422);
    expect(noNote.body).toMatchObject({ code: "correction_note_required", errors: [{ field: "correctionNote" }] });
    expect(await claimVersion(t.db, org.id, id)).toBe(v);

    const res = await put(id, "content", org.keys.editor, v, contentVerdict({ correctionNote: "The figure was for 2023, not 2024." })).expect(200);
    expect(res.body.status).toBe("corrected");
    const corrected = await eventsOf(t.db, org.id, { claimId: id, action: "claim.corrected" });
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.after).toMatchObject({ status: "corrected", note: "The figure was for 2023, not 2024.", verdict: "content" });
    expect(corrected[0]!.before).toEqual({ status: "published" });

    // Another correction of a corrected claim is again a correction.
    const again = await put(id, "content", org.keys.editor, v + 1, contentVerdict({ rating: "half_true", correctionNote: "Second look." })).expect(200);
    expect(again.body.status).toBe("corrected");
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "claim.corrected" })).toHaveLength(2);
  });

  it("refuses a correction by a fact-checker with 403 and changes nothing", async () => {
    const { id, v } = await publishedClaim();
    const res = await put(id, "content", org.keys.fact_checker, v, contentVerdict({ correctionNote: "Fix." })).expect(403);
    expect(res.body.code).toBe("forbidden");
    expect(await claimVersion(t.db, org.id, id)).toBe(v);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" })).toHaveLength(0);
  });

  async function unchanged(id: string, v: number): Promise<void> {
    expect(await claimVersion(t.db, org.id, id)).toBe(v);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" })).toHaveLength(0);
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id } }, select: { status: true } });
    expect(row.status).toBe("published");
  }

  it("refuses a correction that leaves the verdict without evidence (409 publish_requirements_not_met) and changes nothing", async () => {
    const { id, v } = await publishedClaim();
    const res = await put(id, "content", org.keys.editor, v, contentVerdict({ evidence: [], correctionNote: "Dropping the evidence." })).expect(409);
    expect(res.body).toMatchObject({ code: "publish_requirements_not_met", missing: ["content_evidence"], errors: [{ field: "evidence" }] });
    await unchanged(id, v);
    const evidence = await t.db.prisma.evidenceItem.count({ where: { organizationId: org.id, verdict: { claimId: id, kind: "content" } } });
    expect(evidence).toBe(1);
  });

  it("refuses a correction of a published claim whose other verdict is missing (409) and changes nothing", async () => {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id, { kinds: ["content"] });
    const v = await forceStatus(t.db, org.id, id, "published");
    const res = await put(id, "content", org.keys.editor, v, contentVerdict({ correctionNote: "Fix." })).expect(409);
    expect(res.body).toMatchObject({ code: "publish_requirements_not_met", missing: ["attribution_verdict"] });
    await unchanged(id, v);
  });

  it("refuses a correction of a published claim whose other verdict has no evidence (409) and changes nothing", async () => {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id, { kinds: ["content"] });
    await giveVerdicts(t.db, org.id, id, { kinds: ["attribution"], evidence: false });
    const v = await forceStatus(t.db, org.id, id, "published");
    const res = await put(id, "content", org.keys.editor, v, contentVerdict({ correctionNote: "Fix." })).expect(409);
    expect(res.body).toMatchObject({ code: "publish_requirements_not_met", missing: ["attribution_evidence"] });
    expect(res.body.errors).toBeUndefined();
    await unchanged(id, v);
  });

  it("with a second-reviewer rule, refuses a corrector who also reviewed the other verdict (409) and accepts another editor", async () => {
    const strict = await createTestOrg(t.db);
    await t.db.prisma.organization.update({ where: { id: strict.id }, data: { requireSecondReviewer: true } });
    const id = await createClaim(t.db, strict.id);
    await put(id, "attribution", strict.keys.editor, 1, attributionVerdict()).expect(200);
    await giveVerdicts(t.db, strict.id, id, { kinds: ["content"] });
    const v = await forceStatus(t.db, strict.id, id, "published");
    const own = await put(id, "content", strict.keys.editor, v, contentVerdict({ correctionNote: "Fix." })).expect(409);
    expect(own.body).toMatchObject({ code: "second_reviewer_required", reviewedByYou: ["content", "attribution"] });
    expect(await claimVersion(t.db, strict.id, id)).toBe(v);
    // Another editor (the admin key) may correct it: the attribution verdict stays someone else's.
    const ok = await put(id, "content", strict.keys.admin, v, contentVerdict({ correctionNote: "Fix." })).expect(200);
    expect(ok.body.status).toBe("corrected");
    // Without the rule, the same corrector is fine.
    await t.db.prisma.organization.update({ where: { id: strict.id }, data: { requireSecondReviewer: false } });
    await put(id, "attribution", strict.keys.admin, v + 1, attributionVerdict({ correctionNote: "Again." })).expect(200);
  });

  it("refuses a correctionNote on a claim that is not published (422)", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await put(id, "content", org.keys.editor, 1, contentVerdict({ correctionNote: "Nothing to correct." })).expect(422);
    expect(res.body.code).toBe("correction_not_applicable");
  });
});

const serverIt = usingServer() ? it : it.skip;

describe("concurrent verdict writes (PostgreSQL server only)", () => {
  serverIt("two PUTs with the same If-Match: one 200, one 412 and one verdict.updated event", async () => {
    const id = await createClaim(t.db, org.id);
    const [a, b] = await Promise.all([
      put(id, "attribution", org.keys.fact_checker, 1, attributionVerdict()),
      put(id, "attribution", org.keys.editor, 1, attributionVerdict({ rating: "distorted" })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" })).toHaveLength(1);
    expect(await t.db.prisma.verdict.count({ where: { organizationId: org.id, claimId: id } })).toBe(1);
    expect(await claimVersion(t.db, org.id, id)).toBe(2);
  });

  serverIt("ten PUTs racing with the same If-Match: exactly one wins", async () => {
    const id = await createClaim(t.db, org.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => put(id, "content", org.keys.fact_checker, 1, contentVerdict())));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "verdict.updated" })).toHaveLength(1);
  });
});
