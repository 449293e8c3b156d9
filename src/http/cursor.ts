import { z } from "zod";
import { AppError } from "./problem";

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. A cursor carries a
 * position only; every query still filters by the caller's organization, so a cursor
 * from another tenant reveals nothing.
 */
const cursorSchema = z.strictObject({ t: z.iso.datetime(), i: z.uuid() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: c.createdAt.toISOString(), i: c.id })).toString("base64url");
}

export function decodeCursor(raw: string): { createdAt: Date; id: string } {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.t), id: parsed.i };
  } catch {
    throw new AppError(400, "invalid_cursor", "The cursor is not valid; start again without one.", {
      errors: [{ field: "cursor", message: "Not a cursor returned by this API.", code: "invalid_cursor" }],
    });
  }
}

/**
 * Keyset cursors for lists that can be sorted several ways. The cursor names the sort it
 * was made for (`s`) with the last row's sort value (`v`: an ISO time or a number) and id,
 * so a cursor cannot silently be applied to another order: that is a 400 invalid_cursor.
 */
const sortCursorSchema = z.strictObject({ s: z.string().min(1).max(40), v: z.union([z.iso.datetime(), z.number()]), i: z.uuid() });

export function encodeSortCursor(sort: string, value: Date | number, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify({ s: sort, v, i: id })).toString("base64url");
}

function invalidCursor(message: string): AppError {
  return new AppError(400, "invalid_cursor", "The cursor is not valid; start again without one.", {
    errors: [{ field: "cursor", message, code: "invalid_cursor" }],
  });
}

export function decodeSortCursor(raw: string, sort: string, kind: "time"): { value: Date; id: string };
export function decodeSortCursor(raw: string, sort: string, kind: "number"): { value: number; id: string };
export function decodeSortCursor(raw: string, sort: string, kind: "time" | "number"): { value: Date | number; id: string } {
  let parsed: z.infer<typeof sortCursorSchema>;
  try {
    parsed = sortCursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw invalidCursor("Not a cursor returned by this API.");
  }
  if (parsed.s !== sort) throw invalidCursor(`This cursor was made for sort=${parsed.s}, not sort=${sort}; start again without one.`);
  if (kind === "time") {
    if (typeof parsed.v !== "string") throw invalidCursor("Not a cursor returned by this API.");
    return { value: new Date(parsed.v), id: parsed.i };
  }
  if (typeof parsed.v !== "number" || !Number.isFinite(parsed.v)) throw invalidCursor("Not a cursor returned by this API.");
  return { value: parsed.v, id: parsed.i };
}
