import type { Request } from "express";
import { AppError } from "./problem";
import { etagFor } from "./etag";

/**
 * Reads If-Match as a record version. Writes that change an existing record require it:
 * missing → 428, unparseable → 400. Use cases compare it with the stored version inside
 * their transaction (a conditional UPDATE … WHERE version = $expected), never before it.
 */
export function requireIfMatch(req: Request): number {
  const raw = req.headers["if-match"];
  if (raw === undefined || raw === "") {
    throw new AppError(428, "precondition_required", "Send If-Match with the ETag you last read, so concurrent edits cannot overwrite each other.");
  }
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(raw);
  if (!m) {
    throw new AppError(400, "invalid_if_match", 'If-Match must be one ETag as sent by this API, e.g. "3".', {
      errors: [{ field: "If-Match", message: "Not an ETag of this API.", code: "invalid_if_match" }],
    });
  }
  return Number(m[1]);
}

/** 412 telling the caller which version is current, so a client can reload and retry. */
export function staleVersion(what: string, currentVersion: number): AppError {
  return new AppError(412, "version_conflict", `${what} was changed by someone else since you read it. Reload it and apply your change again.`, {
    currentVersion,
    currentEtag: etagFor(currentVersion),
    headers: { ETag: etagFor(currentVersion) },
  });
}
