import { canonicalJson } from "../../src/lib/canonical-json";
import { eventHash, GENESIS_HASH, type HashedFields } from "../../src/events/event-log";
import { sha256Hex } from "../../src/lib/ids";

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

// The definitions the one-pass serialiser and eventHash replaced: a sorted copy, then
// JSON.stringify. Both must give exactly the same text, or old chains would stop verifying.
function referenceNormalise(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : referenceNormalise(v)));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== "function") out[key] = referenceNormalise(v);
  }
  return out;
}
const referenceCanonical = (v: unknown) => JSON.stringify(referenceNormalise(v));
const referenceHash = (prev: string, e: HashedFields) =>
  sha256Hex(
    `${prev}\n${referenceCanonical({ id: e.id, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString(), actorType: e.actorType, actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, claimId: e.claimId, before: e.before ?? null, after: e.after ?? null })}`,
  );

describe("canonical JSON, one pass", () => {
  const samples: unknown[] = [
    null,
    0,
    -0,
    1.5e300,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "plain",
    'quotes " and \\ and \n newlines \u2028',
    "习近平 — “quoted” … 🙂 Chloé",
    true,
    [],
    {},
    [undefined, () => 1, Symbol("s"), null, new Date("2026-11-29T08:00:00.123Z")],
    { z: undefined, y: () => 1, x: Symbol("s"), w: null, "ключ": 1, "a\"b": 2, "": 3, B: 4, a: 5, "10": 6, "9": 7 },
    { nested: { deeper: [{ b: [1, { d: new Date(0), c: "x" }], a: { z: 1, y: [[], {}] } }] } },
  ];
  it.each(samples.map((s, i) => [i, s]))("sample %i serialises as the reference does", (_i, s) => {
    expect(canonicalJson(s)).toBe(referenceCanonical(s));
  });

  it("a claim-sized payload hashes as before", () => {
    const claim = {
      id: "x",
      statement: "Putin noted a 7% increase in trade — “a new height”.",
      appearances: [{ article: { title: "Kremlin readout", publishedAt: "2026-01-01T00:00:00.000Z" }, selectors: [{ type: "TextQuoteSelector", exact: "…", prefix: "", suffix: "" }] }],
      chain: [{ position: 0, cueSpan: null, source: { aliases: ["the Kremlin"], wikidataId: null } }],
      verdicts: { attribution: null, content: { evidence: [{ accessedAt: null, isPrimarySource: true }] } },
    };
    for (const e of [base, { ...base, after: claim, before: { ...claim, statement: "old" }, claimId: "c", actorId: "a" }]) {
      expect(eventHash(GENESIS_HASH, e)).toBe(referenceHash(GENESIS_HASH, e));
    }
  });
});
