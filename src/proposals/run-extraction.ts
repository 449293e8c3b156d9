import { ExtractionInputError, extractAttributions, type ExtractionResult, type KnownSource } from "../extraction";
import { AppError } from "../http/problem";
import { MAX_EXTRACT_LENGTH } from "./proposal-schemas";

/**
 * Runs the engine and turns its input refusals into problems. `tooLongStatus` is 413 when
 * the text is the request body, 422 when it is a stored article revision.
 */
export function runExtraction(text: string, knownSources: KnownSource[], tooLongStatus: 413 | 422, maxLength = MAX_EXTRACT_LENGTH): ExtractionResult {
  try {
    return extractAttributions(text, { knownSources, maxLength });
  } catch (err) {
    if (err instanceof ExtractionInputError && err.code === "text_too_long") {
      throw new AppError(tooLongStatus, "text_too_long", `The text is ${text.length} UTF-16 code units; the extractor reads at most ${maxLength}.`, {
        errors: [{ field: "text", message: `At most ${maxLength} UTF-16 code units.`, code: "text_too_long" }],
        limit: maxLength,
        length: text.length,
      });
    }
    throw err;
  }
}
