import { z } from "zod";
import { claimStatusSchema } from "../claims/claim-schemas";

const ratingKey = z.string().min(1).max(40).describe("Key of a label on the organization's scale of this kind (GET /v1/rating-scales); retired labels are refused with 422.");
const rationale = z.string().max(20_000).describe("Markdown, at most 20,000 characters.");
const correctionNote = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .optional()
  .describe("Required when the claim is published or corrected: the change is then a public correction and moves the claim to `corrected`. Refused otherwise.");

const evidenceBase = {
  url: z.url({ protocol: /^https?$/ }).max(2048).describe("http or https URL of the evidence."),
  title: z.string().trim().min(1).max(500),
  quote: z.string().max(5000).optional().describe("The passage of the evidence that matters."),
  accessedAt: z.iso.datetime({ offset: true }).optional().describe("When the evidence was consulted (ISO 8601)."),
};

export const attributionEvidenceInput = z.strictObject({
  ...evidenceBase,
  isPrimarySource: z.boolean().default(false).describe("The primary record of what was said (transcript, official readout)."),
});
export const contentEvidenceInput = z.strictObject(evidenceBase);

export const attributionVerdictBody = z
  .strictObject({ rating: ratingKey, rationale, evidence: z.array(attributionEvidenceInput).max(50), correctionNote })
  .meta({ id: "PutAttributionVerdict" });
export const contentVerdictBody = z
  .strictObject({ rating: ratingKey, rationale, evidence: z.array(contentEvidenceInput).max(50), correctionNote })
  .meta({ id: "PutContentVerdict" });

export const transitionBody = z
  .strictObject({
    to: claimStatusSchema.describe("The state to move the claim to."),
    note: z.string().trim().min(1).max(2000).optional().describe("Why; required for `corrected` and `retracted` (shown to readers)."),
  })
  .meta({ id: "ClaimTransition" });

export const assigneeBody = z
  .strictObject({ userId: z.uuid().nullable().describe("A user of the organization, or null to unassign.") })
  .meta({ id: "ClaimAssignee" });

export type EvidenceInput = z.infer<typeof attributionEvidenceInput> | z.infer<typeof contentEvidenceInput>;
