/** Public API of the attribution extraction engine (pure code: no database, no HTTP). */
export { extractAttributions, tryExtractAttributions, MAX_ALLOWED_LENGTH } from "./extract";
export { ExtractionInputError, type ExtractionInputErrorCode } from "./errors";
export {
  DEFAULT_MAX_LENGTH,
  SPEECH_ACTS,
  type AttributionPattern,
  type AttributionProposal,
  type ChainLink,
  type ChainRole,
  type ExtractOptions,
  type ExtractionResult,
  type KnownSource,
  type SpeechAct,
  type Span,
} from "./types";
export {
  flattenProposals,
  scoreDocument,
  sumScores,
  type ChainScoring,
  type GoldRelation,
  type PredRelation,
  type RoleScores,
  type DocumentScore,
  type Counts,
  type Prf,
  type Range,
  type Relation,
  prf,
  align,
  overlapChars,
  mergeRanges,
} from "./evaluate";
