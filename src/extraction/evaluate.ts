/**
 * Scoring of predicted attribution relations against gold ones (pure functions).
 *
 * Definitions (also printed by scripts/eval-extract.ts):
 * - A relation has three roles — source, cue, content — each a list of spans
 *   (possibly empty; content may be discontinuous). Predicted chains are flattened
 *   (see ChainScoring): every link as its own relation, or only the outermost link.
 * - Alignment: a predicted and a gold relation are candidates when their cues or
 *   their contents overlap by at least one character. Candidates are paired
 *   one-to-one greedily by weight 4·[cue overlaps] + 2·[content overlaps] +
 *   1·[source overlaps] + (share of overlapping content characters, < 1), ties by
 *   text order.
 * - Role scores, on aligned pairs only:
 *   exact   — both non-empty and the span sets are identical (same starts and ends);
 *   overlap — both non-empty and the character sets share at least one character.
 *   Precision = matches / predicted relations with that role non-empty;
 *   recall    = matches / gold relations with that role non-empty.
 *   chars   — character-level: overlapping characters of aligned pairs divided by all
 *   predicted (precision) or all gold (recall) characters of the role.
 * - full: aligned pairs whose cue and content overlap and whose sources overlap
 *   (or are both absent), over all predicted / gold relations.
 * - sourceFound: share of gold relations with a source whose source span is
 *   overlapped by the source of any predicted relation (no alignment needed).
 */
import type { AttributionProposal, ChainLink } from "./types";

export interface Range {
  start: number;
  end: number;
}

export interface Relation {
  source: Range[];
  cue: Range[];
  content: Range[];
}
export type GoldRelation = Relation;
export type PredRelation = Relation;

export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}
export interface RoleScores {
  exact: Counts;
  overlap: Counts;
  chars: Counts;
}
export interface DocumentScore {
  source: RoleScores;
  cue: RoleScores;
  content: RoleScores;
  full: Counts;
  sourceFound: { found: number; total: number };
}
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

type Role = "source" | "cue" | "content";
const ROLES: readonly Role[] = ["source", "cue", "content"];

/**
 * How chains become relations. "all": every link is a relation. "outermost": only the
 * last link (the reporter, whose content holds the inner attribution) — the PolNeAR
 * convention, which labels each token once and so never annotates the inner relation
 * of "X reported that Y said Z" (no gold cue lies inside another gold content).
 * Intermediaries carried over from an earlier sentence (`carriedOver`, see
 * carry-over.ts) are skipped there: the outermost link stated in the text is scored.
 */
export type ChainScoring = "all" | "outermost";

export function flattenProposals(proposals: readonly AttributionProposal[], mode: ChainScoring = "all"): PredRelation[] {
  const out: PredRelation[] = [];
  for (const p of proposals) {
    const all: ReadonlyArray<Pick<ChainLink, "source" | "cue" | "content" | "carriedOver">> =
      p.chain.length > 0 ? p.chain : [{ source: p.source, cue: p.cue, content: p.content }];
    // Carried-over intermediaries (carry-over.ts) are not stated next to the claim, so the
    // outermost stated link is what a token-level annotation labels.
    const stated = all.filter((l) => l.carriedOver !== true);
    const links = mode === "outermost" ? stated.slice(-1) : all;
    for (const l of links) {
      out.push({ source: l.source ? [l.source] : [], cue: l.cue ? [l.cue] : [], content: [...l.content] });
    }
  }
  return out;
}

/** Sorted, merged copy of the spans (a character set as disjoint ranges). */
export function mergeRanges(spans: readonly Range[]): Range[] {
  const sorted = spans.filter((s) => s.end > s.start).map((s) => ({ start: s.start, end: s.end })).sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

export function charCount(spans: readonly Range[]): number {
  return mergeRanges(spans).reduce((n, s) => n + s.end - s.start, 0);
}

/** Number of characters in both span sets. */
export function overlapChars(a: readonly Range[], b: readonly Range[]): number {
  const x = mergeRanges(a);
  const y = mergeRanges(b);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const p = x[i];
    const q = y[j];
    if (!p || !q) break;
    n += Math.max(0, Math.min(p.end, q.end) - Math.max(p.start, q.start));
    if (p.end < q.end) i++;
    else j++;
  }
  return n;
}

export function sameSpans(a: readonly Range[], b: readonly Range[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p.start - q.start || p.end - q.end);
  const y = [...b].sort((p, q) => p.start - q.start || p.end - q.end);
  return x.every((s, i) => s.start === y[i]?.start && s.end === y[i]?.end);
}

/** Greedy one-to-one alignment; returns pairs [predIndex, goldIndex]. */
export function align(pred: readonly Relation[], gold: readonly Relation[]): Array<[number, number]> {
  const cands: Array<{ i: number; j: number; w: number }> = [];
  pred.forEach((p, i) => {
    gold.forEach((g, j) => {
      const cue = overlapChars(p.cue, g.cue) > 0;
      const contentChars = overlapChars(p.content, g.content);
      if (!cue && contentChars === 0) return;
      const src = overlapChars(p.source, g.source) > 0;
      const share = contentChars / Math.max(1, charCount(p.content) + charCount(g.content));
      cands.push({ i, j, w: 4 * Number(cue) + 2 * Number(contentChars > 0) + Number(src) + share });
    });
  });
  cands.sort((a, b) => b.w - a.w || a.i - b.i || a.j - b.j);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of cands) {
    if (usedP.has(c.i) || usedG.has(c.j)) continue;
    usedP.add(c.i);
    usedG.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs;
}

const zero = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
const zeroRole = (): RoleScores => ({ exact: zero(), overlap: zero(), chars: zero() });

export function scoreDocument(pred: readonly Relation[], gold: readonly Relation[]): DocumentScore {
  const score: DocumentScore = { source: zeroRole(), cue: zeroRole(), content: zeroRole(), full: zero(), sourceFound: { found: 0, total: 0 } };
  for (const role of ROLES) {
    const r = score[role];
    for (const p of pred) {
      if (p[role].length === 0) continue;
      r.exact.predicted++;
      r.overlap.predicted++;
      r.chars.predicted += charCount(p[role]);
    }
    for (const g of gold) {
      if (g[role].length === 0) continue;
      r.exact.gold++;
      r.overlap.gold++;
      r.chars.gold += charCount(g[role]);
    }
  }
  score.full.predicted = pred.length;
  score.full.gold = gold.length;
  for (const [i, j] of align(pred, gold)) {
    const p = pred[i];
    const g = gold[j];
    if (!p || !g) continue;
    let allOverlap = true;
    for (const role of ROLES) {
      const r = score[role];
      const both = p[role].length > 0 && g[role].length > 0;
      const ov = both ? overlapChars(p[role], g[role]) : 0;
      if (both && sameSpans(p[role], g[role])) r.exact.tp++;
      if (ov > 0) r.overlap.tp++;
      r.chars.tp += ov;
      const bothAbsent = role === "source" && p.source.length === 0 && g.source.length === 0;
      if (ov === 0 && !bothAbsent) allOverlap = false;
    }
    if (allOverlap) score.full.tp++;
  }
  const predSources = pred.flatMap((p) => p.source);
  for (const g of gold) {
    if (g.source.length === 0) continue;
    score.sourceFound.total++;
    if (overlapChars(g.source, predSources) > 0) score.sourceFound.found++;
  }
  return score;
}

function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, predicted: a.predicted + b.predicted, gold: a.gold + b.gold };
}

/** Micro-average: sums of counts over documents. */
export function sumScores(scores: readonly DocumentScore[]): DocumentScore {
  const total: DocumentScore = { source: zeroRole(), cue: zeroRole(), content: zeroRole(), full: zero(), sourceFound: { found: 0, total: 0 } };
  for (const s of scores) {
    for (const role of ROLES) {
      total[role] = {
        exact: addCounts(total[role].exact, s[role].exact),
        overlap: addCounts(total[role].overlap, s[role].overlap),
        chars: addCounts(total[role].chars, s[role].chars),
      };
    }
    total.full = addCounts(total.full, s.full);
    total.sourceFound = { found: total.sourceFound.found + s.sourceFound.found, total: total.sourceFound.total + s.sourceFound.total };
  }
  return total;
}

export function prf(c: Counts): Prf {
  const precision = c.predicted > 0 ? c.tp / c.predicted : 0;
  const recall = c.gold > 0 ? c.tp / c.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
