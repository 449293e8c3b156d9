import { randomUUID } from "node:crypto";
import type { Express } from "express";
import type { Logger } from "../logging/logger";

const clientRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

declare module "http" {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set by installRequestLogging. */
    id?: string;
    /** The service's logger bound to this request's id (`reqId`), set by installRequestLogging. */
    log?: Logger;
  }
}

/**
 * One JSON log line per request with its request id; req.log carries the id into every
 * line a handler writes. A well-formed X-Request-Id from the caller is kept (so a CMS
 * can correlate), anything else is replaced. The id is echoed in X-Request-Id.
 *
 * The same lines pino-http wrote ("request completed" / "request errored" / "request
 * aborted" with req {id, method, url}, res {statusCode}, responseTime), written here
 * because pino-http builds a child logger for every request before anything is logged:
 * with request lines off (LOG_LEVEL=warn, as in production at volume) that was a tenth of
 * a cached claim read's CPU. Here the child is made only when something is logged.
 */
export function installRequestLogging(app: Express, log: Logger): void {
  // req.log, made on first use: a getter on this app's request prototype (express gives
  // every request of the app that prototype), so a request that logs nothing costs nothing.
  const own = Symbol("request logger");
  type WithLog = { id?: string; [own]?: Logger };
  Object.defineProperty(app.request, "log", {
    configurable: true,
    get(this: WithLog) {
      return (this[own] ??= log.child({ reqId: this.id }));
    },
    set(this: WithLog, value: Logger) {
      this[own] = value;
    },
  });
  app.use((req, res, next) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && clientRequestId.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", id);
    req.id = id;
    const started = performance.now();
    // "close" follows "finish" on every response, and comes alone when the client left first.
    res.once("close", () => {
      const aborted = !res.writableFinished;
      const status = res.statusCode;
      const level = aborted || status >= 500 ? "error" : "info";
      if (!log.isLevelEnabled(level)) return;
      const fields = {
        req: { id, method: req.method, url: redactUrl(req.originalUrl ?? req.url) },
        res: { statusCode: status },
        responseTime: Math.round(performance.now() - started),
      };
      const logger = req.log ?? log;
      if (aborted) logger.error(fields, "request aborted");
      else if (status >= 500) logger.error(fields, "request errored");
      else logger.info(fields, "request completed");
    });
    next();
  });
}

// Query strings could carry secrets pasted by mistake (e.g. ?key=…); keep only names.
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const names = [...new Set([...params.keys()])];
  return `${url.slice(0, q)}?${names.map((n) => `${encodeURIComponent(n)}=…`).join("&")}`;
}
