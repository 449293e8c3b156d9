import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { startReceiver, TEST_WEBHOOK_SECRET_KEY, type WebhookReceiver } from "../support/webhook-receiver";

// The "done when": the delivery worker runs in the real service process, is
// SIGKILLed while deliveries are leased and in flight, and is restarted. Every event must
// arrive at least once, none lost, duplicates with the same event id; a receiver that is
// down for a while (connection refused) gets everything once it is back.
jest.setTimeout(420_000); // two real starts of the service on a shared, busy machine

const adminKey = `webhook-crash-admin-${randomBytes(12).toString("hex")}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ct-webhooks-"));
const runUrl = process.env.CLAIMTRAIL_TEST_DB_URL;
// On a server, a database of its own (the service migrates it at start-up): the run's shared
// database has other test files' workers on it, and their settings would take our deliveries.
const ownDbName = `ct_webhook_crash_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
let serverUrl: string | undefined;

async function onRunServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: runUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!runUrl) return;
  await onRunServer(`CREATE DATABASE ${ownDbName}`);
  const url = new URL(runUrl);
  url.pathname = `/${ownDbName}`;
  serverUrl = url.toString();
});
afterAll(async () => {
  if (runUrl) await onRunServer(`DROP DATABASE IF EXISTS ${ownDbName} WITH (FORCE)`).catch(() => undefined);
});

function env(): Record<string, string> {
  return {
    ...(serverUrl ? { DATABASE_URL: serverUrl } : { DATA_DIR: dataDir }),
    // Its own organization, so a shared server database does not mix this test with others.
    DEFAULT_ORG_SLUG: `wh-${randomBytes(4).toString("hex")}`,
    BOOTSTRAP_ADMIN_KEY: adminKey,
    SEED_ON_START: "false",
    RATE_LIMIT_API_PER_MINUTE: "0",
    WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY,
    WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    WEBHOOK_POLL_INTERVAL_MS: "50",
    WEBHOOK_TIMEOUT_MS: "2000",
    WEBHOOK_LEASE_MS: "2500",
    WEBHOOK_RETRY_BASE_MS: "100",
    WEBHOOK_RETRY_MAX_DELAY_MS: "400",
  };
}

async function call(s: ServerProcess, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${adminKey}`, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("webhook delivery across a crash of the worker", () => {
  let receiver: WebhookReceiver | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await receiver?.close();
  });

  it("delivers every event at least once after a SIGKILL mid-run and a receiver outage, duplicates with the same event id", async () => {
    const env1 = env();
    receiver = await startReceiver();
    const port = receiver.port;
    server = await startServerProcess(env1, 150_000);

    const sub = await call(server, "POST", "/v1/webhooks", { url: receiver.url, eventTypes: ["article.revised"] });
    expect(sub.status).toBe(201);
    const subId = sub.body.id as string;
    const art = await call(server, "POST", "/v1/articles", { url: `https://news.example/${randomBytes(4).toString("hex")}`, title: "Crash test", language: "en", text: "Version 0." });
    expect(art.status).toBe(201);
    const articleId = art.body.id as string;
    let version = Number(art.body.version);
    const revise = async (s: ServerProcess, n: number) => {
      const r = await call(s, "PATCH", `/v1/articles/${articleId}`, { text: `Version ${n}.` }, { "If-Match": `"${version}"` });
      expect(r.status).toBe(200);
      version = Number(r.body.version);
    };

    // Kill it as soon as deliveries arrive: the receiver holds each answer for 1.8 s, so the
    // batch it is receiving is leased and in flight at that moment.
    receiver.delayMs = 1800;
    let killed = false;
    const killer = waitFor("the first deliveries", () => receiver!.received.length >= 3, 120_000).then(async () => {
      killed = true;
      await server!.stop("SIGKILL");
    });
    let n = 1;
    for (; n <= 20 && !killed; n++) {
      try {
        await revise(server, n);
      } catch {
        break; // the process died under this request: it may or may not have committed
      }
    }
    await killer;
    expect(receiver.received.length).toBeGreaterThan(0);

    // The receiver goes down too; the restarted worker meets connection refused for a while.
    await receiver.close();
    const outage = receiver.received;
    server = await startServerProcess({ ...env1 }, 150_000);
    version = Number((await call(server, "GET", `/v1/articles/${articleId}`)).body.version);
    const target = n + 10;
    expect(version).toBeGreaterThan(1);
    for (; n <= target; n++) await revise(server, n);
    await waitFor("retries against the closed port", async () => {
      const log = await call(server!, "GET", `/v1/webhooks/${subId}/deliveries?limit=200`);
      return (log.body.data as Array<{ lastError: string | null }>).some((d) => /ECONNREFUSED/.test(d.lastError ?? ""));
    });
    // One article.revised event per revision after the first, including one cut short by the kill if it committed.
    const revisions = ((await call(server, "GET", `/v1/articles/${articleId}`)).body.revision as { number: number }).number - 1;

    receiver = await startReceiver(port);
    const all = [...outage];
    const everything = async () => {
      const log = await call(server!, "GET", `/v1/webhooks/${subId}/deliveries?limit=200`);
      const rows = log.body.data as Array<{ eventId: string; status: string }>;
      return rows.length === revisions && rows.every((d) => d.status === "succeeded");
    };
    await waitFor("every delivery to succeed", everything, 90_000);
    all.push(...receiver.received);

    const log = await call(server, "GET", `/v1/webhooks/${subId}/deliveries?limit=200`);
    const expected = new Set((log.body.data as Array<{ eventId: string }>).map((d) => d.eventId));
    expect(expected.size).toBe(revisions);
    expect(revisions).toBeGreaterThanOrEqual(11);
    const byId = new Map<string, Set<string>>();
    for (const r of all) {
      const id = String(r.headers["claimtrail-event-id"]);
      expect(expected.has(id)).toBe(true);
      expect(JSON.parse(r.body).id).toBe(id);
      byId.set(id, (byId.get(id) ?? new Set()).add(JSON.parse(r.body).createdAt as string));
    }
    // None lost; a duplicate is the same event (same id, same content).
    expect(new Set(byId.keys())).toEqual(expected);
    for (const times of byId.values()) expect(times.size).toBe(1);

    expect(await server.stop("SIGTERM")).toBe(0);
    server = undefined;
  });
});
