import type { RequestHandler } from "express";
import { hasNonEmptyBody } from "../http/content-type";
import { AppError } from "../http/problem";
import "../http/types";

interface DocumentPaths {
  paths?: object;
}

const templateToRegExp = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}/]+\}/g, "[^/]+")}$`);

/**
 * Authentication no longer refuses anonymous requests itself (public operations such as
 * sign-in must get through), so this keeps the other promise: a caller without valid
 * credentials cannot make us read a body, except for an operation that is public.
 * The public operations are read from the OpenAPI document (`x-min-role: public`), the
 * same declarations that ApiRoutes enforces.
 */
export function refuseAnonymousBodies(document: DocumentPaths): RequestHandler {
  const publicOps: Array<{ method: string; path: RegExp }> = [];
  for (const [path, ops] of Object.entries(document.paths ?? {}) as Array<[string, object | undefined]>) {
    for (const [method, op] of Object.entries(ops ?? {}) as Array<[string, unknown]>) {
      if ((op as { "x-min-role"?: unknown } | undefined)?.["x-min-role"] === "public") publicOps.push({ method: method.toUpperCase(), path: templateToRegExp(path) });
    }
  }
  return (req, _res, next) => {
    if (req.auth) return next();
    if (!hasNonEmptyBody(req)) return next();
    const fullPath = req.baseUrl + req.path;
    if (publicOps.some((op) => op.method === req.method && op.path.test(fullPath))) return next();
    next(req.authProblem ?? new AppError(401, "unauthorized", "This route needs an API key or a session."));
  };
}
