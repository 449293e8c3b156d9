import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServerProcess } from "../support/server-process";

// These start the real service as a separate process on an embedded database in a
// temporary DATA_DIR, exactly as `npm start` does on a fresh machine.
jest.setTimeout(900_000);

async function getJson(url: string, key?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the service process on the embedded database", () => {
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
    await expect(second).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/in use by another ClaimTrail process/) });
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

  it("refuses to start with invalid configuration and says which setting is wrong", async () => {
    await expect(startServerProcess({ PORT: "not-a-port", DATA_DIR: dataDir }, 240_000)).rejects.toMatchObject({
      code: 78,
      stderr: expect.stringContaining("PORT"),
    });
  });
});
