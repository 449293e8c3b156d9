import pg from "pg";
import type { ServerProcess } from "../support/server-process";

/** Shared plumbing of the fault tests that drive real service processes over HTTP. */

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  s: ServerProcess,
  key: string,
  method: string,
  p: string,
  opts: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers["Content-Type"] = opts.contentType ?? "application/octet-stream";
    body = opts.raw;
  }
  const res = await fetch(`${s.url}${p}`, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** One connection straight to the cluster, for looking at rows and sessions behind the service's back. */
export async function sqlClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "fault-test-observer" });
  await client.connect();
  return client;
}

export async function scalar<T = number>(client: pg.Client, text: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query(text, params);
  const row = rows[0] as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no row from: ${text}`);
  const v = Object.values(row)[0];
  return (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v) as T;
}

/** The organization the service bootstrapped for DEFAULT_ORG_SLUG. */
export const orgIdOf = (client: pg.Client, slug: string) => scalar<string>(client, "SELECT id::text FROM organizations WHERE slug = $1", [slug]);

/** Waits until no session of the (killed) service is left on the server: its open transaction is then rolled back. */
export async function waitForServiceSessionsGone(client: pg.Client, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    "the killed service's database sessions to end",
    async () => (await scalar<number>(client, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'claimtrail'")) === 0,
    timeoutMs,
    100,
  );
}

/** Service error lines (level >= 50), for failure messages. */
export const serviceErrors = (s: ServerProcess | undefined) =>
  (s?.lines ?? [])
    .filter((l) => Number(l.level) >= 50)
    .map((l) => JSON.stringify(l).slice(0, 800))
    .slice(0, 5)
    .join("\n");
