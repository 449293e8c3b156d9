/** Why an input was refused. Stable strings: callers (HTTP layer) may map them to 4xx codes. */
export type ExtractionInputErrorCode = "not_a_string" | "text_too_long" | "invalid_option";

/**
 * Thrown for inputs the engine refuses outright. Anything else that is a string
 * (empty, binary garbage, lone surrogates, NUL bytes, unbalanced quotes) gives a
 * result, never an exception.
 */
export class ExtractionInputError extends Error {
  readonly code: ExtractionInputErrorCode;
  readonly limit: number | undefined;
  readonly actual: number | undefined;

  constructor(code: ExtractionInputErrorCode, message: string, details?: { limit?: number; actual?: number }) {
    super(message);
    this.name = "ExtractionInputError";
    this.code = code;
    this.limit = details?.limit;
    this.actual = details?.actual;
  }
}
