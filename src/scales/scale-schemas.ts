import { z } from "zod";

export const verdictKindSchema = z.enum(["attribution", "content"]);

export const ratingLabelSchema = z
  .object({
    key: z.string().describe("Stable machine key, used by verdicts and filters."),
    label: z.string(),
    description: z.string(),
    colour: z.string().describe("#rrggbb"),
    value: z.number().int().nullable().describe("ClaimReview ratingValue (higher = better); null for labels off the scale."),
    position: z.number().int().describe("Order on the scale; retired labels come last."),
    retiredAt: z.iso.datetime().nullable().describe("Set when the label was removed while verdicts still used it; new verdicts cannot use it."),
  })
  .meta({ id: "RatingLabel" });

export const ratingScaleSchema = z
  .object({
    id: z.uuid(),
    kind: verdictKindSchema,
    name: z.string(),
    etag: z.string().describe("The scale's ETag; send it in If-Match to replace its labels."),
    updatedAt: z.iso.datetime(),
    labels: z.array(ratingLabelSchema),
  })
  .meta({ id: "RatingScale" });

export const ratingScaleListSchema = z.object({ data: z.array(ratingScaleSchema) }).meta({ id: "RatingScaleList" });

export const updatedRatingScaleSchema = ratingScaleSchema
  .extend({
    retired: z.array(z.string()).describe("Keys removed by this change that verdicts still use: retired instead of deleted."),
    deleted: z.array(z.string()).describe("Keys removed by this change and deleted (no verdict used them)."),
  })
  .meta({ id: "UpdatedRatingScale" });

export const scaleKindParams = z.object({ kind: verdictKindSchema.describe("Which scale: attribution or content.") });

const labelInput = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "A lower-case letter, then up to 39 lower-case letters, digits or underscores.")
    .describe("Stable machine key (^[a-z][a-z0-9_]{0,39}$), unique within the scale."),
  label: z.string().trim().min(1).max(100),
  description: z.string().max(1000).default(""),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour as #rrggbb.").describe("#rrggbb"),
  value: z.number().int().min(-1000).max(1000).nullable().default(null).describe("ClaimReview ratingValue (higher = better); null for labels off the scale."),
});

export const updateScaleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().describe("New display name of the scale; unchanged when omitted."),
    labels: z.array(labelInput).min(1).max(50).describe("The complete new list of labels, in scale order."),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.labels.forEach((l, i) => {
      if (seen.has(l.key)) ctx.addIssue({ code: "custom", path: ["labels", i, "key"], message: `Duplicate key "${l.key}".` });
      seen.add(l.key);
    });
  })
  .meta({ id: "UpdateRatingScale" });

export type UpdateScaleBody = z.infer<typeof updateScaleBody>;
