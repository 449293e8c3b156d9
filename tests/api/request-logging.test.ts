/**
 * Request log lines (src/http/request-logging.ts) and the fixed security headers
 * (src/http/security-headers.ts), on a real app with a logger writing to memory.
 */
import http from "node:http";
import path from "node:path";
import express from "express";
import helmet from "helmet";
import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import type { Database } from "../../src/db/database";
import { installRequestLogging } from "../../src/http/request-logging";
import { securityHeaders } from "../../src/http/security-headers";
import { createLogger } from "../../src/logging/logger";
import { createTestOrg, type TestOrg } from "../support/test-app";
import { memoryLogSink } from "../support/log-capture";
import { openTestDatabase } from "../support/test-db";
import { runDir } from "../support/test-secrets";

let db: Database;
let org: TestOrg;
const lines: Array<Record<string, unknown>> = [];

function memoryLogger(level: string) {
  // Lines stay in memory for the assertions and are copied for the suite's leak scan.
  return createLogger({ level, destination: memoryLogSink("request-logging", (l) => lines.push(l)) });
}

beforeAll(async () => {
  db = await openTestDatabase();
  org = await createTestOrg(db);
});
afterAll(async () => {
  await db?.close();
});
beforeEach(() => {
  lines.length = 0;
});

const appWith = (level: string) => createApp({ config: loadConfig({ LOG_LEVEL: level, DATA_DIR: path.join(runDir(), "data") }), db, log: memoryLogger(level) });
const waitForLines = async (n: number) => {
  for (let i = 0; i < 50 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 10));
};

it("writes one line per request with its id, method, redacted URL, status and time, and no headers", async () => {
  const app = appWith("info");
  const res = await request(app).get("/v1/claims?q=secret-looking&limit=5").set("Authorization", `Bearer ${org.keys.viewer}`).set("X-Request-Id", "cms-42").expect(200);
  expect(res.headers["x-request-id"]).toBe("cms-42");
  await waitForLines(1);
  const done = lines.filter((l) => l.msg === "request completed");
  expect(done).toHaveLength(1);
  expect(done[0]).toMatchObject({ level: "info", req: { id: "cms-42", method: "GET", url: "/v1/claims?q=…&limit=…" }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
  const text = JSON.stringify(lines);
  expect(text).not.toContain(org.keys.viewer);
  expect(text).not.toContain("secret-looking");
});

it("logs a 5xx at error level as 'request errored', with the request id on the handler's own lines", async () => {
  const log = memoryLogger("info");
  const app = express();
  installRequestLogging(app, log);
  app.get("/boom", (req, res) => {
    req.log?.warn("about to fail");
    res.status(503).end();
  });
  const res = await request(app).get("/boom").expect(503);
  await waitForLines(2);
  const id = res.headers["x-request-id"];
  expect(lines.find((l) => l.msg === "about to fail")).toMatchObject({ level: "warn", reqId: id });
  expect(lines.find((l) => l.msg === "request errored")).toMatchObject({ level: "error", reqId: id, res: { statusCode: 503 } });
});

it("logs a request the client abandoned as 'request aborted'", async () => {
  const log = memoryLogger("info");
  const app = express();
  installRequestLogging(app, log);
  app.get("/slow", () => {
    /* never answers */
  });
  const server = app.listen(0);
  try {
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => {
      const req = http.get({ port, path: "/slow" });
      req.on("error", () => resolve());
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await waitForLines(1);
    expect(lines.find((l) => l.msg === "request aborted")).toMatchObject({ level: "error", req: { method: "GET", url: "/slow" } });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

it("writes no request lines at warn level, but still the errors", async () => {
  const app = appWith("warn");
  await request(app).get("/healthz").expect(200);
  await request(app).get("/v1/claims").expect(401);
  await new Promise((r) => setTimeout(r, 50));
  expect(lines.filter((l) => l.msg === "request completed")).toHaveLength(0);
});

it("sends exactly the headers helmet() sends", async () => {
  const withHelmet = express();
  withHelmet.use(helmet());
  withHelmet.get("/", (_req, res) => res.send("ok"));
  const fixed = express();
  fixed.use(securityHeaders());
  fixed.get("/", (_req, res) => res.send("ok"));
  const a = await request(withHelmet).get("/").expect(200);
  const b = await request(fixed).get("/").expect(200);
  const strip = (h: Record<string, string>) => {
    const { date: _d, ...rest } = h;
    return rest;
  };
  expect(strip(b.headers as Record<string, string>)).toEqual(strip(a.headers as Record<string, string>));
  expect(b.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(b.headers["x-powered-by"]).toBeUndefined();
});
