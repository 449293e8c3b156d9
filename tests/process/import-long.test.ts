/**
 * A bulk import takes as long as its writes take; node's requestTimeout (for slow clients)
 * must not cut it. The body is received first (src/import/spool-body.ts), so an import
 * that runs far longer than HTTP_REQUEST_TIMEOUT_MS still answers 200 with everything
 * written. A real server process: supertest's own server has no such timeout.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { spoolBody } from "../../src/import/spool-body";
import { startServerProcess, type ServerProcess } from "../support/server-process";

jest.setTimeout(300_000);

const adminKey = `import-long-${randomBytes(12).toString("hex")}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ct-import-long-"));
// The service's own temporary directory (os.tmpdir() honours TMPDIR), to see what it leaves there.
const serviceTmp = mkdtempSync(path.join(os.tmpdir(), "ct-import-long-tmp-"));
let service: ServerProcess;

beforeAll(async () => {
  service = await startServerProcess({
    DATA_DIR: dataDir,
    TMPDIR: serviceTmp,
    BOOTSTRAP_ADMIN_KEY: adminKey,
    SEED_ON_START: "false",
    RATE_LIMIT_API_PER_MINUTE: "0",
    WEBHOOK_WORKER_ENABLED: "false",
    HTTP_REQUEST_TIMEOUT_MS: "1500",
    HTTP_HEADERS_TIMEOUT_MS: "1000",
  });
});
afterAll(async () => {
  await service?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(serviceTmp, { recursive: true, force: true });
});

it("answers an import that runs far longer than the request timeout, with every line written", async () => {
  const lines = 1500;
  const tag = randomBytes(4).toString("hex");
  const body = Array.from({ length: lines }, (_, i) => JSON.stringify({ type: "source", data: { name: `Long import ${tag} ${i}`, type: "organization" } })).join("\n");
  const started = Date.now();
  const res = await fetch(`${service.url}/v1/import`, { method: "POST", headers: { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/x-ndjson" }, body });
  const took = Date.now() - started;
  expect(res.status).toBe(200);
  const report = (await res.json()) as { totals: { created: number } };
  expect(report.totals.created).toBe(lines);
  // The point of the test: the import outlived the request timeout by far.
  expect(took).toBeGreaterThan(3 * 1500);
  // Nothing of the body is left in the temporary directory (removed just after the answer is sent).
  const left = () => readdirSync(serviceTmp).filter((f) => f.startsWith("claimtrail-import-"));
  for (let i = 0; i < 100 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(left()).toEqual([]);
});

it("spools a body up to the limit and refuses a larger one with 413, leaving no file behind", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "ct-spool-"));
  try {
    const ok = await spoolBody(Readable.from([Buffer.from("a".repeat(1000))]), 1000, root);
    expect(ok.bytes).toBe(1000);
    expect(readdirSync(root)).toHaveLength(1);
    await ok.remove();
    await expect(spoolBody(Readable.from([Buffer.from("a".repeat(600)), Buffer.from("b".repeat(600))]), 1000, root)).rejects.toMatchObject({ status: 413, code: "body_too_large" });
    expect(readdirSync(root)).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
