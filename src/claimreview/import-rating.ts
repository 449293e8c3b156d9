import { number, text, type Loose, isObject } from "./import-values";

export interface ScaleLabel {
  key: string;
  label: string;
  value: number | null;
}

export interface MappedRating {
  key: string;
  /** The rating as the other fact-checker wrote it, kept in the verdict's rationale. */
  original: string | null;
  warning: string | null;
}

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, " ").replace(/\s+/g, " ").trim();

/**
 * Real-world labels (several languages, several fact-checkers' scales, see
 * ../shared/data/claimreview/fact-checker-rating-labels.json) → keys of the default content
 * scale. A custom scale still benefits when it keeps these keys.
 */
const SYNONYMS: Array<[string, string[]]> = [
  ["mostly_false", ["mostly false", "barely true", "partly false", "partially false", "mostly incorrect", "largely false", "mayormente falso", "mayoritariamente falso", "plutot faux", "en grande partie faux", "weitgehend falsch", "groesstenteils falsch"]],
  ["mostly_true", ["mostly true", "mostly correct", "roughly correct", "broadly correct", "not far off", "largely true", "mayormente verdadero", "mayoritariamente verdadero", "plutot vrai", "weitgehend richtig", "grosstenteils richtig"]],
  ["half_true", ["half true", "half-true", "mixture", "mixed", "partly true", "partially true", "partly correct", "medio verdadero", "verdad a medias", "a medias", "en partie vrai", "moitie vrai", "teilweise richtig", "teilweise falsch"]],
  ["misleading", ["misleading", "missing context", "lacks context", "out of context", "needs context", "false context", "cherry picks", "exaggerated", "exaggeration", "distorted", "enganoso", "engañoso", "trompeur", "irrefuhrend", "irrefuehrend", "enganador", "fuori contesto", "fuorviante"]],
  ["unproven", ["unproven", "unverified", "unsupported", "no evidence", "unfounded", "unsubstantiated", "insufficient evidence", "unable to finalise", "unable to verify", "research in progress", "sin pruebas", "no verificable", "non prouve", "unbelegt"]],
  ["false", ["false", "pants on fire", "pants fire", "incorrect", "wrong", "that's wrong", "not true", "untrue", "fake", "hoax", "fabricated", "blatantly false", "altered", "falso", "faux", "falsch", "fausse", "falsa", "sbagliato", "nepravda"]],
  ["true", ["true", "correct", "accurate", "verdadero", "verdadera", "vrai", "wahr", "richtig", "vero", "verdadeiro", "cierto"]],
];

function byKey(labels: readonly ScaleLabel[], key: string): ScaleLabel | undefined {
  return labels.find((l) => l.key === key);
}

function fromText(raw: string, labels: readonly ScaleLabel[]): { label: ScaleLabel; exact: boolean } | null {
  const t = fold(raw);
  if (!t) return null;
  const exact = labels.find((l) => fold(l.label) === t || fold(l.key.replace(/_/g, " ")) === t);
  if (exact) return { label: exact, exact: true };
  // Whole phrase first; then a phrase at the start of a sentence-long verdict ("Incorrect. The
  // figures…"), longest phrases first so "mostly false" wins over "false".
  const phrases = SYNONYMS.flatMap(([key, list]) => list.map((p) => ({ key, p: fold(p) }))).sort((a, b) => b.p.length - a.p.length);
  for (const { key, p } of phrases) {
    const label = byKey(labels, key);
    if (label && t === p) return { label, exact: false };
  }
  for (const { key, p } of phrases) {
    const label = byKey(labels, key);
    if (label && (t.startsWith(`${p} `) || t.startsWith(`this is ${p}`) || t.startsWith(`it's ${p}`))) return { label, exact: false };
  }
  // The org's own labels inside a longer text ("Rated: Mostly false").
  const inside = [...labels].sort((a, b) => b.label.length - a.label.length).find((l) => new RegExp(`(^| )${fold(l.label)}( |$)`).test(t));
  return inside ? { label: inside, exact: false } : null;
}

function fromNumber(rating: Record<string, unknown>, labels: readonly ScaleLabel[]): { label: ScaleLabel; assumedBounds: boolean } | null {
  const value = number(rating.ratingValue);
  if (value === null) return null;
  let best = number(rating.bestRating);
  let worst = number(rating.worstRating);
  const assumedBounds = best === null || worst === null;
  // Google's example scheme (1 = False … 5 = True) when the bounds are missing.
  best ??= 5;
  worst ??= 1;
  if (!(best > worst) || value < worst || value > best) return null;
  const points = labels.filter((l): l is ScaleLabel & { value: number } => l.value !== null);
  if (!points.length) return null;
  const lo = Math.min(...points.map((l) => l.value));
  const hi = Math.max(...points.map((l) => l.value));
  const target = lo + ((value - worst) / (best - worst)) * (hi - lo);
  const nearest = [...points].sort((a, b) => Math.abs(a.value - target) - Math.abs(b.value - target))[0];
  return nearest ? { label: nearest, assumedBounds } : null;
}

/**
 * Maps an external reviewRating onto the organization's content scale: by label (exact,
 * then known synonyms in several languages), then by numeric position between worst and
 * best; otherwise `unproven` with a warning. Returns null when the scale has no usable label.
 */
export function mapRating(ratingNode: Loose, labels: readonly ScaleLabel[]): MappedRating | null {
  const fallback = byKey(labels, "unproven") ?? labels.find((l) => l.value === null) ?? null;
  const rating = isObject(ratingNode) ? ratingNode : typeof ratingNode === "string" ? { alternateName: ratingNode } : null;
  if (!rating) {
    return fallback ? { key: fallback.key, original: null, warning: `The review has no reviewRating: recorded as "${fallback.label}".` } : null;
  }
  const original = text(rating.alternateName) ?? text(rating.name) ?? text(rating.ratingExplanation);
  if (original) {
    const found = fromText(original, labels);
    if (found) return { key: found.label.key, original, warning: found.exact ? null : `The rating "${original}" was mapped to "${found.label.label}".` };
  }
  const numeric = fromNumber(rating, labels);
  if (numeric) {
    const how = numeric.assumedBounds ? " (no bestRating/worstRating: assumed 1 to 5)" : "";
    return { key: numeric.label.key, original, warning: `The rating${original ? ` "${original}"` : ""} was mapped by its ratingValue${how} to "${numeric.label.label}".` };
  }
  if (!fallback) return null;
  return { key: fallback.key, original, warning: `The rating ${original ? `"${original}"` : "(no text, no usable number)"} matches no label of the scale: recorded as "${fallback.label}".` };
}
