import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { startReceiver, TEST_WEBHOOK_SECRET_KEY, type WebhookReceiver } from "../support/webhook-receiver";
import { createFaultCluster, type FaultCluster } from "./fault-cluster";
import { call, orgIdOf, scalar, serviceErrors, sleep, sqlClient, waitFor } from "./fault-helpers";
import { claimLine, NDJSON, ndjson, TEXT } from "./import-fault-harness";

// Two service processes on one database (same DATABASE_URL), as in a scaled deployment.
// 1. Verdict writes (PUT /v1/claims/{id}/verdicts/{kind} with If-Match) fired from both at
//    once at the same claims never lose an update: per claim and round exactly one request
//    of those carrying the same If-Match wins, the others get 412 version_conflict, the
//    stored verdict is the last winner's, the claim's version went up once per win, and the
//    event log has exactly one verdict.updated per win, each starting from the previous one.
// 2. Both run their webhook delivery worker; a subscription to verdict.changed points at a
//    local receiver. In normal operation every event is delivered exactly once — by one of
//    the two workers, never by both — and both workers took part.
jest.setTimeout(180_000);

const PORT = 5442;
const CLAIMS = 16;
const ROUNDS = 4;
/** Requests per claim and round, half from each instance, all with the same If-Match. */
const RACERS = 4;
const ADMIN_KEY = `fault-two-${randomUUID()}`;
const ORG_SLUG = `two-${randomBytes(4).toString("hex")}`;
const contentRatings = ["true", "mostly_true", "half_true", "mostly_false", "false", "misleading"];
const attributionRatings = ["accurate", "accurate_paraphrase", "distorted", "misattributed", "fabricated", "unverifiable"];

let cluster: FaultCluster;
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let receiver: WebhookReceiver | undefined;
let db: pg.Client;
let orgId: string;

const env = (): Record<string, string> => ({
  DATABASE_URL: cluster.url,
  BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
  DEFAULT_ORG_SLUG: ORG_SLUG,
  SEED_ON_START: "false",
  RATE_LIMIT_API_PER_MINUTE: "0",
  // Debug: each worker logs every delivery attempt, so the test can tell who sent what.
  LOG_LEVEL: "debug",
  WEBHOOK_WORKER_ENABLED: "true",
  WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY,
  WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  WEBHOOK_POLL_INTERVAL_MS: "50",
  WEBHOOK_TIMEOUT_MS: "5000",
});

beforeAll(async () => {
  cluster = createFaultCluster(PORT);
  // One after the other: the first start migrates the database.
  a = await startServerProcess(env(), 150_000);
  b = await startServerProcess(env(), 150_000);
  db = await sqlClient(cluster.url);
  orgId = await orgIdOf(db, ORG_SLUG);
  receiver = await startReceiver();
}, 200_000);
afterAll(async () => {
  await Promise.all([a?.stop("SIGKILL"), b?.stop("SIGKILL")]);
  await receiver?.close();
  await db?.end().catch(() => undefined);
  cluster?.destroy();
});

interface Attempt {
  claimId: string;
  round: number;
  kind: "content" | "attribution";
  via: "a" | "b";
  rating: string;
  rationale: string;
  status: number;
  code?: string;
  version?: number;
}

it("verdict writes from two instances at the same claims: one winner per If-Match, 412 for the rest, nothing lost; every webhook delivered exactly once", async () => {
  const sa = a!;
  const sb = b!;
  const sub = await call(sa, ADMIN_KEY, "POST", "/v1/webhooks", { json: { url: receiver!.url, eventTypes: ["verdict.changed"] } });
  expect(sub.status).toBe(201);
  // Deliveries stay in flight a little, so the two workers overlap.
  receiver!.delayMs = 150;

  const tag = randomBytes(4).toString("hex");
  const imported = await call<{ written: Array<{ type: string; id: string }> }>(sa, ADMIN_KEY, "POST", "/v1/import", {
    raw: ndjson([
      { type: "source", ref: "s", data: { name: `Minister ${tag}`, type: "person" } },
      { type: "article", ref: "a", data: { url: `https://news.example/${tag}`, title: `Harvest ${tag}`, language: "en", text: TEXT } },
      ...Array.from({ length: CLAIMS }, (_, i) => claimLine(`Claim ${i} ${tag}: the harvest was the best in ten years.`, { ref: "s" })),
    ]),
    contentType: NDJSON,
  });
  expect(imported.status).toBe(200);
  const claimIds = imported.body.written.filter((w) => w.type === "claim").map((w) => w.id);
  expect(claimIds).toHaveLength(CLAIMS);

  const versions = new Map<string, number>();
  for (const id of claimIds) versions.set(id, Number((await call(sa, ADMIN_KEY, "GET", `/v1/claims/${id}`)).body.version));
  const initialVersions = new Map(versions);

  const attempts: Attempt[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Rounds alternate the verdict kind; round 2 replaces round 0's content verdict.
    const kind = round % 2 === 0 ? "content" : "attribution";
    const ratings = kind === "content" ? contentRatings : attributionRatings;
    const requests = claimIds.flatMap((claimId) =>
      Array.from({ length: RACERS }, (_, j) => {
        const via = j % 2 === 0 ? ("a" as const) : ("b" as const);
        const rating = ratings[(round + j) % ratings.length]!;
        const rationale = `round ${round} racer ${j} via ${via} on ${claimId}`;
        return { claimId, round, kind, via, rating, rationale } as const;
      }),
    );
    const results = await Promise.all(
      requests.map(async (r) => {
        const s = r.via === "a" ? sa : sb;
        const res = await call(s, ADMIN_KEY, "PUT", `/v1/claims/${r.claimId}/verdicts/${r.kind}`, {
          json: { rating: r.rating, rationale: r.rationale, evidence: [{ url: "https://example.org/evidence", title: `Evidence ${r.rationale}` }] },
          headers: { "If-Match": `"${versions.get(r.claimId)}"` },
        });
        return { ...r, status: res.status, code: res.body?.code as string | undefined, version: res.body?.version as number | undefined } satisfies Attempt;
      }),
    );
    attempts.push(...results);
    const unexpected = results.filter((r) => r.status !== 200 && !(r.status === 412 && r.code === "version_conflict"));
    if (unexpected.length) throw new Error(`answers other than 200 or 412 version_conflict: ${JSON.stringify(unexpected.slice(0, 5))}\nA: ${serviceErrors(sa)}\nB: ${serviceErrors(sb)}`);
    for (const claimId of claimIds) {
      const mine = results.filter((r) => r.claimId === claimId);
      const winners = mine.filter((r) => r.status === 200);
      expect({ claimId, round, winners: winners.length, conflicts: mine.filter((r) => r.status === 412).length }).toEqual({ claimId, round, winners: 1, conflicts: RACERS - 1 });
      expect(winners[0]!.version).toBe(versions.get(claimId)! + 1);
      versions.set(claimId, winners[0]!.version!);
    }
  }
  const wins = attempts.filter((r) => r.status === 200);
  expect(wins).toHaveLength(CLAIMS * ROUNDS);
  // Both instances won some races: the test really raced two processes.
  expect(wins.some((w) => w.via === "a") && wins.some((w) => w.via === "b")).toBe(true);

  // The stored verdicts are the last winners'; the version went up exactly once per win.
  for (const claimId of claimIds) {
    const claim = (await call<{ version: number; verdicts: Record<string, { rating: { key: string }; rationale: string } | null> }>(sb, ADMIN_KEY, "GET", `/v1/claims/${claimId}`)).body;
    expect(claim.version).toBe(initialVersions.get(claimId)! + ROUNDS);
    for (const kind of ["content", "attribution"] as const) {
      const last = wins.filter((w) => w.claimId === claimId && w.kind === kind).sort((x, y) => y.round - x.round)[0]!;
      expect(claim.verdicts[kind]).toMatchObject({ rating: { key: last.rating }, rationale: last.rationale });
    }
    // The event log: one verdict.updated per win, in round order, each replacing the previous winner.
    const { rows: events } = await db.query<{ after: { kind: string; rationale: string }; before: { rationale: string } | null }>(
      `SELECT after, before FROM events WHERE "organizationId" = $1 AND "claimId" = $2 AND action = 'verdict.updated' ORDER BY seq`,
      [orgId, claimId],
    );
    const mineWon = wins.filter((w) => w.claimId === claimId).sort((x, y) => x.round - y.round);
    expect(events.map((e) => e.after.rationale)).toEqual(mineWon.map((w) => w.rationale));
    const previous = new Map<string, string | null>();
    for (const e of events) {
      expect(e.before?.rationale ?? null).toBe(previous.get(e.after.kind) ?? null);
      previous.set(e.after.kind, e.after.rationale);
    }
  }
  const audit = await call(sa, ADMIN_KEY, "GET", "/v1/audit/verify");
  expect(audit.body).toMatchObject({ ok: true });

  // Webhooks: every verdict.changed event reaches the receiver exactly once.
  const { rows: eventRows } = await db.query<{ id: string }>(`SELECT id::text FROM events WHERE "organizationId" = $1 AND action = 'verdict.updated'`, [orgId]);
  expect(eventRows).toHaveLength(wins.length);
  const expectedIds = new Set(eventRows.map((r) => r.id));
  await waitFor("every delivery to reach the receiver", () => receiver!.received.length >= expectedIds.size, 60_000);
  await waitFor(
    "every delivery to be recorded as succeeded",
    async () => (await scalar<number>(db, `SELECT count(*) FROM webhook_deliveries WHERE "organizationId" = $1 AND status = 'succeeded'`, [orgId])) === expectedIds.size,
    30_000,
  );
  // Long enough for either worker to send anything a second time, were it going to.
  await sleep(2000);
  const receivedIds = receiver!.received.map((r) => String(r.headers["claimtrail-event-id"]));
  for (const r of receiver!.received) expect((JSON.parse(r.body) as { id: string; type: string })).toMatchObject({ id: r.headers["claimtrail-event-id"], type: "verdict.changed" });
  const duplicates = receivedIds.filter((id, i) => receivedIds.indexOf(id) !== i);
  expect(duplicates).toEqual([]);
  expect(new Set(receivedIds)).toEqual(expectedIds);
  expect(receivedIds).toHaveLength(expectedIds.size);
  const { rows: deliveries } = await db.query<{ status: string; attempts: number; n: number }>(
    `SELECT status::text, attempts, count(*)::int AS n FROM webhook_deliveries WHERE "organizationId" = $1 GROUP BY status, attempts`,
    [orgId],
  );
  expect(deliveries).toEqual([{ status: "succeeded", attempts: 1, n: expectedIds.size }]);

  // Who sent them: each delivery attempted once in all, and both workers took part.
  const attemptedBy = (s: ServerProcess) => s.lines.filter((l) => l.msg === "webhook delivery attempted").map((l) => String(l.eventId));
  const byA = attemptedBy(sa);
  const byB = attemptedBy(sb);
  expect([...byA, ...byB].sort()).toEqual([...expectedIds].sort());
  expect(byA.length).toBeGreaterThan(0);
  expect(byB.length).toBeGreaterThan(0);
  console.log(`two instances: ${attempts.length} verdict writes, ${wins.length} won (A ${wins.filter((w) => w.via === "a").length}, B ${wins.filter((w) => w.via === "b").length}); deliveries sent by A ${byA.length}, by B ${byB.length}`);
});
