import request from "supertest";
import { eventHash } from "../../src/events/event-log";
import { newId } from "../../src/lib/ids";
import { verifyEventChain } from "../../src/audit/verify-event-chain";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth, createClaim } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("audit-verify");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

const verify = (o: TestOrg) => request(t.app).get("/v1/audit/verify").set(auth(o.keys.admin));

async function head(organizationId: string) {
  return t.db.prisma.eventChainHead.findUniqueOrThrow({ where: { organizationId } });
}

describe("GET /v1/audit/verify", () => {
  it("reports an intact chain with the number of events checked", async () => {
    await createClaim(t.db, org.id);
    const res = await verify(org).expect(200);
    const h = await head(org.id);
    expect(res.body).toEqual({ ok: true, checked: Number(h.seq), lastSeq: Number(h.seq) });
    expect(res.body.checked).toBeGreaterThan(4);
  });

  it("verifies across many batches (streaming) with the same result", async () => {
    const o = await createTestOrg(t.db);
    for (let i = 0; i < 5; i++) await createClaim(t.db, o.id);
    const whole = await verifyEventChain(t.db.prisma, o.id);
    const small = await verifyEventChain(t.db.prisma, o.id, 2);
    expect(small).toEqual(whole);
    expect(whole.ok).toBe(true);
  });

  it("is for admins only (403 for an editor, 401 without a key)", async () => {
    expect((await request(t.app).get("/v1/audit/verify").set(auth(org.keys.editor)).expect(403)).body.code).toBe("forbidden");
    await request(t.app).get("/v1/audit/verify").expect(401);
  });

  it("detects a forged event inserted with a wrong hash, naming its seq", async () => {
    const o = await createTestOrg(t.db);
    await createClaim(t.db, o.id);
    const h = await head(o.id);
    const seq = h.seq + 1n;
    const forged = { id: newId(), entityId: newId(), occurredAt: new Date() };
    await t.db.prisma.$executeRaw`
      INSERT INTO events ("organizationId", id, seq, "occurredAt", "actorType", "actorId", action, "entityType", "entityId", "claimId", before, after, "prevHash", hash)
      VALUES (${o.id}::uuid, ${forged.id}::uuid, ${seq}, ${forged.occurredAt}, 'system', NULL, 'claim.created', 'claim', ${forged.entityId}::uuid, NULL, NULL, NULL, ${h.hash}, ${"f".repeat(64)})`;
    const res = await verify(o).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBrokenSeq: Number(seq), reason: "hash_mismatch", checked: Number(h.seq) });
    // The other organization's chain is unaffected.
    expect((await verify(org).expect(200)).body.ok).toBe(true);
  });

  it("detects an event that links to the wrong previous hash, and one the chain head does not know", async () => {
    const o = await createTestOrg(t.db);
    const h = await head(o.id);
    const fields = {
      id: newId(),
      seq: h.seq + 1n,
      occurredAt: new Date(Date.now()),
      actorType: "system",
      actorId: null,
      action: "claim.created",
      entityType: "claim",
      entityId: newId(),
      claimId: null,
      before: null,
      after: { statement: "forged" },
    };
    // A correctly hashed event appended around the append path: the head never moved.
    const hash = eventHash(h.hash, fields);
    await t.db.prisma.event.create({ data: { organizationId: o.id, ...fields, actorType: "system", after: fields.after, before: undefined, prevHash: h.hash, hash } });
    expect((await verify(o).expect(200)).body).toMatchObject({ ok: false, firstBrokenSeq: Number(fields.seq), reason: "chain_head_mismatch" });

    const o2 = await createTestOrg(t.db);
    const h2 = await head(o2.id);
    const wrongLink = { ...fields, id: newId(), seq: h2.seq + 1n };
    await t.db.prisma.event.create({
      data: { organizationId: o2.id, ...wrongLink, actorType: "system", after: wrongLink.after, before: undefined, prevHash: "0".repeat(64), hash: eventHash("0".repeat(64), wrongLink) },
    });
    expect((await verify(o2).expect(200)).body).toMatchObject({ ok: false, firstBrokenSeq: Number(wrongLink.seq), reason: "prev_hash_mismatch" });
  });
});

describe("the events table is append-only", () => {
  it("refuses UPDATE of an event row", async () => {
    await expect(t.db.prisma.$executeRaw`UPDATE events SET action = 'tampered' WHERE "organizationId" = ${org.id}::uuid`).rejects.toThrow(/append-only/);
  });

  it("refuses DELETE of an event row", async () => {
    await expect(t.db.prisma.$executeRaw`DELETE FROM events WHERE "organizationId" = ${org.id}::uuid`).rejects.toThrow(/append-only/);
    expect((await verify(org).expect(200)).body.ok).toBe(true);
  });
});
