import type { AttributionProposal, ChainLink, Span } from "../extraction";
import type { SourceRef } from "./known-sources-loader";

/** The extractor's proposal as stored in extraction_proposals.proposal (its local "pN" id dropped). */
export type StoredAttribution = Omit<AttributionProposal, "id">;

const span = (s: Span | null | undefined) => (s ? { start: s.start, end: s.end, text: s.text } : null);

function link(l: ChainLink, sources: Map<string, SourceRef>) {
  return {
    role: l.role,
    source: span(l.source),
    cue: span(l.cue),
    content: l.content.map((c) => ({ start: c.start, end: c.end, text: c.text })),
    speechAct: l.speechAct,
    antecedent: span(l.antecedent),
    resolvedSource: (l.resolvedSourceId && sources.get(l.resolvedSourceId)) || null,
    carriedOver: l.carriedOver === true,
  };
}

export function presentAttribution(p: StoredAttribution, sources: Map<string, SourceRef>) {
  return {
    source: span(p.source),
    cue: span(p.cue),
    content: p.content.map((c) => ({ start: c.start, end: c.end, text: c.text })),
    speechAct: p.speechAct,
    confidence: p.confidence,
    direct: p.direct,
    pattern: p.pattern,
    antecedent: span(p.antecedent),
    resolvedSource: (p.resolvedSourceId && sources.get(p.resolvedSourceId)) || null,
    chain: p.chain.map((l) => link(l, sources)),
  };
}

/** Every source id a proposal refers to, for one batched lookup. */
export function referencedSourceIds(p: StoredAttribution): string[] {
  return [p.resolvedSourceId, ...p.chain.map((l) => l.resolvedSourceId)].filter((x): x is string => typeof x === "string");
}

export interface ProposalRow {
  id: string;
  articleId: string;
  revisionId: string;
  status: "pending" | "accepted" | "rejected";
  proposal: unknown;
  confidence: number;
  claimId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByType: "user" | "api_key" | "system" | null;
  decidedById: string | null;
}

export function presentProposal(row: ProposalRow, revisionNumbers: Map<string, number>, sources: Map<string, SourceRef>) {
  return {
    id: row.id,
    articleId: row.articleId,
    revisionId: row.revisionId,
    revisionNumber: revisionNumbers.get(row.revisionId) ?? null,
    status: row.status,
    confidence: row.confidence,
    proposal: presentAttribution(row.proposal as StoredAttribution, sources),
    claimId: row.claimId,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decidedBy: row.decidedByType ? { type: row.decidedByType, id: row.decidedById } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type PresentedProposal = ReturnType<typeof presentProposal>;
