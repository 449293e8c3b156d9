import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser, signIn, type TestUser } from "../support/test-users";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let editor: TestUser;

// Generous sign-in limits: this file is about sessions; rate-limit-*.test.ts is about limits.
const env = { RATE_LIMIT_SIGNIN_PER_MINUTE: "100000", RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: "1000", SESSION_TTL_SECONDS: "3600" };

beforeAll(async () => {
  t = await startTestApp("auth-sessions", env);
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
  editor = await createTestUser(t.db, org.id, { role: "editor" });
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const cookiesOf = (res: request.Response): string[] => ([] as string[]).concat(res.headers["set-cookie"] ?? []);
const countSessions = (userId: string) => t.db.prisma.session.count({ where: { userId } });

describe("POST /v1/session", () => {
  it("signs in with email and password: 201, an HttpOnly SameSite=Lax cookie and a CSRF token", async () => {
    const res = await request(t.app).post("/v1/session").send({ email: editor.email.toUpperCase(), password: editor.password }).expect(201);
    expect(res.body).toMatchObject({
      user: { id: editor.id, email: editor.email, role: "editor", disabled: false },
      organization: { id: org.id, slug: org.slug },
      csrfToken: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.headers["cache-control"]).toBe("no-store");
    const cookie = cookiesOf(res).find((c) => c.startsWith("ct_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=3600/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("stores only hashes of the session and CSRF tokens", async () => {
    const s = await signIn(t.app, editor.email, editor.password);
    const token = s.cookie.split("=")[1]!;
    const rows = await t.db.prisma.session.findMany({ where: { userId: editor.id } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.tokenHash).not.toBe(token);
      expect(row.csrfTokenHash).not.toBe(s.csrfToken);
    }
  });

  it("marks the cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    // Same database, with TRUST_PROXY set.
    const behindProxy = createApp({ config: loadConfig({ ...env, TRUST_PROXY: "loopback" }), db: t.db, log: t.log });
    const res = await request(behindProxy).post("/v1/session").set("X-Forwarded-Proto", "https").send({ email: editor.email, password: editor.password }).expect(201);
    expect(cookiesOf(res).find((c) => c.startsWith("ct_session="))).toMatch(/; Secure/i);
  });

  it("refuses a wrong password and an unknown email with the same 401 invalid_credentials", async () => {
    const wrong = await request(t.app).post("/v1/session").send({ email: editor.email, password: "not the password at all" }).expect(401);
    const unknown = await request(t.app).post("/v1/session").send({ email: "nobody-here@example.org", password: "not the password at all" }).expect(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(unknown.body.code).toBe("invalid_credentials");
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(cookiesOf(wrong)).toEqual([]);
  });

  it("refuses a disabled user even with the right password", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    await t.db.prisma.user.update({ where: { organizationId_id: { organizationId: org.id, id: u.id } }, data: { disabledAt: new Date() } });
    const res = await request(t.app).post("/v1/session").send({ email: u.email, password: u.password }).expect(401);
    expect(res.body.code).toBe("invalid_credentials");
    expect(await countSessions(u.id)).toBe(0);
  });

  it("asks for the organization (409) when the email is in several, but only after a correct password", async () => {
    const email = `twice-${Date.now()}@example.org`;
    const a = await createTestUser(t.db, org.id, { email, role: "viewer" });
    const b = await createTestUser(t.db, other.id, { email, password: a.password, role: "admin" });
    const wrong = await request(t.app).post("/v1/session").send({ email, password: "not the password at all" }).expect(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    const ambiguous = await request(t.app).post("/v1/session").send({ email, password: a.password }).expect(409);
    expect(ambiguous.body.code).toBe("organization_required");
    expect([...ambiguous.body.organizations].sort()).toEqual([org.slug, other.slug].sort());
    const chosen = await request(t.app).post("/v1/session").send({ email, password: a.password, organization: other.slug }).expect(201);
    expect(chosen.body.user.id).toBe(b.id);
    expect(chosen.body.organization.slug).toBe(other.slug);
  });

  it("refuses an organization the user is not in with 401", async () => {
    const res = await request(t.app).post("/v1/session").send({ email: editor.email, password: editor.password, organization: other.slug }).expect(401);
    expect(res.body.code).toBe("invalid_credentials");
  });

  it("rejects unknown fields and a malformed email with 400, before any attempt is counted", async () => {
    const res = await request(t.app).post("/v1/session").send({ email: editor.email, password: editor.password, remember: true }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "remember", code: "unknown_field" })]);
    const bad = await request(t.app).post("/v1/session").send({ email: "not-an-email", password: "x" }).expect(400);
    expect(bad.body.errors[0].field).toBe("email");
  });

  it("refuses Idempotency-Key, which would store the request's password hash and the response", async () => {
    const res = await request(t.app).post("/v1/session").set("Idempotency-Key", "k-1").send({ email: editor.email, password: editor.password }).expect(400);
    expect(res.body.code).toBe("idempotency_key_not_supported");
  });

  it("answers a present but invalid API key with 401 even on this public route", async () => {
    const res = await request(t.app).post("/v1/session").set("Authorization", "Bearer ct_nope").send({ email: editor.email, password: editor.password }).expect(401);
    expect(res.body.code).toBe("unauthorized");
  });

  it("signs in even while holding an older session cookie without its CSRF token", async () => {
    const old = await createTestSession(t.db, editor);
    await request(t.app).post("/v1/session").set("Cookie", old.cookie).send({ email: editor.email, password: editor.password }).expect(201);
  });

  it("records a session.created event by the user", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    await signIn(t.app, u.email, u.password);
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, action: "session.created", actorId: u.id } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify([events[0]?.before, events[0]?.after])).not.toContain(u.password);
  });
});

describe("a session cookie", () => {
  it("authenticates reads without a CSRF token", async () => {
    const s = await signIn(t.app, editor.email, editor.password);
    const me = await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(200);
    expect(me.body).toMatchObject({ type: "user", id: editor.id, role: "editor", email: editor.email });
  });

  it("refuses a write without X-CSRF-Token, or with a wrong one, with 403 csrf_failed and changes nothing", async () => {
    const s = await createTestSession(t.db, editor);
    const before = await t.db.prisma.event.count({ where: { organizationId: org.id } });
    const missing = await request(t.app).post("/v1/sources").set("Cookie", s.cookie).send({ name: "X", type: "person" }).expect(403);
    expect(missing.body.code).toBe("csrf_failed");
    const wrong = await request(t.app).post("/v1/sources").set("Cookie", s.cookie).set("X-CSRF-Token", "wrong").send({ name: "X", type: "person" }).expect(403);
    expect(wrong.body.code).toBe("csrf_failed");
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id } })).toBe(before);
  });

  it("allows a write with the session's CSRF token, acting as the user", async () => {
    const admin = await createTestUser(t.db, org.id, { role: "admin" });
    const s = await signIn(t.app, admin.email, admin.password);
    const res = await request(t.app)
      .post("/v1/api-keys")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", s.csrfToken)
      .send({ name: "made by a person", role: "viewer" })
      .expect(201);
    const event = await t.db.prisma.event.findFirst({ where: { organizationId: org.id, entityId: res.body.id, action: "api_key.created" } });
    expect(event).toMatchObject({ actorType: "user", actorId: admin.id });
  });

  it("needs no CSRF token when the request uses an API key", async () => {
    await request(t.app).get("/v1/me").set("Authorization", `Bearer ${org.keys.admin}`).expect(200);
    const res = await request(t.app).post("/v1/api-keys").set("Authorization", `Bearer ${org.keys.admin}`).send({ name: "by key", role: "viewer" }).expect(201);
    expect(res.body.secret).toMatch(/^ct_/);
  });

  it("answers an expired or unknown session with 401 session_expired", async () => {
    const expired = await createTestSession(t.db, editor, -1000);
    const res = await request(t.app).get("/v1/me").set("Cookie", expired.cookie).expect(401);
    expect(res.body.code).toBe("session_expired");
    const junk = await request(t.app).get("/v1/me").set("Cookie", "ct_session=junk").expect(401);
    expect(junk.body.code).toBe("session_expired");
  });

  it("stops working at once when the user is disabled", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(200);
    await t.db.prisma.user.update({ where: { organizationId_id: { organizationId: org.id, id: u.id } }, data: { disabledAt: new Date() } });
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(401);
  });

  it("takes the role from the user at every request", async () => {
    const u = await createTestUser(t.db, org.id, { role: "admin" });
    const s = await createTestSession(t.db, u);
    await request(t.app).get("/v1/users").set("Cookie", s.cookie).expect(200);
    await t.db.prisma.user.update({ where: { organizationId_id: { organizationId: org.id, id: u.id } }, data: { role: "viewer" } });
    const res = await request(t.app).get("/v1/users").set("Cookie", s.cookie).expect(403);
    expect(res.body.code).toBe("forbidden");
  });
});

describe("GET /v1/session", () => {
  it("gives the current session back with the same CSRF token (after a page reload)", async () => {
    const s = await signIn(t.app, editor.email, editor.password);
    const res = await request(t.app).get("/v1/session").set("Cookie", s.cookie).expect(200);
    expect(res.body).toMatchObject({ user: { id: editor.id }, organization: { id: org.id }, csrfToken: s.csrfToken });
  });

  it("answers 404 no_session to an API key and 401 without credentials", async () => {
    const res = await request(t.app).get("/v1/session").set("Authorization", `Bearer ${org.keys.viewer}`).expect(404);
    expect(res.body.code).toBe("no_session");
    await request(t.app).get("/v1/session").expect(401);
  });
});

describe("DELETE /v1/session", () => {
  it("signs out: deletes the session, clears the cookie, records session.deleted", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await signIn(t.app, u.email, u.password);
    expect(await countSessions(u.id)).toBe(1);
    const res = await request(t.app).delete("/v1/session").set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).expect(204);
    expect(cookiesOf(res).find((c) => c.startsWith("ct_session="))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await countSessions(u.id)).toBe(0);
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(401);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, action: "session.deleted", actorId: u.id } })).toBe(1);
  });

  it("refuses to sign out without the CSRF token (403) and keeps the session", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const s = await createTestSession(t.db, u);
    const res = await request(t.app).delete("/v1/session").set("Cookie", s.cookie).expect(403);
    expect(res.body.code).toBe("csrf_failed");
    expect(await countSessions(u.id)).toBe(1);
  });

  it("only clears the cookie when there is no live session (signing out twice is harmless)", async () => {
    await request(t.app).delete("/v1/session").expect(204);
    await request(t.app).delete("/v1/session").set("Cookie", "ct_session=junk").expect(204);
  });
});
