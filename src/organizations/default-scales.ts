import type { VerdictKind } from "../generated/prisma/enums";

export interface ScaleLabelSpec {
  key: string;
  label: string;
  description: string;
  colour: string;
  value: number | null;
}

/**
 * Default rating scales. Values feed ClaimReview's ratingValue (higher = better);
 * labels that are not a point on the scale (unverifiable, unproven) have no value.
 * Content labels follow the common PolitiFact-style ladder plus "misleading"
 * (used by e.g. AFP and Full Fact) and "unproven".
 */
export const defaultScales: Record<VerdictKind, { name: string; labels: ScaleLabelSpec[] }> = {
  attribution: {
    name: "Attribution",
    labels: [
      { key: "accurate", label: "Accurate", description: "Said by this source, as quoted.", colour: "#1a7f37", value: 5 },
      { key: "accurate_paraphrase", label: "Accurate paraphrase", description: "Said by this source; the wording is a fair paraphrase.", colour: "#4c9a2a", value: 4 },
      { key: "distorted", label: "Distorted", description: "The source said something like it, but the quote changes its meaning.", colour: "#bf8700", value: 3 },
      { key: "misattributed", label: "Misattributed", description: "Said, but by someone else.", colour: "#d1242f", value: 2 },
      { key: "fabricated", label: "Fabricated", description: "Nobody said it.", colour: "#82071e", value: 1 },
      { key: "unverifiable", label: "Unverifiable", description: "No primary record could be found either way.", colour: "#6e7781", value: null },
    ],
  },
  content: {
    name: "Content",
    labels: [
      { key: "true", label: "True", description: "Accurate, with nothing significant missing.", colour: "#1a7f37", value: 5 },
      { key: "mostly_true", label: "Mostly true", description: "Accurate but needs clarification or additional information.", colour: "#4c9a2a", value: 4 },
      { key: "half_true", label: "Half true", description: "Partially accurate; leaves out important details or takes things out of context.", colour: "#bf8700", value: 3 },
      { key: "mostly_false", label: "Mostly false", description: "Contains an element of truth but ignores critical facts.", colour: "#d4700b", value: 2 },
      { key: "false", label: "False", description: "Not accurate.", colour: "#d1242f", value: 1 },
      { key: "misleading", label: "Misleading", description: "Accurate in parts but presented so as to give a false impression.", colour: "#9a6700", value: null },
      { key: "unproven", label: "Unproven", description: "The available evidence neither proves nor disproves it.", colour: "#6e7781", value: null },
    ],
  },
};
