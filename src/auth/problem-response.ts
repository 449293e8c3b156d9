import type { ResponseSpec } from "../http/api-router";
import { problemSchema } from "../http/problem-schema";

/** A problem+json response for the OpenAPI document. */
export const problemResponse = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: "application/problem+json" });
