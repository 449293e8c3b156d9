import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { createFaultCluster, type FaultCluster } from "./fault-cluster";
import { call, orgIdOf, scalar, serviceErrors, sleep, sqlClient } from "./fault-helpers";

/**
 * What the import fault tests share: a cluster of their own, the service as a real process
 * (restartable), an observer connection, NDJSON builders, a kill timed from the database
 * and the "whole records only" check. Call `importFaultHarness(port)` at the top of a file.
 */
export const NDJSON = "application/x-ndjson";
export const TEXT = 'At the press conference the minister said the harvest was "the best in ten years", and her deputy agreed.';
const EXACT = "the best in ten years";
const START = TEXT.indexOf(EXACT);

export const ndjson = (lines: object[]) => lines.map((l) => JSON.stringify(l)).join("\n") + "\n";

export function claimLine(statement: string, chainSource: object, extra: object = {}) {
  return {
    type: "claim",
    data: {
      statement,
      kind: "statement",
      fidelity: "paraphrase",
      anchor: { articleRef: "a", exact: EXACT, start: START, end: START + EXACT.length },
      chain: [{ source: chainSource, role: "speaker", speechAct: "asserts" }],
      ...extra,
    },
  };
}

export interface Pending {
  settled: boolean;
  outcome: Promise<{ status: number; text: string } | { error: string }>;
}

export interface ImportFaultHarness {
  adminKey: string;
  service(): ServerProcess;
  restart(): Promise<ServerProcess>;
  db(): pg.Client;
  orgId(): string;
  startImport(query: string, body: string, headers?: Record<string, string>): Pending;
  killWhen(pending: Pending, ready: () => Promise<boolean>): Promise<void>;
  expectWholeRecordsOnly(): Promise<void>;
  expectEventChainIntact(): Promise<void>;
}

export function importFaultHarness(port: number): ImportFaultHarness {
  const adminKey = `fault-import-${randomUUID()}`;
  const orgSlug = `imp-${randomBytes(4).toString("hex")}`;
  let cluster: FaultCluster | undefined;
  let service: ServerProcess | undefined;
  let db: pg.Client | undefined;
  let orgId: string | undefined;

  const env = (): Record<string, string> => ({
    DATABASE_URL: cluster!.url,
    BOOTSTRAP_ADMIN_KEY: adminKey,
    DEFAULT_ORG_SLUG: orgSlug,
    SEED_ON_START: "false",
    RATE_LIMIT_API_PER_MINUTE: "0",
    WEBHOOK_WORKER_ENABLED: "false",
  });

  beforeAll(async () => {
    cluster = createFaultCluster(port);
    // The first start also migrates the cluster and creates the organization and admin key.
    service = await startServerProcess(env(), 150_000);
    db = await sqlClient(cluster.url);
    orgId = await orgIdOf(db, orgSlug);
  }, 200_000);
  afterAll(async () => {
    await service?.stop("SIGKILL");
    await db?.end().catch(() => undefined);
    cluster?.destroy();
  });

  const h: ImportFaultHarness = {
    adminKey,
    service: () => service!,
    db: () => db!,
    orgId: () => orgId!,
    async restart() {
      service = await startServerProcess(env(), 150_000);
      return service;
    },

    /** Starts the import without awaiting it; `settled` turns true once the service answered (or the connection died). */
    startImport(query, body, headers = {}) {
      const pending: Pending = { settled: false, outcome: Promise.resolve({ error: "not started" }) };
      pending.outcome = fetch(`${service!.url}/v1/import${query}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${adminKey}`, "Content-Type": NDJSON, ...headers },
        body,
        signal: AbortSignal.timeout(180_000),
      })
        .then(async (res) => ({ status: res.status, text: await res.text() }))
        .catch((err: unknown) => ({ error: String(err) }))
        .finally(() => {
          pending.settled = true;
        });
      return pending;
    },

    /** Polls the database until `ready` holds, then SIGKILLs the service; fails if the import answered first. */
    async killWhen(pending, ready) {
      const s = service!;
      const until = Date.now() + 120_000;
      for (;;) {
        if (pending.settled) {
          const o = await pending.outcome;
          throw new Error(`the import finished before the kill could land (make the import larger): ${JSON.stringify(o).slice(0, 500)}`);
        }
        if (await ready()) break;
        if (Date.now() > until) throw new Error(`the import made no visible progress in 120 s\n${serviceErrors(s)}`);
        await sleep(20);
      }
      await s.stop("SIGKILL");
      // Killed mid-flight: the client never got an answer, the connection died under it.
      expect(await pending.outcome).toEqual({ error: expect.any(String) });
    },

    /** Every claim of the organization is whole: one appearance, one chain link (these imports write one), exactly one claim.created; no claim.created names a missing claim. */
    async expectWholeRecordsOnly() {
      const { rows: broken } = await db!.query(
        `SELECT * FROM (
           SELECT c.id::text,
                  (SELECT count(*) FROM claim_appearances a WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id)::int AS appearances,
                  (SELECT count(*) FROM attribution_links l WHERE l."organizationId" = c."organizationId" AND l."claimId" = c.id)::int AS links,
                  (SELECT count(*) FROM events e WHERE e."organizationId" = c."organizationId" AND e."entityId" = c.id AND e.action = 'claim.created')::int AS created
           FROM claims c WHERE c."organizationId" = $1
         ) per_claim
         WHERE appearances <> 1 OR links <> 1 OR created <> 1`,
        [orgId],
      );
      expect(broken).toEqual([]);
      const orphanEvents = await scalar<number>(
        db!,
        `SELECT count(*) FROM events e WHERE e."organizationId" = $1 AND e.action = 'claim.created'
           AND NOT EXISTS (SELECT 1 FROM claims c WHERE c."organizationId" = e."organizationId" AND c.id = e."entityId")`,
        [orgId],
      );
      expect(orphanEvents).toBe(0);
    },

    async expectEventChainIntact() {
      const audit = await call(service!, adminKey, "GET", "/v1/audit/verify");
      expect(audit.status).toBe(200);
      expect(audit.body).toMatchObject({ ok: true });
    },
  };
  return h;
}
