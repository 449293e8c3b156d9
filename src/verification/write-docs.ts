import { z } from "zod";
import type { ResponseSpec } from "../http/api-router";
import { problemSchema } from "../http/problem-schema";

/** A problem+json response for the OpenAPI document. */
export const problemResponse = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: "application/problem+json" });

const idempotencyKey = z
  .string()
  .optional()
  .describe("Optional. Retrying with the same key returns the first response instead of writing again (kept 24 hours).");

/** Request headers of a write to an existing record. */
export const conditionalWriteHeaders = z.object({
  "If-Match": z.string().describe("The ETag you last read. Missing: 428; stale: 412 with the current ETag."),
  "Idempotency-Key": idempotencyKey,
});

/** Request headers of a write that creates a record. */
export const createWriteHeaders = z.object({ "Idempotency-Key": idempotencyKey });

export const conditionalWriteProblems = {
  412: problemResponse("The If-Match ETag is stale: someone changed the record since you read it (`currentEtag` names the current one)."),
  428: problemResponse("If-Match is missing."),
};
