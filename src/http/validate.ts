import type { z } from "zod";
import { AppError, type FieldError } from "./problem";

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ field: [...issue.path, k].join("."), message: "Unknown field.", code: "unknown_field" }));
    }
    return [{ field: issue.path.join(".") || "(root)", message: issue.message, code: issue.code }];
  });
}

/** 400 listing every offending field, from a zod error. */
export function validationError(where: string, error: z.ZodError): AppError {
  return new AppError(400, "validation_failed", `The request ${where} is not valid.`, { errors: fieldErrors(error) });
}
