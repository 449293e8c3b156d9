import type { ErrorRequestHandler, RequestHandler } from "express";
import { isUniqueViolation } from "../db/db-errors";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logging/logger";
import { AppError, problemType, titles, type ProblemBody } from "./problem";

/** Errors from the pg driver / Prisma adapter that mean "database unreachable or saturated". */
function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown; meta?: { code?: unknown } };
    // Prisma wraps the server's SQLSTATE in meta.code (its own code is P2010 & co).
    const code = typeof o.code === "string" ? o.code : "";
    if (typeof o.meta?.code === "string" && ["57P01", "57P02", "57P03", "53300", "08006", "08001", "08003", "08004"].includes(o.meta.code)) return true;
    const msg = typeof o.message === "string" ? o.message : "";
    if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300", "08006", "08001", "08003", "08004", "P1001", "P1002", "P1017", "P2024"].includes(code)) return true;
    if (/timeout exceeded when trying to connect|Connection terminated|Unable to start a transaction in the given time|Transaction API error|too many clients|the database system is (starting up|shutting down)|Can't reach database server|Server has closed the connection|is not queryable|terminating connection due to administrator command|Code: `(57P0[123]|53300|08\d{3})`/i.test(msg)) return true;
    if (o.name === "DriverAdapterError" && /connection/i.test(msg)) return true;
    e = o.cause;
  }
  return false;
}

function isWriteConflict(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { code?: unknown } };
    if (o.code === "40P01" || o.code === "40001" || o.meta?.code === "40P01" || o.meta?.code === "40001") return true;
    if (typeof o.message === "string" && /deadlock detected|could not serialize access/i.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}

/** Translates known library errors into AppErrors; anything else stays a fault. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean };
  // body-parser errors
  if (e && typeof e === "object" && typeof e.type === "string") {
    switch (e.type) {
      case "entity.too.large":
        return new AppError(413, "payload_too_large", "The request body is larger than the limit.");
      case "entity.parse.failed":
        return new AppError(400, "malformed_json", "The request body is not valid JSON.");
      case "encoding.unsupported":
      case "charset.unsupported":
        return new AppError(415, "unsupported_encoding", "The request body's encoding or charset is not supported.");
      case "request.aborted":
        return new AppError(400, "request_aborted", "The client closed the request before the body was read.");
      default:
        if (e.expose && typeof e.status === "number" && e.status >= 400 && e.status < 500) {
          return new AppError(e.status, "invalid_request", "The request could not be read.");
        }
    }
  }
  if (err instanceof URIError) return new AppError(400, "malformed_uri", "The request path is not valid percent-encoding.");
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") return new AppError(409, "conflict", "A record with the same unique value already exists.");
    if (err.code === "P2025") return new AppError(404, "not_found", "The record was not found.");
    if (err.code === "P2003") return new AppError(422, "invalid_reference", "A referenced record does not exist.");
  }
  if (isUniqueViolation(err)) return new AppError(409, "conflict", "A record with the same unique value already exists.");
  if (isWriteConflict(err)) {
    // Deadlock or serialization failure: the transaction was rolled back whole, so a
    // retry is safe (and idempotent with an Idempotency-Key).
    return new AppError(409, "write_conflict", "Another change to the same records happened at the same moment; nothing was written. Retry the request.", {
      retryable: true,
      headers: { "Retry-After": "1" },
    });
  }
  if (isDatabaseUnavailable(err)) {
    return new AppError(503, "database_unavailable", "The database is unavailable right now; retry shortly.", {
      headers: { "Retry-After": "2" },
    });
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], err: AppError, requestId?: string, instance?: string): void {
  const { errors, headers, ...rest } = err.extra;
  const body: ProblemBody = {
    ...rest,
    type: problemType(err.code),
    title: titles[err.status] ?? "Error",
    status: err.status,
    code: err.code,
    detail: err.message,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
  if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(err.status).type("application/problem+json").send(JSON.stringify(body));
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    sendProblem(res, new AppError(404, "route_not_found", `No route for ${req.method} ${req.path}.`), req.id as string | undefined);
  };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const requestId = req.id as string | undefined;
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500) (req.log ?? log).warn({ err: { message: (err as Error).message, code: known.code } }, "request failed: dependency unavailable");
      return sendProblem(res, known, requestId, req.originalUrl.split("?")[0]);
    }
    (req.log ?? log).error({ err }, "unhandled error");
    sendProblem(res, new AppError(500, "internal_error", "Something went wrong on our side. The request id identifies it in our logs."), requestId);
  };
}
