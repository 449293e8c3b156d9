import type http from "node:http";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Role } from "../../../src/generated/prisma/enums";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../../support/test-app";
import { createTestUser, type TestUser } from "../../support/test-users";
import { closeServer, launchChromium, listen, newWatchedPage, type PageWatch } from "./browser-session";
import { ensureUiBuilt } from "./ui-build";

/**
 * What a browser test file needs: the UI built, the real app listening on 127.0.0.1 on a
 * seeded organization with users, one Chromium, and a watch on every page it opens.
 */
export const screenshots = path.resolve(__dirname, "../../../test-results/screenshots");

export interface ApiClaim {
  id: string;
  statement: string;
  status: string;
  version: number;
  anchor: { articleId: string; selectors: [{ exact: string }, { start: number; end: number }] } | null;
  chain: Array<{ role: string; cue: string | null; source: { id: string; name: string } }>;
  verdicts: Record<"attribution" | "content", null | { rating: { key: string }; evidence: Array<{ url: string; isPrimarySource: boolean }>; rationale: string }>;
  assignee: { id: string; name: string } | null;
}

export interface UiFixture {
  t: TestApp;
  org: TestOrg;
  base: string;
  browser: Browser;
  users: Partial<Record<Role, TestUser>>;
  /** Calls the API with the organization's admin key (to check what the UI did). */
  api<T>(pathname: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; etag: string | null }>;
  /** A new browser context and page, watched; closed with the fixture. */
  page(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }>;
  signIn(page: Page, user: TestUser): Promise<void>;
  /** Problems seen by every watched page since the last call (the tests expect none). */
  takeProblems(): string[];
  close(): Promise<void>;
}

export async function startUiFixture(name: string, people: Array<{ role: Role; name: string }>): Promise<UiFixture> {
  ensureUiBuilt();
  mkdirSync(screenshots, { recursive: true });
  const t = await startTestApp(name);
  const org = await createTestOrg(t.db, { seed: true });
  const users: Partial<Record<Role, TestUser>> = {};
  for (const p of people) users[p.role] = await createTestUser(t.db, org.id, p);
  const { server, base } = await listen(t.app);
  const browser = await launchChromium();
  const watches: PageWatch[] = [];

  return {
    t,
    org,
    base,
    browser,
    users,
    async api<T>(pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const res = await fetch(base + pathname, {
        method: init.method ?? "GET",
        headers: { Authorization: `Bearer ${org.keys.admin}`, ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T, etag: res.headers.get("etag") };
    },
    async page(viewport) {
      const p = await newWatchedPage(browser, viewport);
      watches.push(p.watch);
      return p;
    },
    async signIn(page, user) {
      await page.goto(`${base}/`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    },
    takeProblems: () => watches.flatMap((w) => w.problems.splice(0)),
    async close() {
      await browser.close();
      await closeServer(server as http.Server);
      await t.close();
    },
  };
}
