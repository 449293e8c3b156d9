import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { keepLogText } from "../support/log-capture";
import { startServerProcess } from "../support/server-process";
import { usingServer } from "../support/test-db";

// These start the real service as a separate process on an embedded database in a
// temporary DATA_DIR, exactly as `npm start` does on a fresh machine.
jest.setTimeout(900_000);

const root = path.resolve(__dirname, "../..");

/** Starts the service and sends it `signal` as soon as a log line matches `when`, before it listens. */
function signalDuringStartup(env: Record<string, string>, when: (line: Record<string, unknown>) => boolean, signal: NodeJS.Signals) {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/server.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
  });
  const lines: Array<Record<string, unknown>> = [];
  let buf = "";
  let sent = false;
  proc.stdout.on("data", (chunk: Buffer) => {
    buf += chunk.toString();
    keepLogText("server-process", chunk.toString()); // for the suite's leak scan
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
      buf = buf.slice(nl + 1);
      lines.push(line);
      if (!sent && when(line)) {
        sent = true;
        proc.kill(signal);
      }
    }
  });
  return new Promise<{ code: number | null; lines: typeof lines }>((resolve) => proc.on("exit", (code) => resolve({ code, lines })));
}

async function getJson(url: string, key?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// Always the embedded database, whatever TEST_DATABASE_URL says: the run against a
// PostgreSQL server would repeat exactly the same minute and a half, so it skips this file.
(usingServer() ? describe.skip : describe)("the service process on the embedded database", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ct-data-"));

  it("starts on a new data directory, prints an admin key once, serves the seed, refuses a second process, and keeps its data across a restart", async () => {
    const first = await startServerProcess({ DATA_DIR: dataDir });
    const keyLine = first.lines.find((l) => typeof l.adminApiKeyShownOnce === "string");
    const key = keyLine?.adminApiKeyShownOnce as string;
    expect(key).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);

    expect((await getJson(`${first.url}/healthz`)).status).toBe(200);
    expect((await getJson(`${first.url}/readyz`)).status).toBe(200);
    const claims = await getJson(`${first.url}/v1/claims?limit=200`, key);
    expect(claims.status).toBe(200);
    const data = claims.body.data as Array<{ id: string; anchor: { articleId: string; selectors: [{ exact: string }, { start: number; end: number }] } }>;
    expect(data.length).toBeGreaterThanOrEqual(11);
    const article = await getJson(`${first.url}/v1/articles/${data[0]!.anchor.articleId}`, key);
    const text = article.body.text as string;
    for (const c of data) expect(text.slice(c.anchor.selectors[1].start, c.anchor.selectors[1].end)).toBe(c.anchor.selectors[0].exact);

    // A second process on the same directory must refuse, clearly, and leave the first alone.
    const second = startServerProcess({ DATA_DIR: dataDir }, 240_000);
    await expect(second).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/in use by another ClaimTrail process[\s\S]*delete the lock file \S+claimtrail\.lock/),
    });
    expect((await getJson(`${first.url}/v1/claims?limit=1`, key)).status).toBe(200);

    expect(await first.stop("SIGTERM")).toBe(0);

    const restarted = await startServerProcess({ DATA_DIR: dataDir });
    expect(restarted.lines.some((l) => "adminApiKeyShownOnce" in l)).toBe(false);
    const again = await getJson(`${restarted.url}/v1/claims?limit=200`, key);
    expect((again.body.data as unknown[]).length).toBe(data.length);
    expect(await restarted.stop("SIGINT")).toBe(0);
  });

  it("creates the admin key named by BOOTSTRAP_ADMIN_KEY and prints none", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ct-data-"));
    const secret = "bootstrap-secret-for-tests-0123456789";
    const s = await startServerProcess({ DATA_DIR: dir, BOOTSTRAP_ADMIN_KEY: secret });
    try {
      expect(s.lines.some((l) => "adminApiKeyShownOnce" in l)).toBe(false);
      expect((await getJson(`${s.url}/v1/claims?limit=1`, secret)).status).toBe(200);
      expect((await getJson(`${s.url}/v1/claims?limit=1`, "ct_wrong")).status).toBe(401);
    } finally {
      await s.stop();
    }
  });

  it("stops cleanly on SIGTERM during start-up (database closed, lock released), and the next start finishes the first-start work", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ct-data-"));
    // Right after the database opens, the migrations of a new data directory run for seconds.
    const stopped = await signalDuringStartup({ DATA_DIR: dir }, (l) => l.msg === "database opened", "SIGTERM");
    expect(stopped.code).toBe(0);
    const msgs = stopped.lines.map((l) => l.msg);
    expect(msgs).toContain("stopping: start-up ends after its current step, then the database is closed");
    expect(msgs).toContain("start-up stopped by a signal before the service listened; database closed");
    expect(msgs).not.toContain("ClaimTrail is listening");
    expect(existsSync(path.join(dir, "claimtrail.lock"))).toBe(false);

    const s = await startServerProcess({ DATA_DIR: dir });
    try {
      // Whichever step the signal stopped, exactly one admin key was printed over the two starts.
      const keys = [...stopped.lines, ...s.lines].map((l) => l.adminApiKeyShownOnce).filter((k): k is string => typeof k === "string");
      expect(keys).toHaveLength(1);
      const claims = await getJson(`${s.url}/v1/claims?limit=200`, keys[0]);
      expect(claims.status).toBe(200);
      expect((claims.body.data as unknown[]).length).toBeGreaterThanOrEqual(11);
    } finally {
      expect(await s.stop("SIGTERM")).toBe(0);
    }
  });

  it("finishes a request in flight when SIGTERM arrives, refuses new connections meanwhile, then exits 0", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ct-data-"));
    const secret = "bootstrap-secret-for-shutdown-0123456789";
    const s = await startServerProcess({ DATA_DIR: dir, BOOTSTRAP_ADMIN_KEY: secret, SEED_ON_START: "false" });
    const body = JSON.stringify({ name: "Source sent slowly", type: "person" });
    const half = Math.floor(body.length / 2);
    const req = http.request({
      host: "127.0.0.1",
      port: s.port,
      method: "POST",
      path: "/v1/sources",
      agent: false,
      // 100-continue: the server answers once it has parsed the headers, so the request is
      // provably in flight (not an idle connection) when the signal comes.
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
    });
    const response = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on("error", reject);
    });
    await new Promise<void>((resolve) => req.once("continue", resolve));
    req.write(body.slice(0, half));

    s.proc.kill("SIGTERM");
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !s.lines.some((l) => l.msg === "shutting down: finishing in-flight requests")) await new Promise((r) => setTimeout(r, 50));
    // No longer accepting: a new connection is refused while the old request is pending.
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();

    req.end(body.slice(half));
    const res = await response;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Source sent slowly", type: "person" });
    expect(await s.exited).toBe(0);
    expect(s.lines.some((l) => l.msg === "in-flight requests did not finish in time; closing connections")).toBe(false);
  });

  it("refuses to start with invalid configuration and says which setting is wrong", async () => {
    await expect(startServerProcess({ PORT: "not-a-port", DATA_DIR: dataDir }, 240_000)).rejects.toMatchObject({
      code: 78,
      stderr: expect.stringContaining("PORT"),
    });
  });
});
