import { canonicalJson } from "../../src/lib/canonical-json";
import { eventHash, GENESIS_HASH, type HashedFields } from "../../src/events/event-log";

const base: HashedFields = {
  id: "0190d6a4-0000-7000-8000-000000000001",
  seq: 1n,
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
  actorType: "system",
  actorId: null,
  action: "claim.created",
  entityType: "claim",
  entityId: "0190d6a4-0000-7000-8000-000000000002",
  claimId: null,
  before: null,
  after: { b: 1, a: [1, { d: 2, c: 3 }] },
};

describe("event hashing", () => {
  it("canonical JSON sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: [{ z: 1, y: 2 }] } })).toBe('{"a":{"c":[{"y":2,"z":1}],"d":1},"b":1}');
  });

  it("does not depend on key order (jsonb reorders keys)", () => {
    const reordered = { ...base, after: { a: [1, { c: 3, d: 2 }], b: 1 } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, base));
  });

  it("changes when any field or the previous hash changes", () => {
    const h = eventHash(GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash("1".repeat(64), base)).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...base, action: "claim.updated" })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...base, after: { b: 2, a: [1, { d: 2, c: 3 }] } })).not.toBe(h);
  });
});
