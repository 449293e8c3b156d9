import type { Request } from "express";
import { AppError } from "../http/problem";

/**
 * Rating scales have no version column: their ETag is updatedAt in milliseconds. Every
 * change moves updatedAt strictly forward (see update-scale.ts), so equal ETags mean an
 * unchanged scale. The shared If-Match parser takes 9-digit versions only, hence this one.
 */
export const scaleEtag = (updatedAt: Date): string => `"${updatedAt.getTime()}"`;

export function requireScaleIfMatch(req: Request): Date {
  const raw = req.headers["if-match"];
  if (raw === undefined || raw === "") {
    throw new AppError(428, "precondition_required", "Send If-Match with the scale's ETag you last read, so concurrent edits cannot overwrite each other.");
  }
  const m = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(raw);
  if (!m) {
    throw new AppError(400, "invalid_if_match", "If-Match must be one ETag as sent by this API for the scale.", {
      errors: [{ field: "If-Match", message: "Not an ETag of this API.", code: "invalid_if_match" }],
    });
  }
  return new Date(Number(m[1]));
}

export function staleScale(currentUpdatedAt: Date): AppError {
  const etag = scaleEtag(currentUpdatedAt);
  return new AppError(412, "version_conflict", "The rating scale was changed by someone else since you read it. Reload it and apply your change again.", {
    currentEtag: etag,
    headers: { ETag: etag },
  });
}
