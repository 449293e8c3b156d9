import { z } from "zod";

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const problemSchema = z
  .object({
    type: z.string().describe("URI identifying the problem type."),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe("Stable, machine-readable error code."),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
      .optional()
      .describe("Field errors, for validation problems."),
  })
  .catchall(z.unknown())
  .meta({ id: "Problem" });
