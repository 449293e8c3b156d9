import { randomUUID } from "node:crypto";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { recordTestSecret } from "../support/test-secrets";
import { createTestSession, createTestUser } from "../support/test-users";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

const serverIt = usingServer() ? it : it.skip;

beforeAll(async () => {
  t = await startTestApp("users-admin", { RATE_LIMIT_SIGNIN_PER_MINUTE: "100000", RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: "1000" });
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const admin = () => ({ Authorization: `Bearer ${org.keys.admin}` });
const password = () => {
  const pw = `initial-${randomUUID()}`;
  recordTestSecret(pw);
  return pw;
};
const newUser = (overrides: Record<string, unknown> = {}) => ({ email: `p-${randomUUID().slice(0, 8)}@example.org`, name: "Pat Doe", role: "fact_checker", password: password(), ...overrides });
const eventsOf = (entityId: string) => t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId }, orderBy: { seq: "asc" } });

describe("POST /v1/users", () => {
  it("creates a user with a lower-cased email, 201 with Location and a weak ETag, and a user.created event", async () => {
    const body = newUser({ email: "  Pat.Doe@Example.ORG " });
    const res = await request(t.app).post("/v1/users").set(admin()).send(body).expect(201);
    expect(res.body).toMatchObject({ email: "pat.doe@example.org", name: "Pat Doe", role: "fact_checker", disabled: false, disabledAt: null });
    expect(res.body.password).toBeUndefined();
    expect(res.body.passwordHash).toBeUndefined();
    expect(res.headers.location).toBe(`/v1/users/${res.body.id}`);
    expect(res.headers.etag).toBe(`W/"${new Date(res.body.updatedAt).getTime()}"`);
    const events = await eventsOf(res.body.id);
    expect(events.map((e) => e.action)).toEqual(["user.created"]);
    expect(JSON.stringify(events[0]!.after)).not.toMatch(/argon2|passwordHash|password/);
    // The new user can sign in with the password the admin chose.
    await request(t.app).post("/v1/session").send({ email: "pat.doe@example.org", password: body.password }).expect(201);
  });

  it("refuses an email already used in the organization, whatever its case, with 409 email_taken", async () => {
    const body = newUser();
    await request(t.app).post("/v1/users").set(admin()).send(body).expect(201);
    const res = await request(t.app).post("/v1/users").set(admin()).send({ ...body, email: body.email.toUpperCase() }).expect(409);
    expect(res.body.code).toBe("email_taken");
  });

  it("allows the same email in another organization", async () => {
    const body = newUser();
    await request(t.app).post("/v1/users").set(admin()).send(body).expect(201);
    await request(t.app).post("/v1/users").set({ Authorization: `Bearer ${other.keys.admin}` }).send(body).expect(201);
  });

  it("rejects a short password, a bad role, a bad email and unknown fields with 400 listing them", async () => {
    const res = await request(t.app).post("/v1/users").set(admin()).send({ email: "nope", name: "", role: "owner", password: "short", extra: 1 }).expect(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["email", "extra", "name", "password", "role"]);
    expect(JSON.stringify(res.body)).not.toContain("short");
  });

  it("refuses Idempotency-Key (the body carries a password) with 400", async () => {
    const res = await request(t.app).post("/v1/users").set(admin()).set("Idempotency-Key", "u-1").send(newUser()).expect(400);
    expect(res.body.code).toBe("idempotency_key_not_supported");
  });

  it("is for admins only: an editor gets 403 and nothing is created", async () => {
    const body = newUser();
    const res = await request(t.app).post("/v1/users").set({ Authorization: `Bearer ${org.keys.editor}` }).send(body).expect(403);
    expect(res.body.code).toBe("forbidden");
    expect(await t.db.prisma.user.count({ where: { email: body.email } })).toBe(0);
  });
});

describe("GET /v1/users", () => {
  it("lists users newest first with a cursor, never with password hashes", async () => {
    const mine = await createTestOrg(t.db);
    for (let i = 0; i < 3; i++) await createTestUser(t.db, mine.id, { role: "viewer" });
    const key = { Authorization: `Bearer ${mine.keys.admin}` };
    const first = await request(t.app).get("/v1/users?limit=2").set(key).expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(JSON.stringify(first.body)).not.toMatch(/argon2|passwordHash/);
    const second = await request(t.app).get(`/v1/users?limit=2&cursor=${first.body.nextCursor}`).set(key).expect(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(3);
  });

  it("rejects a bad cursor and unknown query parameters with 400", async () => {
    expect((await request(t.app).get("/v1/users?cursor=zzz").set(admin()).expect(400)).body.code).toBe("invalid_cursor");
    await request(t.app).get("/v1/users?role=admin").set(admin()).expect(400);
  });
});

describe("GET /v1/users/{id}", () => {
  it("returns the user with its ETag", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const res = await request(t.app).get(`/v1/users/${u.id}`).set(admin()).expect(200);
    expect(res.body).toMatchObject({ id: u.id, email: u.email, role: "viewer" });
    expect(res.headers.etag).toMatch(/^W\/"\d+"$/);
  });

  it("answers 404 for another organization's user, a missing id and a malformed id alike", async () => {
    const foreign = await createTestUser(t.db, other.id, { role: "viewer" });
    for (const id of [foreign.id, randomUUID(), "not-a-uuid"]) {
      const res = await request(t.app).get(`/v1/users/${id}`).set(admin()).expect(404);
      expect(res.body.code).toBe("not_found");
    }
  });
});

describe("PATCH /v1/users/{id}", () => {
  const read = async (id: string) => {
    const res = await request(t.app).get(`/v1/users/${id}`).set(admin()).expect(200);
    return res.headers.etag as string;
  };

  it("changes name and role with If-Match, answers a new ETag and records user.updated", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const etag = await read(u.id);
    const res = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ name: "Renamed", role: "editor" }).expect(200);
    expect(res.body).toMatchObject({ name: "Renamed", role: "editor" });
    expect(res.headers.etag).not.toBe(etag);
    const events = await eventsOf(u.id);
    expect(events.at(-1)).toMatchObject({ action: "user.updated", before: expect.objectContaining({ role: "viewer" }), after: expect.objectContaining({ role: "editor", name: "Renamed" }) });
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toMatch(/argon2|passwordHash/);
  });

  it("needs If-Match (428), refuses a malformed one (400) and a stale one (412 with the current ETag)", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    expect((await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).send({ name: "A" }).expect(428)).body.code).toBe("precondition_required");
    expect((await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", "abc").send({ name: "A" }).expect(400)).body.code).toBe("invalid_if_match");
    const etag = await read(u.id);
    await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ name: "First" }).expect(200);
    const stale = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ name: "Second" }).expect(412);
    expect(stale.body.code).toBe("version_conflict");
    expect(stale.headers.etag).toBe(await read(u.id));
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: u.id } } });
    expect(row.name).toBe("First");
  });

  it("accepts the ETag without its W/ prefix", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const etag = (await read(u.id)).replace(/^W\//, "");
    await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ name: "Strong" }).expect(200);
  });

  it("disables a user: user.disabled, their sessions end at once, and they cannot sign in", async () => {
    const u = await createTestUser(t.db, org.id, { role: "editor" });
    const s = await createTestSession(t.db, u);
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(200);
    const res = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", await read(u.id)).send({ disabled: true }).expect(200);
    expect(res.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expect(await t.db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
    await request(t.app).get("/v1/me").set("Cookie", s.cookie).expect(401);
    await request(t.app).post("/v1/session").send({ email: u.email, password: u.password }).expect(401);
    expect((await eventsOf(u.id)).at(-1)?.action).toBe("user.disabled");
    const back = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", res.headers.etag as string).send({ disabled: false }).expect(200);
    expect(back.body.disabled).toBe(false);
    expect((await eventsOf(u.id)).at(-1)?.action).toBe("user.enabled");
    await request(t.app).post("/v1/session").send({ email: u.email, password: u.password }).expect(201);
  });

  it("changes nothing and records nothing when the values are the same", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer", name: "Same" });
    const etag = await read(u.id);
    const before = (await eventsOf(u.id)).length;
    const res = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ name: "Same", role: "viewer" }).expect(200);
    expect(res.headers.etag).toBe(etag);
    expect((await eventsOf(u.id)).length).toBe(before);
  });

  it("keeps an admin from demoting or disabling themselves (409)", async () => {
    const me = await createTestUser(t.db, org.id, { role: "admin" });
    const s = await createTestSession(t.db, me);
    const etag = await read(me.id);
    const res = await request(t.app).patch(`/v1/users/${me.id}`).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).set("If-Match", etag).send({ role: "viewer" }).expect(409);
    expect(res.body.code).toBe("cannot_change_own_access");
    await request(t.app).patch(`/v1/users/${me.id}`).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).set("If-Match", etag).send({ disabled: true }).expect(409);
    await request(t.app).patch(`/v1/users/${me.id}`).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrfToken).set("If-Match", etag).send({ name: "Still me" }).expect(200);
  });

  it("rejects an empty change and unknown fields (400), another organization's user (404)", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const etag = await read(u.id);
    await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({}).expect(400);
    const bad = await request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ email: "x@example.org" }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: "email", code: "unknown_field" });
    const foreign = await createTestUser(t.db, other.id, { role: "viewer" });
    await request(t.app).patch(`/v1/users/${foreign.id}`).set(admin()).set("If-Match", etag).send({ name: "X" }).expect(404);
  });

  serverIt("lets exactly one of two concurrent changes made from the same ETag win (one 200, one 412, one event)", async () => {
    const u = await createTestUser(t.db, org.id, { role: "viewer" });
    const etag = await read(u.id);
    const before = (await eventsOf(u.id)).length;
    const results = await Promise.all(
      ["editor", "fact_checker"].map((role) => request(t.app).patch(`/v1/users/${u.id}`).set(admin()).set("If-Match", etag).send({ role })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await eventsOf(u.id)).length).toBe(before + 1);
  });
});
