import request from "supertest";
import { appendEvent } from "../../src/events/event-log";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser } from "../support/test-users";
import { attributionVerdict, auth, contentVerdict, createClaim, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("history-timeline");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

interface Entry {
  seq: number;
  occurredAt: string;
  actor: { type: string; id: string | null; name: string | null };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

describe("GET /v1/claims/:id/history", () => {
  it("shows every change of the claim in order, with actor, before and after, and nothing of other claims", async () => {
    const id = await createClaim(t.db, org.id);
    const unrelated = await createClaim(t.db, org.id);
    const k = org.keys;
    await request(t.app).put(`/v1/claims/${id}/verdicts/attribution`).set(auth(k.fact_checker)).set(ifMatch(1)).send(attributionVerdict()).expect(200);
    await request(t.app).post(`/v1/claims/${unrelated}/comments`).set(auth(k.fact_checker)).send({ body: "elsewhere" }).expect(201);
    await request(t.app).post(`/v1/claims/${id}/comments`).set(auth(k.fact_checker)).send({ body: "Looks right." }).expect(201);
    await request(t.app).put(`/v1/claims/${id}/verdicts/content`).set(auth(k.editor)).set(ifMatch(2)).send(contentVerdict()).expect(200);
    await request(t.app).post(`/v1/claims/${id}/transitions`).set(auth(k.fact_checker)).set(ifMatch(3)).send({ to: "in_review" }).expect(200);
    await request(t.app).post(`/v1/claims/${id}/transitions`).set(auth(k.fact_checker)).set(ifMatch(4)).send({ to: "ready" }).expect(200);
    await request(t.app).post(`/v1/claims/${id}/transitions`).set(auth(k.editor)).set(ifMatch(5)).send({ to: "published", note: "Go." }).expect(200);

    const res = await request(t.app).get(`/v1/claims/${id}/history`).set(auth(k.viewer)).expect(200);
    const entries = res.body.data as Entry[];
    expect(entries.map((e) => e.action)).toEqual([
      "claim.created",
      "verdict.updated",
      "comment.created",
      "verdict.updated",
      "claim.transitioned",
      "claim.transitioned",
      "claim.transitioned",
    ]);
    const seqs = entries.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(entries[1]).toMatchObject({ actor: { type: "api_key" }, entityType: "verdict", before: null, after: { kind: "attribution", rating: "accurate" } });
    expect(entries[6]).toMatchObject({ before: { status: "ready" }, after: { from: "ready", to: "published", note: "Go." } });
    expect(entries[0]).toMatchObject({ actor: { type: "system", id: null }, entityId: id });
    expect(res.body.nextCursor).toBeNull();
  });

  it("names every actor: the signed-in user, the API key and the system", async () => {
    const id = await createClaim(t.db, org.id);
    const fay = await createTestUser(t.db, org.id, { role: "fact_checker", name: "Fay Checker" });
    const session = await createTestSession(t.db, fay);
    await request(t.app).post(`/v1/claims/${id}/comments`).set("Cookie", session.cookie).set("X-CSRF-Token", session.csrfToken).send({ body: "Mine." }).expect(201);
    await request(t.app).put(`/v1/claims/${id}/verdicts/attribution`).set(auth(org.keys.editor)).set(ifMatch(1)).send(attributionVerdict()).expect(200);

    const entries = (await request(t.app).get(`/v1/claims/${id}/history`).set(auth(org.keys.viewer)).expect(200)).body.data as Entry[];
    expect(entries.map((e) => e.actor)).toEqual([
      { type: "system", id: null, name: "System" },
      { type: "user", id: fay.id, name: "Fay Checker" },
      { type: "api_key", id: expect.any(String), name: "editor key" },
    ]);
  });

  it("takes names from the caller's organization only: a foreign actor id gets no name", async () => {
    const id = await createClaim(t.db, org.id);
    const stranger = await createTestUser(t.db, other.id, { role: "admin", name: "Other Org Person" });
    // An event can only name this organization's people; one written by hand with another
    // organization's user id shows that the lookup itself is scoped, not just the rows.
    await t.db.prisma.$transaction((tx) =>
      appendEvent(tx, org.id, { actor: { type: "user", id: stranger.id }, action: "claim.updated", entityType: "claim", entityId: id, claimId: id, after: {} }),
    );
    const entries = (await request(t.app).get(`/v1/claims/${id}/history`).set(auth(org.keys.viewer)).expect(200)).body.data as Entry[];
    expect(entries[1]?.actor).toEqual({ type: "user", id: stranger.id, name: null });
    expect(JSON.stringify(entries)).not.toContain("Other Org Person");
  });

  it("pages with a cursor without repeating or skipping an entry", async () => {
    const id = await createClaim(t.db, org.id);
    for (const n of [1, 2, 3, 4]) await request(t.app).post(`/v1/claims/${id}/comments`).set(auth(org.keys.fact_checker)).send({ body: `c${n}` }).expect(201);
    const all = (await request(t.app).get(`/v1/claims/${id}/history`).set(auth(org.keys.viewer)).expect(200)).body.data as Entry[];
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get(`/v1/claims/${id}/history?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .set(auth(org.keys.viewer))
        .expect(200);
      seen.push(...(res.body.data as Entry[]).map((e) => e.seq));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.seq));
    expect(seen).toHaveLength(5);
  });

  it("answers 404 for another organization's claim, 400 for a bad cursor or limit, 401 without a key", async () => {
    const theirs = await createClaim(t.db, other.id);
    await request(t.app).get(`/v1/claims/${theirs}/history`).set(auth(org.keys.viewer)).expect(404);
    const id = await createClaim(t.db, org.id);
    expect((await request(t.app).get(`/v1/claims/${id}/history?cursor=abc`).set(auth(org.keys.viewer)).expect(400)).body.code).toBe("invalid_cursor");
    await request(t.app).get(`/v1/claims/${id}/history?limit=0`).set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get(`/v1/claims/${id}/history`).expect(401);
  });
});
