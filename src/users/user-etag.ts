import type { Request, Response } from "express";
import { AppError } from "../http/problem";

/*
 * Users have no version column, so their ETag is a weak validator made of updatedAt's
 * milliseconds. updateUser makes updatedAt strictly increase on every change, so two
 * versions never share an ETag. If-Match accepts it with or without the W/ prefix.
 */

export const userEtag = (updatedAt: Date): string => `W/"${updatedAt.getTime()}"`;

export function setUserEtag(res: Response, updatedAt: Date): void {
  res.setHeader("ETag", userEtag(updatedAt));
}

/** If-Match as updatedAt milliseconds: missing → 428, unparseable → 400. */
export function requireUserIfMatch(req: Request): number {
  const raw = req.headers["if-match"];
  if (raw === undefined || raw === "") {
    throw new AppError(428, "precondition_required", "Send If-Match with the ETag you last read, so concurrent edits cannot overwrite each other.");
  }
  const m = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(raw);
  if (!m) {
    throw new AppError(400, "invalid_if_match", 'If-Match must be one ETag as sent by this API, e.g. W/"1767225600000".', {
      errors: [{ field: "If-Match", message: "Not an ETag of this API.", code: "invalid_if_match" }],
    });
  }
  return Number(m[1]);
}

/** 412 naming the current ETag, so a client can reload and retry. */
export function staleUser(current: Date): AppError {
  const etag = userEtag(current);
  return new AppError(412, "version_conflict", "The user was changed by someone else since you read it. Reload it and apply your change again.", {
    currentEtag: etag,
    headers: { ETag: etag },
  });
}
