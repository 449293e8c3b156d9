/**
 * Entry point: validates the input, analyses the text once, builds frames per
 * sentence, resolves speakers and nests reporting chains. Every stage is linear or
 * near-linear in the input length; no network, no model files.
 */
import { analyse } from "./document";
import { ExtractionInputError } from "./errors";
import { buildChains, type Draft } from "./chain";
import { extendAcrossSentences } from "./continuation";
import { framesForSentence, type Frame } from "./frames";
import { SourceMatcher } from "./known-sources";
import { toProposal } from "./proposals";
import { resolveSources } from "./resolve";
import { DEFAULT_MAX_LENGTH, type AttributionProposal, type ExtractOptions, type ExtractionResult } from "./types";

/** Hard ceiling for `maxLength`, so a caller cannot opt into unbounded work by mistake. */
export const MAX_ALLOWED_LENGTH = 50_000_000;

function checkInput(text: unknown, opts: ExtractOptions | undefined): number {
  if (typeof text !== "string") {
    throw new ExtractionInputError("not_a_string", `text must be a string, got ${text === null ? "null" : typeof text}`);
  }
  const max = opts?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isInteger(max) || max < 0 || max > MAX_ALLOWED_LENGTH) {
    throw new ExtractionInputError("invalid_option", `maxLength must be an integer between 0 and ${MAX_ALLOWED_LENGTH}`);
  }
  if (opts?.knownSources !== undefined && !Array.isArray(opts.knownSources)) {
    throw new ExtractionInputError("invalid_option", "knownSources must be an array");
  }
  if (text.length > max) {
    throw new ExtractionInputError("text_too_long", `text is ${text.length} UTF-16 code units; the limit is ${max}`, { limit: max, actual: text.length });
  }
  return max;
}

function position(p: AttributionProposal): number {
  return Math.min(p.source?.start ?? Infinity, p.cue?.start ?? Infinity, p.content[0]?.start ?? Infinity);
}

/**
 * Proposes the attributed claims of an article.
 * @throws ExtractionInputError for non-strings, bad options, or text longer than maxLength.
 */
export function extractAttributions(text: string, opts?: ExtractOptions): ExtractionResult {
  checkInput(text, opts);
  const doc = analyse(text);
  const frames: Frame[] = [];
  doc.sentences.forEach((s, si) => {
    for (const f of framesForSentence(doc, s, si)) frames.push(f);
  });
  extendAcrossSentences(doc, frames);
  const drafts: Array<{ frame: Frame; proposal: AttributionProposal }> = [];
  for (const frame of frames) {
    const proposal = toProposal(doc, frame);
    if (proposal) drafts.push({ frame, proposal });
  }
  const known = opts?.knownSources ?? [];
  resolveSources(doc, drafts, known.length > 0 ? new SourceMatcher(known) : null);
  const chained = buildChains(drafts.map((d): Draft => ({ proposal: d.proposal, sentence: d.frame.sentence })));
  chained.sort((a, b) => position(a) - position(b));
  chained.forEach((p, i) => {
    p.id = `p${i + 1}`;
  });
  return {
    proposals: chained,
    stats: { characters: text.length, sentences: doc.sentences.length, quotes: doc.quotes.length },
  };
}

/** Non-throwing variant for callers that prefer an error object. */
export function tryExtractAttributions(
  text: string,
  opts?: ExtractOptions,
): { ok: true; result: ExtractionResult } | { ok: false; error: ExtractionInputError } {
  try {
    return { ok: true, result: extractAttributions(text, opts) };
  } catch (e) {
    if (e instanceof ExtractionInputError) return { ok: false, error: e };
    throw e;
  }
}
