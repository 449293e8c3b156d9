/**
 * The log-leak check itself (tests/support/log-capture.ts, run by global-teardown over the
 * whole suite's logs) and the logger's redaction of key-shaped strings in free text.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { generateApiKeySecret } from "../../src/auth/api-key-secrets";
import { prepareDatabase } from "../../src/bootstrap/prepare-database";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/logging/logger";
import { memoryLogSink, readRunLogs, scanLogText } from "../support/log-capture";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { openTestDatabase } from "../support/test-db";
import { runDir } from "../support/test-secrets";

const root = path.resolve(__dirname, "../..");

function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const text: string[] = [];
  const log = createLogger({ level: "debug", destination: memoryLogSink("log-secrets", (l) => { lines.push(l); text.push(JSON.stringify(l)); }) });
  return { log, lines, text };
}

describe("the log scanner", () => {
  const key = generateApiKeySecret();
  const password = `pw-${randomBytes(12).toString("base64url")}`;

  it("finds a planted API key and a planted password, naming the log but not the whole secret", () => {
    const logs = [
      { name: "clean.ndjson", text: '{"level":"info","msg":"request completed"}\n' },
      { name: "key.ndjson", text: `{"level":"info","msg":"called with ${key}"}\n` },
      { name: "password.ndjson", text: `{"level":"warn","body":{"pw":"${password}"}}\n` },
    ];
    const leaks = scanLogText(logs, [password]);
    expect(leaks.map((l) => l.where).sort()).toEqual(["key.ndjson", "password.ndjson"]);
    expect(JSON.stringify(leaks)).not.toContain(key);
    expect(JSON.stringify(leaks)).not.toContain(password);
  });

  it("finds a recorded secret of any shape, and reports nothing on clean logs", () => {
    const token = randomBytes(16).toString("hex");
    expect(scanLogText([{ name: "a", text: `{"msg":"x","t":"${token}"}` }], [token])).toHaveLength(1);
    expect(scanLogText([{ name: "a", text: '{"msg":"fact_checker role","keyPrefix":"ct_abcdefgh","k":"ct_[redacted]"}' }], [token])).toEqual([]);
  });

  it("allows the key in the bootstrap print's own field, and only there", () => {
    const allowed = `{"level":"info","adminApiKeyShownOnce":"${key}","msg":"created an admin API key"}`;
    expect(scanLogText([{ name: "a", text: allowed }], [])).toEqual([]);
    const elsewhere = `{"level":"info","adminApiKeyShownOnce":"ct_[redacted]","msg":"key ${key}"}`;
    expect(scanLogText([{ name: "a", text: elsewhere }], [])).toHaveLength(1);
    const nested = `{"msg":"\\"adminApiKeyShownOnce\\":\\"${key}\\""}`;
    expect(scanLogText([{ name: "a", text: nested }], [])).toHaveLength(1);
  });
});

describe("the logger", () => {
  it("redacts key-shaped strings in messages, fields, nested values and errors", () => {
    const key = generateApiKeySecret();
    const { log, text } = memoryLogger();
    log.info(`a message naming ${key} in free text`);
    log.info({ note: `key=${key}`, nested: { list: [key] } }, "fields");
    log.warn({ err: new Error(`could not use ${key}`) }, "failed");
    log.info("printf %s style", key);
    log.child({ reqId: "r1" }).info({ url: `/v1/api-keys/${key}` }, "child");
    expect(text).toHaveLength(5);
    for (const line of text) {
      expect(line).not.toContain(key);
      expect(line).toContain("ct_[redacted]");
    }
  });

  it("keeps words that merely contain ct_ and the short display prefix", () => {
    const { log, lines } = memoryLogger();
    log.info({ role: "fact_checker_with_a_long_suffix", keyPrefix: "ct_abcdefgh" }, "contract_termination_notice_period");
    expect(lines[0]).toMatchObject({ role: "fact_checker_with_a_long_suffix", keyPrefix: "ct_abcdefgh", msg: "contract_termination_notice_period" });
  });

  it("keeps the key only in the adminApiKeyShownOnce field, not in a message beside it", () => {
    const key = generateApiKeySecret();
    const { log, lines } = memoryLogger();
    log.info({ adminApiKeyShownOnce: key }, `shown once ${key}`);
    log.info({ other: { adminApiKeyShownOnce: "x" }, msg2: `"adminApiKeyShownOnce":"${key}"` }, "spoof");
    expect(lines[0]).toMatchObject({ adminApiKeyShownOnce: key, msg: "shown once ct_[redacted]" });
    expect(JSON.stringify(lines[1])).not.toContain(key);
  });

  it("has exactly one deliberate print of a key: the bootstrap admin key (src/bootstrap/prepare-database.ts)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "generated" ? [] : files(p);
        return p.endsWith(".ts") ? [p] : [];
      });
    const using = files(path.join(root, "src"))
      .filter((f) => readFileSync(f, "utf8").includes("adminApiKeyShownOnce"))
      .map((f) => path.relative(root, f))
      .sort();
    expect(using).toEqual(["src/bootstrap/prepare-database.ts", "src/logging/logger.ts"]);
  });

  it("prints a new embedded database's admin key once, in full, through the redacting logger", async () => {
    const db = await openTestDatabase();
    try {
      const { log, lines } = memoryLogger();
      const slug = `boot-${randomBytes(4).toString("hex")}`;
      await prepareDatabase({ config: loadConfig({ DEFAULT_ORG_SLUG: slug, SEED_ON_START: "false", DATA_DIR: path.join(runDir(), "data") }), db, log });
      const printed = lines.filter((l) => "adminApiKeyShownOnce" in l);
      if (db.kind === "embedded") {
        expect(printed).toHaveLength(1);
        expect(String(printed[0]!.adminApiKeyShownOnce)).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
      } else {
        // A PostgreSQL server gets its first key from BOOTSTRAP_ADMIN_KEY or keys:create: nothing printed.
        expect(printed).toHaveLength(0);
      }
    } finally {
      await db.close();
    }
  });
});

describe("a test app's logs", () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp("log-secrets");
    org = await createTestOrg(t.db);
  });
  afterAll(() => t.close());

  it("reach the run's logs directory, are not empty, and hold no key even when a key is sent in a URL path", async () => {
    await request(t.app).get(`/v1/api-keys/${org.keys.viewer}`).set("Authorization", `Bearer ${org.keys.admin}`).expect(404);
    await request(t.app).get("/v1/me").set("Authorization", `Bearer ${org.keys.editor}`).expect(200);
    const mine = readRunLogs().filter((l) => l.name.startsWith(`log-secrets-${process.pid}`));
    const text = mine.map((l) => l.text).join("");
    expect(text).toContain('"msg":"request completed"');
    expect(text).toContain("/v1/api-keys/ct_[redacted]");
    expect(scanLogText(mine, Object.values(org.keys))).toEqual([]);
  });
});
