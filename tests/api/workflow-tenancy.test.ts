import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { attributionVerdict, auth, claimVersion, contentVerdict, createClaim, createUser, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let theirs: string;
let myUser: string;

beforeAll(async () => {
  t = await startTestApp("workflow-tenancy");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
  theirs = await createClaim(t.db, other.id);
  myUser = await createUser(t.db, org.id);
});
afterAll(() => t.close());

const missing = "0190d6a4-0000-7000-8000-000000000000";

// Every claim-scoped route of verification, comments and history, called with the admin
// key of the wrong organization and a current If-Match: the answer must be the same 404
// as for an id that does not exist at all.
const routes: Array<[string, (id: string) => request.Test]> = [
  ["PUT verdicts/attribution", (id) => request(t.app).put(`/v1/claims/${id}/verdicts/attribution`).set(auth(org.keys.admin)).set(ifMatch(1)).send(attributionVerdict())],
  ["PUT verdicts/content", (id) => request(t.app).put(`/v1/claims/${id}/verdicts/content`).set(auth(org.keys.admin)).set(ifMatch(1)).send(contentVerdict())],
  ["POST transitions", (id) => request(t.app).post(`/v1/claims/${id}/transitions`).set(auth(org.keys.admin)).set(ifMatch(1)).send({ to: "archived" })],
  ["PUT assignee", (id) => request(t.app).put(`/v1/claims/${id}/assignee`).set(auth(org.keys.admin)).set(ifMatch(1)).send({ userId: myUser })],
  ["POST comments", (id) => request(t.app).post(`/v1/claims/${id}/comments`).set(auth(org.keys.admin)).send({ body: "hello" })],
  ["GET comments", (id) => request(t.app).get(`/v1/claims/${id}/comments`).set(auth(org.keys.admin))],
  ["GET history", (id) => request(t.app).get(`/v1/claims/${id}/history`).set(auth(org.keys.admin))],
];

describe("another organization's claim", () => {
  it.each(routes)("%s answers 404 exactly as for a missing claim, and changes nothing", async (_name, call) => {
    const a = await call(theirs).expect(404);
    const b = await call(missing).expect(404);
    expect({ code: a.body.code, detail: a.body.detail }).toEqual({ code: b.body.code, detail: b.body.detail });
    expect(a.body.code).toBe("not_found");
    expect(await claimVersion(t.db, other.id, theirs)).toBe(1);
    expect(await t.db.prisma.event.count({ where: { organizationId: other.id, claimId: theirs } })).toBe(1);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, claimId: theirs } })).toBe(0);
  });
});
