import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logging/logger";

const clientRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One JSON log line per request with its request id; req.log carries the id into every
 * line a handler writes. A well-formed X-Request-Id from the caller is kept (so a CMS
 * can correlate), anything else is replaced. The id is echoed in X-Request-Id.
 */
export function requestLogging(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && clientRequestId.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "info";
      return "info";
    },
    // Only what we need; never headers (they carry keys and cookies) or bodies.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    quietReqLogger: true,
  });
}

// Query strings could carry secrets pasted by mistake (e.g. ?key=…); keep only names.
function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const names = [...new Set([...params.keys()])];
  return `${url.slice(0, q)}?${names.map((n) => `${encodeURIComponent(n)}=…`).join("&")}`;
}
