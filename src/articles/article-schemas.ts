import { z } from "zod";
import { claimStatusSchema } from "../claims/claim-schemas";
import { sourceRefSchema } from "../sources/source-schemas";

export const articleSchema = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    url: z.string(),
    title: z.string(),
    language: z.string(),
    publishedAt: z.iso.datetime().nullable(),
    publisher: sourceRefSchema.nullable(),
    version: z.number().int(),
    revision: z.object({ id: z.uuid(), number: z.number().int(), textHash: z.string(), createdAt: z.iso.datetime() }),
    text: z.string().describe("Full text of the latest revision."),
    claims: z.array(
      z.object({
        claimId: z.uuid(),
        statement: z.string(),
        status: claimStatusSchema,
        anchorStatus: z.enum(["anchored", "anchor_lost"]),
        span: z.object({ start: z.number().int(), end: z.number().int(), exact: z.string() }).nullable(),
      }),
    ),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Article" });
