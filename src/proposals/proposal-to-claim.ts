import type { ChainLink } from "../extraction";
import type { CreateClaimInput } from "../claims/create-claim";
import { AppError } from "../http/problem";
import type { StoredAttribution } from "./proposal-presenter";

type Kind = CreateClaimInput["kind"];
type SourceType = "person" | "organization" | "government" | "agency" | "press_office" | "publication" | "document";
type ChainInput = CreateClaimInput["chain"];

const MAX_STATEMENT = 5_000;

const kindBySpeechAct: Record<StoredAttribution["speechAct"], Kind> = {
  asserts: "statement",
  denies: "denial",
  accuses: "accusation",
  characterises: "statement",
  reports: "statement",
  promises: "promise",
  predicts: "prediction",
};

const openingQuote = /^\s*["'“”‘«„‚]/;

/**
 * Verbatim only when every content span is a quotation: `direct` is also true for
 * indirect speech with a few quoted words ("ready to lead … to \"a new height\"").
 */
export function isWhollyQuoted(p: StoredAttribution): boolean {
  return p.direct && p.content.length > 0 && p.content.every((c) => openingQuote.test(c.text));
}

export function defaultKind(p: StoredAttribution): Kind {
  if (isWhollyQuoted(p) && p.speechAct === "asserts") return "quote";
  return kindBySpeechAct[p.speechAct];
}

// Checked in order; the first match wins, `person` otherwise. A guess the editor can
// correct by sending a chain: a wrong type costs an edit, not a wrong claim.
const typeHints: Array<[RegExp, SourceType]> = [
  [/\b(press (service|office)|spokes(man|woman|person)'?s? office|press secretary's office)\b/i, "press_office"],
  [/\b(agency|Reuters|AFP|Associated Press|AP|TASS|Xinhua|RIA Novosti|Interfax|Bloomberg|Ukrinform)\b/i, "agency"],
  [/\b(ministry|government|administration|cabinet|kremlin|white house|parliament|congress|senate|presidency|embassy|state department)\b/i, "government"],
  [/\b(newspaper|magazine|times|post|journal|gazette|tribune|television|TV|radio|broadcaster)\b/i, "publication"],
  [/\b(report|document|statement|communiqu[eé]|resolution|declaration|readout|transcript)\b/i, "document"],
  [/\b(NATO|UN|EU|organi[sz]ation|company|corporation|party|union|council|committee|bank|group|alliance|association|institute|university|commission|fund)\b/i, "organization"],
];

export function guessSourceType(mention: string): SourceType {
  for (const [re, type] of typeHints) if (re.test(mention)) return type;
  return "person";
}

// Pronouns name nobody: creating a source called "he" would be worse than asking.
const pronoun = /^(he|she|they|it|we|i|you|him|her|them)$/i;

function sourceOf(l: ChainLink, i: number): ChainInput[number]["source"] {
  if (l.resolvedSourceId) return { id: l.resolvedSourceId };
  const mention = (l.antecedent ?? l.source)?.text.trim();
  if (!mention || pronoun.test(mention)) {
    throw new AppError(422, "unresolved_source", "The proposal does not name this link's source; send `chain` to say who it is.", {
      errors: [{ field: `chain.${i}.source`, message: mention ? `"${mention}" names nobody.` : "No source in the text.", code: "unresolved_source" }],
    });
  }
  // "The Agriculture Ministry" → "Agriculture Ministry": sources are named without the article.
  const name = mention.replace(/^the\s+/i, "").slice(0, 300);
  return { new: { name, type: guessSourceType(mention) } };
}

/** The proposed chain as a create-claim chain: resolved sources by id, other mentions as new sources. */
export function proposedChain(p: StoredAttribution): ChainInput {
  return p.chain.map((l, i) => ({
    source: sourceOf(l, i),
    role: l.role,
    ...(l.cue ? { cue: l.cue.text, cueStart: l.cue.start, cueEnd: l.cue.end } : {}),
    speechAct: l.speechAct,
  }));
}

/**
 * The anchor is the covering span of the content: from the first content span's start to
 * the last one's end. For discontinuous content ("…," he said, "…") it includes the cue in
 * between, but it selects every word of the claim, which is what a reader looks for.
 */
export function proposedAnchor(p: StoredAttribution, text: string): { start: number; end: number; exact: string } {
  const first = p.content[0];
  const last = p.content[p.content.length - 1];
  if (!first || !last) {
    throw new AppError(422, "no_content", "The proposal has no content span to anchor the claim to.");
  }
  return { start: first.start, end: last.end, exact: text.slice(first.start, last.end) };
}

// Quote marks and the comma before a cue belong to the article's typography, not the claim.
const edges = /^[\s"'“”‘’«»„‚]+|[\s"'“”‘’«»„‚,]+$/g;

/** The content as written (outer quote marks trimmed), spans joined by a space, cut to the statement limit. */
export function proposedStatement(p: StoredAttribution): string {
  const s = p.content.map((c) => c.text.replace(edges, "")).filter(Boolean).join(" ") || (p.content[0]?.text.trim() ?? "");
  return s.length > MAX_STATEMENT ? `${s.slice(0, MAX_STATEMENT - 1)}…` : s;
}
