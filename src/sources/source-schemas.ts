import { z } from "zod";

export const sourceTypeSchema = z.enum(["person", "organization", "government", "agency", "press_office", "publication", "document"]);

export const sourceRefSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: sourceTypeSchema,
    aliases: z.array(z.string()),
    wikidataId: z.string().nullable(),
  })
  .meta({ id: "SourceRef" });

export const sourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    aliases: z.array(z.string()),
    type: sourceTypeSchema,
    wikidataId: z.string().nullable(),
    country: z.string().nullable(),
    description: z.string().nullable(),
    mergedIntoId: z.uuid().nullable().describe("Set when this source was merged into another."),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Source" });

export const sourceListSchema = z.object({ data: z.array(sourceSchema), nextCursor: z.string().nullable() }).meta({ id: "SourceList" });
