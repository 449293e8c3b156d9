import type { Request } from "express";
import type { z } from "zod";
import { AppError, type FieldError } from "./problem";
import { isUuid } from "../lib/ids";

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ field: [...issue.path, k].join("."), message: "Unknown field.", code: "unknown_field" }));
    }
    return [{ field: issue.path.join(".") || "(root)", message: issue.message, code: issue.code }];
  });
}

export function validationError(where: string, error: z.ZodError): AppError {
  return new AppError(400, "validation_failed", `The request ${where} is not valid.`, { errors: fieldErrors(error) });
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw validationError("query", r.error);
  return r.data;
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const r = schema.safeParse(req.body);
  if (!r.success) throw validationError("body", r.error);
  return r.data;
}

/**
 * Path ids are UUIDs. Anything else cannot name a record, so it answers 404 exactly as a
 * missing id would (never 400: that would tell ids of other tenants from malformed ones
 * no better, and keeps path junk out of queries).
 */
export function idParam(req: Request, name: string, what: string): string {
  const v = req.params[name];
  if (typeof v !== "string" || !isUuid(v)) throw new AppError(404, "not_found", `${what} was not found.`);
  return v.toLowerCase();
}
