import { randomUUID } from "node:crypto";
import request from "supertest";
import { newId } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("webhooks-notifications");
});
afterAll(() => t.close());

/** A notice as the delivery worker leaves one when it disables a subscription. */
async function notice(org: TestOrg): Promise<string> {
  const id = newId();
  await t.db.prisma.notification.create({
    data: { organizationId: org.id, id, kind: "webhook.disabled", message: "The webhook to http://127.0.0.1:9/hooks was disabled.", data: { subscriptionId: randomUUID() } },
  });
  return id;
}

const list = async (org: TestOrg) => (await request(t.app).get("/v1/notifications").set(auth(org.keys.admin)).expect(200)).body.data as Array<{ id: string; readAt: string | null }>;
const readEvents = (org: TestOrg, id: string) => t.db.prisma.event.findMany({ where: { organizationId: org.id, entityType: "notification", entityId: id } });

describe("POST /v1/notifications/:id/read", () => {
  it("marks a notification read for an admin and records who did it", async () => {
    const org = await createTestOrg(t.db);
    const id = await notice(org);
    const untouched = await notice(org);
    expect((await list(org)).map((n) => n.readAt)).toEqual([null, null]);
    const before = Date.now();
    const res = await request(t.app).post(`/v1/notifications/${id}/read`).set(auth(org.keys.admin)).expect(200);
    expect(res.body).toMatchObject({ id, kind: "webhook.disabled", readAt: expect.any(String) });
    expect(Date.parse(res.body.readAt as string)).toBeGreaterThanOrEqual(before - 5_000);
    const after = await list(org);
    expect(after.find((n) => n.id === id)?.readAt).toBe(res.body.readAt);
    expect(after.find((n) => n.id === untouched)?.readAt).toBeNull();
    const events = await readEvents(org, id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "notification.read", actorType: "api_key", after: { readAt: res.body.readAt } });
  });

  it("keeps the first readAt and records no second event when marked again", async () => {
    const org = await createTestOrg(t.db);
    const id = await notice(org);
    const first = await request(t.app).post(`/v1/notifications/${id}/read`).set(auth(org.keys.admin)).expect(200);
    await new Promise((r) => setTimeout(r, 20));
    const second = await request(t.app).post(`/v1/notifications/${id}/read`).set(auth(org.keys.admin)).expect(200);
    expect(second.body.readAt).toBe(first.body.readAt);
    expect(await readEvents(org, id)).toHaveLength(1);
  });

  it("answers 401 without a key and 403 below admin, changing nothing", async () => {
    const org = await createTestOrg(t.db);
    const id = await notice(org);
    await request(t.app).post(`/v1/notifications/${id}/read`).expect(401);
    for (const role of ["viewer", "fact_checker", "editor"] as const) {
      const res = await request(t.app).post(`/v1/notifications/${id}/read`).set(auth(org.keys[role])).expect(403);
      expect(res.body.code).toBe("forbidden");
    }
    expect((await list(org))[0]?.readAt).toBeNull();
    expect(await readEvents(org, id)).toHaveLength(0);
  });

  it("answers 404 for another organization's notification, an unknown id and a malformed one", async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const id = await notice(org);
    const theirs = await request(t.app).post(`/v1/notifications/${id}/read`).set(auth(other.keys.admin)).expect(404);
    expect(theirs.headers["content-type"]).toMatch(/application\/problem\+json/);
    await request(t.app).post(`/v1/notifications/${randomUUID()}/read`).set(auth(org.keys.admin)).expect(404);
    await request(t.app).post("/v1/notifications/not-a-uuid/read").set(auth(org.keys.admin)).expect(404);
    expect((await list(org))[0]?.readAt).toBeNull();
    expect(await t.db.prisma.event.count({ where: { organizationId: other.id, action: "notification.read" } })).toBe(0);
  });
});
