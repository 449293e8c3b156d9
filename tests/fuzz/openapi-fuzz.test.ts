import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser, type TestSession } from "../support/test-users";
import { anyJson, fromSchema, headerSafe, nastyString, operations, pathValue, queryArb, type Operation } from "./openapi-arbitraries";
import { storeCounts, type StoreCounts } from "./store-counts";

/**
 * Property: whatever arrives at any documented route, with any credential, the service
 * answers without a 500, every error is problem+json with a stable code, a 4xx stores
 * nothing, and memory stays bounded. FUZZ_RUNS raises the count for a longer local soak.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 640);
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;

let t: TestApp;
let org: TestOrg;
let session: TestSession;
const pools: { ids: string[] } = { ids: [] };

/** A real gc() without restarting jest under --expose-gc. */
function gc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

beforeAll(async () => {
  // The per-key API limit is off: the fuzzer wants handlers, not a wall of 429s.
  t = await startTestApp("fuzz", { RATE_LIMIT_API_PER_MINUTE: "0" });
  org = await createTestOrg(t.db, { seed: true });
  const admin = await createTestUser(t.db, org.id, { role: "admin" });
  session = await createTestSession(t.db, admin);
  // Real ids make generated requests reach the handlers, not just the 404 path. Users
  // and API keys stay out of the pool so a generated DELETE cannot revoke our credentials.
  const [claims, sources, articles] = await Promise.all([
    t.db.prisma.claim.findMany({ where: { organizationId: org.id }, select: { id: true }, take: 5 }),
    t.db.prisma.source.findMany({ where: { organizationId: org.id }, select: { id: true }, take: 5 }),
    t.db.prisma.article.findMany({ where: { organizationId: org.id }, select: { id: true, externalId: true }, take: 3 }),
  ]);
  pools.ids = [...claims, ...sources, ...articles].map((r) => r.id);
  for (const a of articles) if (a.externalId) pools.ids.push(a.externalId);
  pools.ids.push(org.slug, "attribution", "content");
  if (pools.ids.length < 5) throw new Error("the seed did not load claims, sources and articles");
});
afterAll(() => t.close());

type Credential = "viewer" | "fact_checker" | "editor" | "admin" | "session" | "session-no-csrf" | "none" | "garbage";

interface Generated {
  op: Operation;
  url: string;
  credential: Credential;
  body: { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; contentType: string; text: string };
  headers: Record<string, string>;
}

// The sign-in route is left to its own tests: its per-IP limiter is shared by every test
// file that runs against the same server at the same time.
const ops = operations().filter((o) => !(o.method === "post" && o.path === "/v1/session"));

function requestArb(op: Operation): fc.Arbitrary<Generated> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const path = fc.tuple(...pathParams.map((p) => pathValue(p, pools))).map((values) => {
    let url = op.path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i]!)));
    return url;
  });
  const body: fc.Arbitrary<Generated["body"]> = fc.oneof(
    { weight: 6, arbitrary: (op.bodySchema ? fromSchema(op.bodySchema, pools) : anyJson).map((value) => ({ kind: "json" as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/merge-patch+json", "application/json; charset=latin1"), fc.oneof(fc.string({ maxLength: 50 }), nastyString, fc.constantFrom("{", "[1,", '{"a":1}}', "\u0000", "{\"__proto__\":{\"polluted\":1}}", "a=1&__proto__[polluted]=1")))
        .map(([contentType, text]) => ({ kind: "raw" as const, contentType, text })),
    },
  );
  const optHeader = (name: string, arb: fc.Arbitrary<string>) => fc.option(arb.map((v) => [name, headerSafe(v)] as const), { freq: 2 });
  const headers = fc
    .tuple(
      optHeader("If-Match", fc.oneof(fc.integer({ min: 0, max: 5 }).map((n) => `"${n}"`), fc.constantFrom("*", 'W/"1"', '"1", "2"', "1"), nastyString)),
      optHeader("Idempotency-Key", fc.oneof(fc.uuid(), nastyString)),
      optHeader("Accept", fc.constantFrom("application/json", "text/html", "*/*", "application/xml", "application/problem+json")),
      optHeader("X-Request-Id", nastyString),
    )
    .map((pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, string] => p !== null)));
  const credential = fc.constantFrom<Credential>("viewer", "fact_checker", "editor", "admin", "admin", "session", "session-no-csrf", "none", "garbage");
  return fc.record({ op: fc.constant(op), url: fc.tuple(path, queryArb(op, pools)).map(([p, q]) => (q ? `${p}?${q}` : p)), credential, body, headers });
}

async function send(g: Generated): Promise<request.Response> {
  let req = request(t.app)[g.op.method](g.url);
  for (const [k, v] of Object.entries(g.headers)) req = req.set(k, v);
  // Signing out the fuzzer's own session would turn the rest of the run into 401s.
  const credential = g.credential.startsWith("session") && g.op.path === "/v1/session" && g.op.method === "delete" ? "admin" : g.credential;
  if (credential === "session" || credential === "session-no-csrf") {
    req = req.set("Cookie", session.cookie);
    if (credential === "session") req = req.set("X-CSRF-Token", session.csrfToken);
  } else if (credential === "garbage") {
    req = req.set("Authorization", "Bearer ct_not-a-real-key");
  } else if (credential !== "none") {
    req = req.set("Authorization", `Bearer ${org.keys[credential]}`);
  }
  if (g.body.kind === "json") req = req.set("Content-Type", "application/json").send(JSON.stringify(g.body.value));
  else if (g.body.kind === "raw") req = req.set("Content-Type", g.body.contentType).send(g.body.text);
  return req;
}

function describeFailure(g: Generated, res: request.Response): string {
  return `${g.op.method.toUpperCase()} ${g.url} as ${g.credential} → ${res.status} ${res.text.slice(0, 300)}`;
}

// Shared across the per-route tests: the store as the last successful request left it.
let counts: StoreCounts | undefined;
let heapBaseline = 0;
const perOp = Math.max(5, Math.ceil(RUNS / ops.length));

describe(`${perOp} generated requests to each documented route (FUZZ_RUNS=${RUNS})`, () => {
  beforeAll(async () => {
    counts = await storeCounts(t.db, org.id);
    gc();
    heapBaseline = process.memoryUsage().heapUsed;
  });

  it.each(ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s never answers 5xx, errors are problem+json with a stable code, a 4xx stores nothing", async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(requestArb(op), async (g) => {
        const res = await send(g);
        if (res.status >= 500) throw new Error(`5xx: ${describeFailure(g, res)}`);
        if (res.status >= 400) {
          if (!/application\/problem\+json/.test(String(res.headers["content-type"]))) throw new Error(`not problem+json: ${describeFailure(g, res)}`);
          const body = res.body as { code?: unknown; status?: unknown };
          if (typeof body.code !== "string" || !/^[a-z][a-z0-9_]*$/.test(body.code) || body.status !== res.status) throw new Error(`no stable code: ${describeFailure(g, res)}`);
          // Reads cannot store anything by design; counting after every one would only cost time.
          if (op.method !== "get") {
            const after = await storeCounts(t.db, org.id);
            if (JSON.stringify(after) !== JSON.stringify(counts)) throw new Error(`a ${res.status} changed stored rows: ${describeFailure(g, res)}\nbefore ${JSON.stringify(counts)}\nafter  ${JSON.stringify(after)}`);
          }
        } else if (op.method !== "get") {
          counts = await storeCounts(t.db, org.id);
        }
      }),
      { numRuns: perOp, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
    );
  });

  it("kept memory bounded and Object.prototype untouched", () => {
    gc();
    expect(process.memoryUsage().heapUsed - heapBaseline).toBeLessThan(HEAP_GROWTH_LIMIT);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "x")).toBe(false);
  });
});
