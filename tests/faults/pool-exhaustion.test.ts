import { randomUUID } from "node:crypto";
import pg from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { createFaultCluster, type FaultCluster } from "./fault-cluster";

// The database out of connections, two ways: the service's own pool (DB_POOL_MAX=2) held
// by slow requests, and the server's max_connections taken by someone else. Both must
// give clear 503s within DB_CONNECT_TIMEOUT_MS, and the service must recover afterwards.
jest.setTimeout(240_000);

const CONNECT_TIMEOUT_MS = 1500;
const SLACK_MS = 3000;
const MAX_CONNECTIONS = 20;
const ADMIN_KEY = `fault-pool-${randomUUID()}`;
let cluster: FaultCluster;
let service: ServerProcess;

beforeAll(async () => {
  cluster = createFaultCluster(undefined, { maxConnections: MAX_CONNECTIONS });
  service = await startServerProcess({
    DATABASE_URL: cluster.url,
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    DB_POOL_MAX: "2",
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: "20000",
    RATE_LIMIT_API_PER_MINUTE: "0",
    WEBHOOK_WORKER_ENABLED: "false",
  });
});
afterAll(async () => {
  await service?.stop("SIGKILL");
  cluster?.destroy();
});

interface Outcome {
  status: number;
  ms: number;
  code?: string;
  text: string;
}

async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<Outcome> {
  const started = Date.now();
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    // not JSON
  }
  return { status: res.status, ms: Date.now() - started, code, text };
}

const expectClean503 = (o: Outcome) => {
  expect({ status: o.status, code: o.code }).toEqual({ status: 503, code: "database_unavailable" });
  expect(o.text).not.toMatch(/too many clients|ECONN|Prisma|postgres|at .*\.ts/i);
  expect(o.ms).toBeLessThan(CONNECT_TIMEOUT_MS + SLACK_MS);
};

it("answers 503 within the connect timeout while slow requests hold the whole pool, then recovers", async () => {
  expect((await call("GET", "/readyz")).status).toBe(200);
  // An outside transaction locks the sources table: two writes then hold both pooled
  // connections, waiting on the lock — the "slow requests".
  const locker = new pg.Client({ connectionString: cluster.url });
  await locker.connect();
  let slow: Array<Promise<Outcome>> = [];
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE sources IN ACCESS EXCLUSIVE MODE");
    slow = [1, 2].map((i) => call("POST", "/v1/sources", { name: `Slow ${i}`, type: "person" }));
    await new Promise((r) => setTimeout(r, 1000));
    const waiting = await Promise.all([1, 2, 3, 4].map(() => call("GET", "/v1/claims?limit=1")));
    for (const o of waiting) expectClean503(o);
  } finally {
    await locker.query("ROLLBACK").catch(() => undefined);
    await locker.end();
  }
  // The held requests complete once the lock goes; then everything works again.
  for (const o of await Promise.all(slow)) expect([201, 503]).toContain(o.status);
  expect((await call("GET", "/v1/claims?limit=1")).status).toBe(200);
  expect((await call("POST", "/v1/sources", { name: "After the pool drained", type: "person" })).status).toBe(201);
});

it("answers 503 within the connect timeout when max_connections is reached, then recovers", async () => {
  const hogs: pg.Client[] = [];
  try {
    // Take every connection the server will give.
    for (let i = 0; i < MAX_CONNECTIONS + 5; i++) {
      const c = new pg.Client({ connectionString: cluster.url });
      try {
        await c.connect();
        hogs.push(c);
      } catch {
        break;
      }
    }
    expect(hogs.length).toBeGreaterThan(0);
    // Make the service need new connections: end its current ones from the server side.
    await hogs[0]!.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claimtrail'");
    await new Promise((r) => setTimeout(r, 300));
    // Fill the slots the terminated backends freed.
    for (let i = 0; i < 5; i++) {
      const c = new pg.Client({ connectionString: cluster.url });
      try {
        await c.connect();
        hogs.push(c);
      } catch {
        break;
      }
    }
    const outcomes = await Promise.all([1, 2, 3].map(() => call("GET", "/v1/claims?limit=1")));
    for (const o of outcomes) expectClean503(o);
    expect((await call("GET", "/readyz")).status).toBe(503);
  } finally {
    await Promise.all(hogs.map((c) => c.end().catch(() => undefined)));
  }
  const deadline = Date.now() + 15_000;
  let status = 0;
  while (Date.now() < deadline && (status = (await call("GET", "/readyz")).status) !== 200) await new Promise((r) => setTimeout(r, 250));
  expect(status).toBe(200);
  expect((await call("GET", "/v1/claims?limit=1")).status).toBe(200);
});
