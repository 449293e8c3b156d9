import request from "supertest";
import { assignClaim } from "../../src/verification/assign-claim";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestUser, signIn } from "../support/test-users";
import { auth, claimVersion, createClaim, createUser, eventsOf, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("workflow-assignment");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const assign = (claimId: string, key: string, version: number | null, body: object) => {
  const r = request(t.app).put(`/v1/claims/${claimId}/assignee`).set(auth(key));
  if (version !== null) r.set(ifMatch(version));
  return r.send(body);
};

describe("PUT /v1/claims/:id/assignee", () => {
  it("assigns a user of the organization, bumps the version and records claim.assigned", async () => {
    const id = await createClaim(t.db, org.id);
    const userId = await createUser(t.db, org.id);
    const res = await assign(id, org.keys.fact_checker, 1, { userId }).expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body.assignee).toMatchObject({ id: userId });
    const [event] = await eventsOf(t.db, org.id, { claimId: id, action: "claim.assigned" });
    expect(event).toMatchObject({ before: { assigneeId: null }, after: { assigneeId: userId }, actorType: "api_key" });
  });

  it("unassigns with userId null", async () => {
    const id = await createClaim(t.db, org.id);
    const userId = await createUser(t.db, org.id);
    await assign(id, org.keys.fact_checker, 1, { userId }).expect(200);
    const res = await assign(id, org.keys.fact_checker, 2, { userId: null }).expect(200);
    expect(res.body.assignee).toBeNull();
  });

  it("refuses a user of another organization exactly like a missing one (422 unknown_user), and a disabled user", async () => {
    const id = await createClaim(t.db, org.id);
    const theirUser = await createUser(t.db, other.id);
    const a = await assign(id, org.keys.fact_checker, 1, { userId: theirUser }).expect(422);
    const b = await assign(id, org.keys.fact_checker, 1, { userId: "0190d6a4-0000-7000-8000-000000000000" }).expect(422);
    expect(a.body).toMatchObject({ code: "unknown_user", errors: [{ field: "userId" }] });
    expect(b.body.detail).toBe(a.body.detail);
    const disabled = await createUser(t.db, org.id, { disabled: true });
    expect((await assign(id, org.keys.fact_checker, 1, { userId: disabled }).expect(422)).body.code).toBe("user_disabled");
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
  });

  it("validates the body (400), the role (403 viewer), If-Match (428/412) and tenancy (404)", async () => {
    const id = await createClaim(t.db, org.id);
    const userId = await createUser(t.db, org.id);
    expect((await assign(id, org.keys.fact_checker, 1, { userId: "bob" }).expect(400)).body.errors[0].field).toBe("userId");
    await assign(id, org.keys.fact_checker, 1, {}).expect(400);
    await assign(id, org.keys.viewer, 1, { userId }).expect(403);
    await assign(id, org.keys.fact_checker, null, { userId }).expect(428);
    await assign(id, org.keys.fact_checker, 7, { userId }).expect(412);
    const theirs = await createClaim(t.db, other.id);
    await assign(theirs, org.keys.fact_checker, 1, { userId }).expect(404);
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
  });
});

describe("POST /v1/claims/:id/assignee/me", () => {
  it("answers 422 caller_not_a_user for an API key", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await request(t.app).post(`/v1/claims/${id}/assignee/me`).set(auth(org.keys.fact_checker)).set(ifMatch(1)).expect(422);
    expect(res.body.code).toBe("caller_not_a_user");
    expect(await claimVersion(t.db, org.id, id)).toBe(1);
  });

  it("answers 403 for a viewer and 401 without credentials", async () => {
    const id = await createClaim(t.db, org.id);
    await request(t.app).post(`/v1/claims/${id}/assignee/me`).set(auth(org.keys.viewer)).set(ifMatch(1)).expect(403);
    await request(t.app).post(`/v1/claims/${id}/assignee/me`).set(ifMatch(1)).expect(401);
  });

  it("assigns the calling user (use case, as the route does for a signed-in user)", async () => {
    const id = await createClaim(t.db, org.id);
    const userId = await createUser(t.db, org.id);
    const claim = await t.db.prisma.$transaction((tx) =>
      assignClaim(tx, { organizationId: org.id, claimId: id, expectedVersion: 1, userId, actor: { type: "user", id: userId } }),
    );
    expect(claim.assigneeId).toBe(userId);
    const [event] = await eventsOf(t.db, org.id, { claimId: id, action: "claim.assigned" });
    expect(event).toMatchObject({ actorType: "user", actorId: userId });
  });
});

describe("assignment end to end with a signed-in user", () => {
  it("assigns a claim to the signed-in user (POST …/assignee/me) and finds it with GET /v1/claims?assignee=me", async () => {
    const edith = await createTestUser(t.db, org.id, { role: "fact_checker" });
    const fred = await createTestUser(t.db, org.id, { role: "fact_checker" });
    const sessionE = await signIn(t.app, edith.email, edith.password);
    const sessionF = await signIn(t.app, fred.email, fred.password);
    const as = (s: { cookie: string; csrfToken: string }) => ({ Cookie: s.cookie, "X-CSRF-Token": s.csrfToken });
    const mine = await createClaim(t.db, org.id);
    const freds = await createClaim(t.db, org.id);
    const nobodys = await createClaim(t.db, org.id);

    // A cookie without the CSRF token changes nothing.
    const noCsrf = await request(t.app).post(`/v1/claims/${mine}/assignee/me`).set("Cookie", sessionE.cookie).set(ifMatch(1)).expect(403);
    expect(noCsrf.body.code).toBe("csrf_failed");
    expect(await claimVersion(t.db, org.id, mine)).toBe(1);

    const res = await request(t.app).post(`/v1/claims/${mine}/assignee/me`).set(as(sessionE)).set(ifMatch(1)).expect(200);
    expect(res.body.assignee).toEqual({ id: edith.id, name: edith.name, email: edith.email });
    expect(res.headers.etag).toBe('"2"');
    await request(t.app).post(`/v1/claims/${freds}/assignee/me`).set(as(sessionF)).set(ifMatch(1)).expect(200);
    const [event] = await eventsOf(t.db, org.id, { claimId: mine, action: "claim.assigned" });
    expect(event).toMatchObject({ actorType: "user", actorId: edith.id, after: { assigneeId: edith.id } });

    const ids = async (s: { cookie: string }, query: string) =>
      ((await request(t.app).get(`/v1/claims?${query}`).set("Cookie", s.cookie).expect(200)).body.data as Array<{ id: string }>).map((c) => c.id);
    expect(await ids(sessionE, "assignee=me")).toEqual([mine]);
    expect(await ids(sessionF, "assignee=me")).toEqual([freds]);
    const unassigned = await ids(sessionE, "assignee=none&limit=100");
    expect(unassigned).toContain(nobodys);
    expect(unassigned).not.toContain(mine);
    // Both filters at once: mine or unassigned.
    const either = await ids(sessionE, "assignee=me,none&limit=100");
    expect(either).toEqual(expect.arrayContaining([mine, nobodys]));
    expect(either).not.toContain(freds);
    // An API key is never an assignee: `me` matches nothing for it.
    const byKey = await request(t.app).get("/v1/claims?assignee=me").set(auth(org.keys.viewer)).expect(200);
    expect(byKey.body.data).toEqual([]);
  });
});
