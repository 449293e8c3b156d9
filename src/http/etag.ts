import type { Response } from "express";

/** Strong ETag from a record's version counter. */
export const etagFor = (version: number): string => `"${version}"`;

export function setEtag(res: Response, version: number): void {
  res.setHeader("ETag", etagFor(version));
}
