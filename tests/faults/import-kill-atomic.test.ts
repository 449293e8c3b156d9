import { randomBytes } from "node:crypto";
import { call, scalar, serviceErrors, waitForServiceSessionsGone } from "./fault-helpers";
import { claimLine, importFaultHarness, NDJSON, ndjson, TEXT } from "./import-fault-harness";

// The service is SIGKILLed in the middle of an atomic bulk import (POST /v1/import, NDJSON,
// the default atomic=true) sent with an Idempotency-Key, then restarted. The documented
// contract (src/import/import-routes.ts): one transaction, the key stored with it. So the kill
// must leave nothing of the import — no claim, source, article, event or stored key — and a
// retry with the same key and body must import it whole, each line's claim exactly once with
// its claim.created event; a further retry is then a replay that writes nothing.
// The kill is timed from the database: only once the import's transaction has written (it
// holds a transaction id) and the claims table has grown by rows nobody can see yet, while
// the HTTP request is still unanswered — all asserted, so the kill is genuinely mid-import.
jest.setTimeout(180_000);

// New claims are written in bulk groups (src/claims/insert-claims.ts): enough of them that the
// kill lands while the import's transaction is writing.
const CLAIMS = 20_000;
/** Kill once the claims table has grown by this much with the import's uncommitted rows. */
const UNCOMMITTED_BYTES_BEFORE_KILL = 128 * 1024;
const h = importFaultHarness(5440);

type Report = { atomic: boolean; committed: boolean; totals: Record<string, number>; written: Array<{ line: number; type: string; status: string; id: string }> };

it("atomic=true with an Idempotency-Key: a SIGKILL mid-import leaves nothing of it; the retry with the same key imports every line exactly once", async () => {
  const db = h.db();
  const orgId = h.orgId();
  const tag = `atomic-${randomBytes(4).toString("hex")}`;
  const statements = Array.from({ length: CLAIMS }, (_, i) => `${tag} claim ${i}: the harvest was the best in ten years.`);
  const body = ndjson([
    { type: "source", ref: "s", data: { name: `Minister ${tag}`, type: "person" } },
    { type: "article", ref: "a", data: { url: `https://news.example/${tag}`, title: `Harvest ${tag}`, language: "en", text: TEXT } },
    ...statements.map((st) => claimLine(st, { ref: "s" })),
  ]);
  const key = `import-${tag}`;
  const count = (sql: string, params: unknown[] = []) => scalar<number>(db, sql, [orgId, ...params]);
  const claimsBefore = await count(`SELECT count(*) FROM claims WHERE "organizationId" = $1`);
  const eventsBefore = await count(`SELECT count(*) FROM events WHERE "organizationId" = $1`);
  const sizeBefore = await scalar<number>(db, "SELECT pg_relation_size('claims')");

  const first = h.startImport("", body, { "Idempotency-Key": key });
  let grownBy = 0;
  await h.killWhen(first, async () => {
    const writing = await scalar<number>(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'claimtrail' AND backend_xid IS NOT NULL");
    grownBy = (await scalar<number>(db, "SELECT pg_relation_size('claims')")) - sizeBefore;
    return writing > 0 && grownBy >= UNCOMMITTED_BYTES_BEFORE_KILL;
  });
  expect(grownBy).toBeGreaterThanOrEqual(UNCOMMITTED_BYTES_BEFORE_KILL);
  await waitForServiceSessionsGone(db);

  // Nothing of the import survived.
  expect(await count(`SELECT count(*) FROM claims WHERE "organizationId" = $1`)).toBe(claimsBefore);
  expect(await count(`SELECT count(*) FROM claims WHERE "organizationId" = $1 AND statement LIKE $2`, [`${tag} %`])).toBe(0);
  expect(await count(`SELECT count(*) FROM sources WHERE "organizationId" = $1 AND name = $2`, [`Minister ${tag}`])).toBe(0);
  expect(await count(`SELECT count(*) FROM articles WHERE "organizationId" = $1 AND title = $2`, [`Harvest ${tag}`])).toBe(0);
  expect(await count(`SELECT count(*) FROM events WHERE "organizationId" = $1`)).toBe(eventsBefore);
  expect(await count(`SELECT count(*) FROM idempotency_keys WHERE "organizationId" = $1 AND key = $2`, [key])).toBe(0);
  await h.expectWholeRecordsOnly();

  const s2 = await h.restart();
  await h.expectEventChainIntact();

  // The retry is no replay (nothing was stored): it imports everything.
  const started = Date.now();
  const retry = await call<Report>(s2, h.adminKey, "POST", "/v1/import", { raw: body, contentType: NDJSON, headers: { "Idempotency-Key": key }, timeoutMs: 150_000 });
  const retryMs = Date.now() - started;
  if (retry.status !== 200) throw new Error(`retry answered ${retry.status}: ${retry.text.slice(0, 1000)}\n${serviceErrors(s2)}`);
  expect(retry.headers.get("idempotent-replayed")).toBeNull();
  expect(retry.body).toMatchObject({ atomic: true, committed: true, totals: { lines: CLAIMS + 2, created: CLAIMS + 2, updated: 0, unchanged: 0, rejected: 0 } });
  const reportedClaimIds = retry.body.written.filter((w) => w.type === "claim").map((w) => w.id);
  expect(reportedClaimIds).toHaveLength(CLAIMS);

  // Once more with the same key: the stored report, replayed, and nothing written.
  const eventsAfterRetry = await count(`SELECT count(*) FROM events WHERE "organizationId" = $1`);
  const replay = await call(s2, h.adminKey, "POST", "/v1/import", { raw: body, contentType: NDJSON, headers: { "Idempotency-Key": key }, timeoutMs: 150_000 });
  expect(replay.status).toBe(200);
  expect(replay.headers.get("idempotent-replayed")).toBe("true");
  expect(replay.body).toEqual(retry.body);
  expect(await count(`SELECT count(*) FROM events WHERE "organizationId" = $1`)).toBe(eventsAfterRetry);

  // Each line's claim exists exactly once, whole, with its claim.created event.
  const { rows } = await db.query<{ id: string; statement: string }>(`SELECT id::text, statement FROM claims WHERE "organizationId" = $1 AND statement LIKE $2`, [orgId, `${tag} %`]);
  expect(rows).toHaveLength(CLAIMS);
  expect(new Set(rows.map((r) => r.statement))).toEqual(new Set(statements));
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(reportedClaimIds));
  expect(await count(`SELECT count(*) FROM sources WHERE "organizationId" = $1 AND name = $2`, [`Minister ${tag}`])).toBe(1);
  expect(await count(`SELECT count(*) FROM articles WHERE "organizationId" = $1 AND title = $2`, [`Harvest ${tag}`])).toBe(1);
  expect(await count(`SELECT count(*) FROM events WHERE "organizationId" = $1 AND action = 'claim.created'`)).toBe(CLAIMS);
  await h.expectWholeRecordsOnly();
  await h.expectEventChainIntact();
  console.log(`atomic import: killed after ${grownBy} bytes of uncommitted claims; the retry of ${CLAIMS + 2} lines took ${retryMs} ms`);
});
