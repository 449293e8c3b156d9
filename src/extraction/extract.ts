/**
 * Entry point: validates the input, analyses the text once, builds frames per
 * sentence, resolves speakers and nests reporting chains. Every stage is linear or
 * near-linear in the input length; no network, no model files.
 */
import { finishBoundaries } from "./boundaries";
import { analyse, type Doc } from "./document";
import { ExtractionInputError } from "./errors";
import { carryOverFrames } from "./carry-over";
import { buildChains, type Draft } from "./chain";
import { extendAcrossSentences } from "./continuation";
import { framesForSentence, type Frame } from "./frames";
import { SourceMatcher } from "./known-sources";
import { toProposal } from "./proposals";
import { resolveSources } from "./resolve";
import { DEFAULT_MAX_LENGTH, type AttributionProposal, type ExtractOptions, type ExtractionResult, type Span } from "./types";
import { selfDescribedProposals } from "./self-described";
import { transcriptTurns } from "./transcripts";
import { unattributedProposals } from "./unattributed";

/** Hard ceiling for `maxLength`, so a caller cannot opt into unbounded work by mistake. */
export const MAX_ALLOWED_LENGTH = 50_000_000;

function isKnownSource(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.id === "string" && typeof o.name === "string" && typeof o.type === "string" &&
    Array.isArray(o.aliases) && o.aliases.every((a) => typeof a === "string");
}

/** Callers may be plain JavaScript (HTTP bodies), so types are re-checked at runtime. */
function checkInput(text: unknown, opts: ExtractOptions | undefined): void {
  if (typeof text !== "string") {
    throw new ExtractionInputError("not_a_string", `text must be a string, got ${text === null ? "null" : typeof text}`);
  }
  if (opts !== undefined && (typeof opts !== "object" || opts === null)) {
    throw new ExtractionInputError("invalid_option", "options must be an object");
  }
  const max = opts?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isInteger(max) || max < 0 || max > MAX_ALLOWED_LENGTH) {
    throw new ExtractionInputError("invalid_option", `maxLength must be an integer between 0 and ${MAX_ALLOWED_LENGTH}`);
  }
  const known: unknown = opts?.knownSources;
  if (known !== undefined && (!Array.isArray(known) || !known.every(isKnownSource))) {
    throw new ExtractionInputError("invalid_option", "knownSources must be an array of { id, name, aliases: string[], type }");
  }
  if (text.length > max) {
    throw new ExtractionInputError("text_too_long", `text is ${text.length} UTF-16 code units; the limit is ${max}`, { limit: max, actual: text.length });
  }
}

const WH_RELATIVES = new Set(["which", "who", "whom"]);

/**
 * "…, which I said was …", "the senator, who aides say …": the wh-relative pronoun before the
 * speaker. ("a finish that he said …" is left alone: "that" is as often a complementizer,
 * and measured on development articles un-nesting it cost more precision than it gained.)
 */
function relativeBefore(doc: Doc, f: Frame): Pick<Draft, "relative"> {
  if (!f.source || f.sourceFirst < 1 || f.sourceFirst > f.cue.first) return {};
  const t = doc.tokens[f.sourceFirst - 1];
  if (!t || doc.inQuote[f.sourceFirst - 1] !== -1) return {};
  return WH_RELATIVES.has(t.lower) ? { relative: { start: t.start } } : {};
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
  for (const frame of transcriptTurns(doc, frames)) {
    const proposal = toProposal(doc, frame);
    if (proposal) drafts.push({ frame, proposal });
  }
  const known = opts?.knownSources ?? [];
  resolveSources(doc, drafts, known.length > 0 ? new SourceMatcher(known) : null);
  const chainedDrafts = buildChains(drafts.map((d): Draft => ({ proposal: d.proposal, sentence: d.frame.sentence, ...relativeBefore(doc, d.frame) })));
  chainedDrafts.sort((a, b) => position(a.proposal) - position(b.proposal));
  carryOverFrames(text, chainedDrafts);
  const chained = chainedDrafts.map((d) => d.proposal);
  chained.push(...selfDescribedProposals(doc));
  if (opts?.includeUnattributed === true) {
    const covered = drafts.flatMap((d) => [d.proposal.source, d.proposal.cue, ...d.proposal.content]).filter((x): x is Span => x !== null);
    chained.push(...unattributedProposals(doc, covered));
  }
  chained.sort((a, b) => position(a) - position(b));
  chained.forEach((p, i) => {
    finishBoundaries(text, p);
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
