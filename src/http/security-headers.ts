import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet's default security headers, worked out once at start-up and then set as a fixed
 * list. helmet() is a chain of thirteen middlewares that recompute the same values on every
 * request (none depends on the request: no nonces); on a cached claim read that chain cost
 * more than setting the headers. The list is what helmet() itself sets, so a helmet upgrade
 * changes it too; tests/api/http-basics.test.ts checks a response against helmet's own.
 */
export function securityHeaders(): RequestHandler {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, value);
      removed.delete(name.toLowerCase());
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name.toLowerCase());
    },
    getHeader: () => undefined,
  };
  let synchronous = false;
  helmet()({ method: "GET", url: "/", headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    synchronous = true;
  });
  if (!synchronous) throw new Error("helmet() did not finish synchronously: its headers cannot be fixed in advance");
  const headers = [...set];
  const drop = [...removed];
  return (_req, res, next) => {
    for (const name of drop) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
