import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup, isBlockedAddress, parseTarget, UrlNotAllowedError } from "./url-guard";
import { classifyStatus, type AttemptOutcome } from "./retry-policy";

export interface SendOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowedHosts: readonly string[];
}

const MAX_ERROR = 300;
const truncate = (s: string) => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR - 1)}…` : s);

/**
 * One POST. Never throws: every failure becomes an outcome. The target is checked again
 * here (it may resolve elsewhere now), and the socket connects to the address that passed
 * the check. Redirects are not followed; the response body is read and discarded.
 */
export function sendWebhook(opts: SendOptions): Promise<AttemptOutcome> {
  let target;
  try {
    target = parseTarget(opts.url, opts.allowedHosts);
  } catch (err) {
    return Promise.resolve({ kind: "permanent", statusCode: null, error: truncate(err instanceof UrlNotAllowedError ? err.message : "invalid URL") });
  }
  if (!target.allowListed && isIP(target.host) && isBlockedAddress(target.host)) {
    return Promise.resolve({ kind: "permanent", statusCode: null, error: "webhook_url_not_allowed: internal address" });
  }
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const req = client.request(
      target.url,
      {
        method: "POST",
        headers: { ...opts.headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(opts.body).toString() },
        lookup: guardedLookup(target) as unknown as typeof import("node:dns").lookup,
        agent: false, // a fresh connection per delivery: no socket reused across checks
      },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => finish(classifyStatus(res.statusCode ?? 0)));
        res.on("error", () => finish(classifyStatus(res.statusCode ?? 0)));
      },
    );
    // Whole-request deadline (connect + send + response), not just socket idleness.
    const timer = setTimeout(() => {
      finish({ kind: "retryable", statusCode: null, error: `timeout after ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "WEBHOOK_URL_NOT_ALLOWED") return finish({ kind: "permanent", statusCode: null, error: truncate(`webhook_url_not_allowed: ${err.message}`) });
      finish({ kind: "retryable", statusCode: null, error: truncate(`${err.code ?? "error"}: ${err.message}`) });
    });
    req.end(opts.body);
  });
}
