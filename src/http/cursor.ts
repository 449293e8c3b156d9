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
