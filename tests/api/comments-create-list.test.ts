import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth, claimVersion, createClaim, eventsOf } from "../support/verification-fixtures";
import { createTestSession, createTestUser } from "../support/test-users";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("comments-create-list");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const comment = (claimId: string, key: string, body: unknown) => request(t.app).post(`/v1/claims/${claimId}/comments`).set(auth(key)).send(body as object);

describe("POST /v1/claims/:id/comments", () => {
  it("adds a comment without changing the claim's version, and records comment.created", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await comment(id, org.keys.fact_checker, { body: "Check the **Kremlin** transcript." }).expect(201);
    expect(res.body).toMatchObject({ claimId: id, body: "Check the **Kremlin** transcript.", author: { type: "api_key", name: "fact_checker key" } });
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
    const [event] = await eventsOf(t.db, org.id, { claimId: id, action: "comment.created" });
    expect(event).toMatchObject({ entityType: "comment", entityId: res.body.id, after: { body: "Check the **Kremlin** transcript." } });
  });

  it.each([
    ["an empty body", { body: "  " }],
    ["a body over 10,000 characters", { body: "x".repeat(10_001) }],
    ["an unknown field", { body: "ok", pinned: true }],
    ["no body field", {}],
  ])("rejects %s with 400 and stores nothing", async (_name, body) => {
    const id = await createClaim(t.db, org.id);
    expect((await comment(id, org.keys.fact_checker, body).expect(400)).body.code).toBe("validation_failed");
    expect(await t.db.prisma.comment.count({ where: { organizationId: org.id, claimId: id } })).toBe(0);
  });

  it("refuses a viewer (403) and a caller without a key (401)", async () => {
    const id = await createClaim(t.db, org.id);
    await comment(id, org.keys.viewer, { body: "hi" }).expect(403);
    await request(t.app).post(`/v1/claims/${id}/comments`).send({ body: "hi" }).expect(401);
  });

  it("answers 404 on another organization's claim", async () => {
    const theirs = await createClaim(t.db, other.id);
    await comment(theirs, org.keys.fact_checker, { body: "hi" }).expect(404);
    expect(await t.db.prisma.comment.count({ where: { organizationId: other.id, claimId: theirs } })).toBe(0);
  });
});

describe("GET /v1/claims/:id/comments", () => {
  it("lists comments oldest first, page by page with a cursor, to a viewer", async () => {
    const id = await createClaim(t.db, org.id);
    for (const n of [1, 2, 3, 4, 5]) await comment(id, org.keys.fact_checker, { body: `note ${n}` }).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get(`/v1/claims/${id}/comments?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .set(auth(org.keys.viewer))
        .expect(200);
      seen.push(...(res.body.data as Array<{ body: string }>).map((c) => c.body));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(["note 1", "note 2", "note 3", "note 4", "note 5"]);
  });

  it("names each author (a signed-in user, an API key), from the caller's organization only", async () => {
    const id = await createClaim(t.db, org.id);
    const fay = await createTestUser(t.db, org.id, { role: "fact_checker", name: "Fay Checker" });
    const session = await createTestSession(t.db, fay);
    const posted = await request(t.app).post(`/v1/claims/${id}/comments`).set("Cookie", session.cookie).set("X-CSRF-Token", session.csrfToken).send({ body: "By Fay." }).expect(201);
    expect(posted.body.author).toEqual({ type: "user", id: fay.id, name: "Fay Checker" });
    await comment(id, org.keys.editor, { body: "By a key." }).expect(201);
    // A comment row pointing at another organization's user (only possible by hand) gets no name.
    const stranger = await createTestUser(t.db, other.id, { name: "Other Org Person" });
    await t.db.prisma.comment.create({ data: { organizationId: org.id, id: crypto.randomUUID(), claimId: id, authorType: "user", authorId: stranger.id, body: "odd", createdAt: new Date() } });

    const res = await request(t.app).get(`/v1/claims/${id}/comments`).set(auth(org.keys.viewer)).expect(200);
    expect((res.body.data as Array<{ author: unknown }>).map((c) => c.author)).toEqual([
      { type: "user", id: fay.id, name: "Fay Checker" },
      { type: "api_key", id: expect.any(String), name: "editor key" },
      { type: "user", id: stranger.id, name: null },
    ]);
  });

  it("answers 404 for another organization's claim and 400 for a bad cursor", async () => {
    const theirs = await createClaim(t.db, other.id);
    await comment(theirs, other.keys.fact_checker, { body: "secret" }).expect(201);
    await request(t.app).get(`/v1/claims/${theirs}/comments`).set(auth(org.keys.viewer)).expect(404);
    const mine = await createClaim(t.db, org.id);
    expect((await request(t.app).get(`/v1/claims/${mine}/comments?cursor=nope`).set(auth(org.keys.viewer)).expect(400)).body.code).toBe("invalid_cursor");
  });
});
