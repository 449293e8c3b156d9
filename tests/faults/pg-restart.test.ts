import { randomUUID } from "node:crypto";
import pg from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { createFaultCluster, type FaultCluster } from "./fault-cluster";

// PostgreSQL goes away under a write load and comes back: the service answers 503 within
// its connect timeout, never hangs or leaks internals, recovers by itself, loses no
// acknowledged write. The cluster is this file's own (tests/faults/fault-cluster.ts).
jest.setTimeout(240_000);

const CONNECT_TIMEOUT_MS = 2000;
const SLACK_MS = 3000;
const ADMIN_KEY = `fault-restart-${randomUUID()}`;
let cluster: FaultCluster;
let service: ServerProcess;

beforeAll(async () => {
  cluster = createFaultCluster();
  service = await startServerProcess({
    DATABASE_URL: cluster.url,
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: "5000",
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
  id?: string;
  code?: string;
  text: string;
}

async function createSource(n: number): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await fetch(`${service.url}/v1/sources`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: JSON.stringify({ name: `Restart probe ${n}`, type: "person" }),
      signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS * 5),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { id?: string; code?: string };
    return { status: res.status, ms: Date.now() - started, id: body.id, code: body.code, text };
  } catch (err) {
    return { status: 0, ms: Date.now() - started, text: String(err) };
  }
}

const readyz = async () => (await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS * 5) })).status;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("answers 503 quickly while PostgreSQL is down, turns /readyz 503 and back to 200, recovers without a restart and loses no acknowledged write", async () => {
  expect(await readyz()).toBe(200);
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const writers = Array.from({ length: 4 }, async () => {
    while (running) outcomes.push(await createSource(n++));
  });
  const readySeen: number[] = [];
  try {
    await sleep(1000);
    cluster.stop();
    await sleep(CONNECT_TIMEOUT_MS + 1500);
    readySeen.push(await readyz());
  } finally {
    // Always bring the cluster back, whatever failed above.
    cluster.start();
  }
  const deadline = Date.now() + 30_000;
  let ready = 0;
  while (Date.now() < deadline && (ready = await readyz()) !== 200) await sleep(250);
  readySeen.push(ready);
  await sleep(1500);
  running = false;
  await Promise.all(writers);

  expect(readySeen).toEqual([503, 200]);
  // Every answer was a success or a clean 503: no hang, no 500, no driver text.
  const statuses = new Set(outcomes.map((o) => o.status));
  const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
  if (unexpected.length) {
    const errors = service.lines.filter((l) => l.level === 50 || l.msg === "unhandled error").map((l) => JSON.stringify(l.err ?? l).slice(0, 1500));
    throw new Error(`unexpected answers: ${unexpected.map((o) => `${o.status} ${o.text}`).join("\n")}\nservice errors:\n${errors.slice(0, 3).join("\n")}`);
  }
  expect(statuses.size).toBeGreaterThan(0);
  const unavailable = outcomes.filter((o) => o.status === 503);
  expect(unavailable.length).toBeGreaterThan(0);
  for (const o of unavailable) {
    expect(o.code).toBe("database_unavailable");
    expect(o.text).not.toMatch(/ECONNREFUSED|at .*\.ts|pg_|Prisma|stack|postgres/i);
  }
  expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(CONNECT_TIMEOUT_MS + SLACK_MS);
  // Recovered: writes succeed again on the same process.
  expect((await createSource(-1)).status).toBe(201);

  // No acknowledged write was lost.
  const acked = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
  expect(acked.length).toBeGreaterThan(0);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id::text FROM sources WHERE id = ANY($1::uuid[])', [acked]);
    expect(rows.length).toBe(acked.length);
  } finally {
    await client.end();
  }
});
