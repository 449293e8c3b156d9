import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await startTestApp("idempotency-no-content");
  org = await createTestOrg(t.db);
}, 120_000);
afterAll(() => t.close());

describe("Idempotency-Key on a write that answers 204", () => {
  it("stores the empty response and replays it without a second write", async () => {
    const admin = { Authorization: `Bearer ${org.keys.admin}` };
    const keys = await request(t.app).get("/v1/api-keys").set(admin).expect(200);
    const viewerKey = (keys.body.data as Array<{ id: string; role: string }>).find((k) => k.role === "viewer")!;
    const first = await request(t.app).delete(`/v1/api-keys/${viewerKey.id}`).set(admin).set("Idempotency-Key", "revoke-1").expect(204);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const again = await request(t.app).delete(`/v1/api-keys/${viewerKey.id}`).set(admin).set("Idempotency-Key", "revoke-1").expect(204);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const revocations = await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: viewerKey.id, action: "api_key.revoked" } });
    expect(revocations).toBe(1);
  });
});
