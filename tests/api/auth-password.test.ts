import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { recordTestSecret } from "../support/test-secrets";
import { createTestSession, createTestUser, signIn } from "../support/test-users";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("auth-password", { RATE_LIMIT_SIGNIN_PER_MINUTE: "100000", RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: "1000" });
  org = await createTestOrg(t.db);
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const newPassword = () => {
  const pw = `new-pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  recordTestSecret(pw);
  return pw;
};

describe("PUT /v1/me/password", () => {
  it("changes the password, keeps this session and ends the user's other sessions", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const mine = await signIn(t.app, u.email, u.password);
    const elsewhere = await createTestSession(t.db, u);
    const pw = newPassword();
    await request(t.app).put("/v1/me/password").set("Cookie", mine.cookie).set("X-CSRF-Token", mine.csrfToken).send({ currentPassword: u.password, newPassword: pw }).expect(204);
    await request(t.app).get("/v1/me").set("Cookie", mine.cookie).expect(200);
    await request(t.app).get("/v1/me").set("Cookie", elsewhere.cookie).expect(401);
    await request(t.app).post("/v1/session").send({ email: u.email, password: u.password }).expect(401);
    await request(t.app).post("/v1/session").send({ email: u.email, password: pw }).expect(201);
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: u.id } } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(pw);
  });

  it("records user.password_changed without any hash or password", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const pw = newPassword();
    await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).send({ currentPassword: u.password, newPassword: pw }).expect(204);
    const event = await t.db.prisma.event.findFirstOrThrow({ where: { organizationId: org.id, entityId: u.id, action: "user.password_changed" } });
    const stored = JSON.stringify([event.before, event.after]);
    expect(stored).not.toMatch(/argon2|passwordHash/);
    expect(stored).not.toContain(pw);
  });

  it("refuses a wrong current password with 422 and changes nothing", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const before = await t.db.prisma.user.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: u.id } } });
    const res = await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).send({ currentPassword: "not my password!", newPassword: newPassword() }).expect(422);
    expect(res.body.code).toBe("invalid_current_password");
    const after = await t.db.prisma.user.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: u.id } } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("refuses a new password shorter than 12 or longer than 256 characters with 400", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const short = await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).send({ currentPassword: u.password, newPassword: "short" }).expect(400);
    expect(short.body.errors[0].field).toBe("newPassword");
    await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).send({ currentPassword: u.password, newPassword: "x".repeat(257) }).expect(400);
    await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).send({ currentPassword: u.password, newPassword: newPassword(), extra: 1 }).expect(400);
  });

  it("needs the CSRF token (403) and a session or key (401)", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const res = await request(t.app).put("/v1/me/password").set("Cookie", s.cookie).send({ currentPassword: u.password, newPassword: newPassword() }).expect(403);
    expect(res.body.code).toBe("csrf_failed");
    await request(t.app).put("/v1/me/password").send({ currentPassword: u.password, newPassword: newPassword() }).expect(401);
  });

  it("answers an API key, which has no password, with 400 user_required", async () => {
    const res = await request(t.app).put("/v1/me/password").set("Authorization", `Bearer ${org.keys.admin}`).send({ currentPassword: "whatever-it-is", newPassword: newPassword() }).expect(400);
    expect(res.body.code).toBe("user_required");
  });
});
