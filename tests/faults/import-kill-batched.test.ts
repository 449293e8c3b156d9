import { randomBytes } from "node:crypto";
import { call, scalar, serviceErrors, waitForServiceSessionsGone } from "./fault-helpers";
import { claimLine, importFaultHarness, NDJSON, ndjson, TEXT } from "./import-fault-harness";

// The service is SIGKILLed in the middle of a non-atomic bulk import (POST /v1/import?atomic=false),
// then restarted. The documented contract (src/import/import-routes.ts): lines are written in
// several transactions, a crash leaves earlier ones committed but never a half-written record,
// and such an import is retried with externalIds — existing records are then updated, not
// duplicated. The kill lands once some claims are committed (visible) while the HTTP request
// is still unanswered, and the test asserts that fewer than all of them were.
jest.setTimeout(180_000);

// Transactions of 2,000 lines: enough lines that some have committed and some not at the kill.
const CLAIMS = 20_000;
const h = importFaultHarness(5441);

it("atomic=false: a SIGKILL mid-import leaves whole records of committed transactions only; a retry with the same externalIds completes it without duplicates", async () => {
  const db = h.db();
  const orgId = h.orgId();
  const tag = `batched-${randomBytes(4).toString("hex")}`;
  const src = await call(h.service(), h.adminKey, "POST", "/v1/sources", { json: { name: `Deputy ${tag}`, type: "person" } });
  expect(src.status).toBe(201);
  const sourceId = src.body.id as string;
  const externalIds = Array.from({ length: CLAIMS }, (_, i) => `${tag}-${i}`);
  const body = ndjson([
    { type: "article", ref: "a", data: { externalId: `${tag}-article`, url: `https://news.example/${tag}`, title: `Harvest ${tag}`, language: "en", text: TEXT } },
    ...externalIds.map((externalId) => claimLine(`${externalId}: her deputy agreed.`, { id: sourceId }, { externalId })),
  ]);
  const committed = () => scalar<number>(db, `SELECT count(*) FROM claims WHERE "organizationId" = $1 AND "externalId" LIKE $2`, [orgId, `${tag}-%`]);

  const first = h.startImport("?atomic=false", body);
  await h.killWhen(first, async () => (await committed()) > 0);
  await waitForServiceSessionsGone(db);

  // Some transactions committed, not all; what did is whole.
  const survived = await committed();
  expect(survived).toBeGreaterThan(0);
  expect(survived).toBeLessThan(CLAIMS);
  await h.expectWholeRecordsOnly();

  const s2 = await h.restart();
  await h.expectEventChainIntact();
  const retry = await call<{ committed: boolean; totals: Record<string, number> }>(s2, h.adminKey, "POST", "/v1/import?atomic=false", { raw: body, contentType: NDJSON, timeoutMs: 150_000 });
  if (retry.status !== 200) throw new Error(`retry answered ${retry.status}: ${retry.text.slice(0, 1000)}\n${serviceErrors(s2)}`);
  expect(retry.body.totals).toMatchObject({ lines: CLAIMS + 1, rejected: 0, created: CLAIMS - survived });
  // The article and the claims that survived the kill were found by externalId, not created again.
  expect(retry.body.totals.updated! + retry.body.totals.unchanged!).toBe(survived + 1);

  const { rows } = await db.query<{ externalId: string; n: number }>(
    `SELECT "externalId", count(*)::int AS n FROM claims WHERE "organizationId" = $1 AND "externalId" LIKE $2 GROUP BY "externalId"`,
    [orgId, `${tag}-%`],
  );
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  expect(new Set(rows.map((r) => r.externalId))).toEqual(new Set(externalIds));
  expect(await scalar<number>(db, `SELECT count(*) FROM articles WHERE "organizationId" = $1 AND "externalId" = $2`, [orgId, `${tag}-article`])).toBe(1);
  await h.expectWholeRecordsOnly();
  await h.expectEventChainIntact();
  console.log(`batched import: ${survived} of ${CLAIMS} claims had committed at the kill`);
});
