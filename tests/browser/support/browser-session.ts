import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request, type Response } from "playwright-core";

/** Debian's Chromium; CI's .ci/run installs it. Without it the browser tests are skipped. */
export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = (): boolean => existsSync(CHROMIUM);

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

/** Playwright's launch() starts Chromium with a fresh temporary user-data dir, removed on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

export async function listen(app: Express): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

export function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
}

/** An HTTP error answer the test provokes on purpose (e.g. a 412 conflict). */
export interface ExpectedFailure {
  status: number;
  url: RegExp;
}

/**
 * Everything that went wrong in a page: console errors (CSP violations included), uncaught
 * exceptions, requests that failed at the network level, and HTTP answers ≥ 400 — except
 * the ones a test declared it expects. The tests assert the list stays empty.
 */
export class PageWatch {
  readonly problems: string[] = [];
  private expected: ExpectedFailure[] = [];
  private expectedNetworkFailures: RegExp[] = [];
  private pending = new Set<Request>();
  private cutByNavigation = new WeakSet<Request>();

  constructor(readonly page: Page) {
    page.on("console", (m: ConsoleMessage) => {
      if (m.type() !== "error") return;
      const url = m.location().url ?? "";
      const status = /status of (\d{3})/.exec(m.text())?.[1];
      if (status && this.isExpected(Number(status), url)) return;
      if (/net::ERR_/.test(m.text()) && this.expectedNetworkFailures.some((re) => re.test(url))) return;
      this.problems.push(`console error: ${m.text()} (${url})`);
    });
    page.on("pageerror", (e) => this.problems.push(`uncaught: ${e.message}`));
    // Leaving a page (page.goto, a reload) cancels what it was still loading: not a failure.
    page.on("request", (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) for (const p of this.pending) this.cutByNavigation.add(p);
      this.pending.add(r);
    });
    page.on("requestfinished", (r) => this.pending.delete(r));
    page.on("requestfailed", (r) => {
      this.pending.delete(r);
      const error = r.failure()?.errorText ?? "";
      // The browser's own favicon fetch is also dropped when the page goes away.
      const browserCancelled = this.cutByNavigation.has(r) || r.isNavigationRequest() || r.url().endsWith("/favicon.svg");
      if (error === "net::ERR_ABORTED" && browserCancelled) return;
      if (this.expectedNetworkFailures.some((re) => re.test(r.url()))) return;
      this.problems.push(`request failed: ${r.method()} ${r.url()} ${error}`);
    });
    page.on("response", (r: Response) => {
      if (r.status() >= 400 && !this.isExpected(r.status(), r.url())) this.problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
    // A form with unsaved input asks before the page is left; the tests always leave.
    page.on("dialog", (d) => void (d.type() === "beforeunload" ? d.accept() : d.dismiss()));
  }

  expect(failure: ExpectedFailure): void {
    this.expected.push(failure);
  }

  /** A request the test makes fail at the network level on purpose (page.route → abort). */
  expectNetworkFailure(url: RegExp): void {
    this.expectedNetworkFailures.push(url);
  }

  private isExpected(status: number, url: string): boolean {
    return this.expected.some((e) => e.status === status && e.url.test(url));
  }
}

export async function newWatchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
  context.setDefaultTimeout(15_000);
  await context.addInitScript({ path: path.join(__dirname, "page-helpers.js") });
  const page = await context.newPage();
  return { context, page, watch: new PageWatch(page) };
}

/** Polls until `check` returns a truthy value (playwright-core has no expect()). */
export async function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Calls a helper of page-helpers.js in the page. */
export function inPage<T>(page: Page, helper: string, ...args: Array<string | number>): Promise<T> {
  return page.evaluate(`window.__claimtrailTest.${helper}(${args.map((a) => JSON.stringify(a)).join(", ")})`) as Promise<T>;
}
