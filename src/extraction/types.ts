/**
 * Public types of the attribution extraction engine.
 *
 * All offsets are UTF-16 code-unit offsets into the input string (what
 * `String.prototype.slice` uses), so `text.slice(span.start, span.end) === span.text`.
 */

/** A contiguous piece of the input text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Mirrors the `SpeechAct` enum of the Prisma schema. */
export type SpeechAct =
  | "asserts"
  | "denies"
  | "accuses"
  | "characterises"
  | "reports"
  | "promises"
  | "predicts";

export const SPEECH_ACTS: readonly SpeechAct[] = [
  "asserts",
  "denies",
  "accuses",
  "characterises",
  "reports",
  "promises",
  "predicts",
];

/** Mirrors `ChainRole` of the schema, minus `publisher` (the outlet is not in the text). */
export type ChainRole = "speaker" | "intermediary";

/** A source the caller already knows (e.g. rows of the `sources` table). */
export interface KnownSource {
  id: string;
  name: string;
  aliases: string[];
  type: string;
}

export interface ExtractOptions {
  knownSources?: KnownSource[];
  /** Longest accepted input in UTF-16 code units; default {@link DEFAULT_MAX_LENGTH}. */
  maxLength?: number;
  /**
   * Also propose sentences with no attribution at all (the outlet's own claims), with
   * source and cue null and pattern "unattributed". Default false.
   */
  includeUnattributed?: boolean;
}

/** One link of an attribution chain, ordered from the original speaker outwards. */
export interface ChainLink {
  role: ChainRole;
  /** The mention as written (may be a pronoun); null when the text names nobody. */
  source: Span | null;
  /** The cue as written ("said", "has named", "according to"); null if none. */
  cue: Span | null;
  /**
   * What this link attributes. For the speaker: the claim itself. For an
   * intermediary: the reported passage, i.e. the inner attribution as a whole
   * ("Xi declared readiness … Putin" for the press service).
   */
  content: Span[];
  speechAct: SpeechAct;
  /** Named mention a pronoun or description ("he", "the Chinese president") resolves to. */
  antecedent?: Span;
  resolvedSourceId?: string;
  /**
   * True for an intermediary carried over from an earlier sentence's reporting frame
   * ("Xi declared …, the Kremlin's press service reported. … Xi added …"): the text
   * does not repeat the reporter next to this statement, the discourse implies it.
   */
  carriedOver?: boolean;
}

/** How the proposal was found; useful to editors and to tune confidence. */
export type AttributionPattern =
  | "source-cue-content"
  | "content-source-cue"
  | "content-cue-source"
  | "according-to"
  | "colon"
  | "shared-subject"
  | "passive"
  | "headline-colon"
  /** Opt-in (`includeUnattributed`): the outlet's own claim, no source or cue in the text. */
  | "unattributed";

export interface AttributionProposal {
  /** Stable within one result: "p1", "p2", … in text order. */
  id: string;
  /** The original speaker as written; equal to `chain[0].source`. */
  source: Span | null;
  cue: Span | null;
  /** One or more spans; discontinuous content split by the cue gives several. */
  content: Span[];
  speechAct: SpeechAct;
  /** Heuristic belief in [0,1] that the whole proposal (source, cue, content) is right. */
  confidence: number;
  /** True when the content contains a direct quotation. */
  direct: boolean;
  pattern: AttributionPattern;
  resolvedSourceId?: string;
  /** For pronoun/description speakers: the named mention they resolve to. */
  antecedent?: Span;
  /** chain[0] is the speaker; later links are intermediaries (press service, agency…). */
  chain: ChainLink[];
}

export interface ExtractionResult {
  proposals: AttributionProposal[];
  stats: {
    characters: number;
    sentences: number;
    quotes: number;
  };
}

export const DEFAULT_MAX_LENGTH = 1_000_000;
