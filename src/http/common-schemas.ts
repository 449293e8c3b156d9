import { z } from "zod";

export const idParams = z.object({ id: z.uuid().describe("Record id (UUID).") });
export const limitSchema = z.coerce.number().int().min(1).max(200).default(50).describe("Page size, at most 200.");
export const cursorSchema = z.string().min(1).max(500).optional().describe("Opaque cursor from the previous page's nextCursor.");
export const etagHeader = { ETag: "The record's version; send it back in If-Match to change the record." };
