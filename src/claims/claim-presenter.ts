import { presentSourceRef } from "../sources/source-presenter";
import type { ClaimWithRelations } from "./claim-queries";

type Appearance = ClaimWithRelations["appearances"][number];
type Verdict = ClaimWithRelations["verdicts"][number];

export function presentAnchor(a: Appearance) {
  return {
    id: a.id,
    articleId: a.articleId,
    article: { id: a.article.id, title: a.article.title, url: a.article.url, publishedAt: a.article.publishedAt?.toISOString() ?? null },
    revisionId: a.revisionId,
    revisionNumber: a.revision.number,
    status: a.anchorStatus,
    lastGoodRevisionId: a.lastGoodRevisionId,
    lastGoodRevisionNumber: a.lastGoodRevision.number,
    // W3C Web Annotation selectors.
    selectors: [
      { type: "TextQuoteSelector" as const, exact: a.exact, prefix: a.prefix, suffix: a.suffix },
      { type: "TextPositionSelector" as const, start: a.start, end: a.end },
    ],
  };
}

function presentVerdict(v: Verdict | undefined) {
  if (!v) return null;
  return {
    id: v.id,
    kind: v.kind,
    rating: { id: v.rating.id, key: v.rating.key, label: v.rating.label, colour: v.rating.colour, value: v.rating.value },
    rationale: v.rationale,
    evidence: v.evidence.map((e) => ({
      url: e.url,
      title: e.title,
      quote: e.quote,
      accessedAt: e.accessedAt?.toISOString() ?? null,
      isPrimarySource: e.isPrimarySource,
    })),
    reviewer: { type: v.reviewerType, id: v.reviewerId },
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

export function presentClaim(c: ClaimWithRelations) {
  const [first] = c.appearances;
  return {
    id: c.id,
    externalId: c.externalId,
    statement: c.statement,
    kind: c.kind,
    fidelity: c.fidelity,
    status: c.status,
    version: c.version,
    assignee: c.assignee ? { id: c.assignee.id, name: c.assignee.name, email: c.assignee.email } : null,
    // The first appearance is the claim's anchor; later ones are the same claim elsewhere.
    anchor: first ? presentAnchor(first) : null,
    appearances: c.appearances.map(presentAnchor),
    // Seen elsewhere, known by URL only (imported ClaimReviews): no text, so no anchor.
    externalAppearances: c.externalAppearances.map((x) => ({ url: x.url, title: x.title, datePublished: x.datePublished?.toISOString() ?? null, inLanguage: x.inLanguage })),
    chain: c.chain.map((l) => ({
      position: l.position,
      role: l.role,
      cue: l.cue,
      cueSpan: l.cueStart !== null && l.cueEnd !== null ? { start: l.cueStart, end: l.cueEnd } : null,
      speechAct: l.speechAct,
      source: presentSourceRef(l.source),
    })),
    verdicts: {
      attribution: presentVerdict(c.verdicts.find((v) => v.kind === "attribution")),
      content: presentVerdict(c.verdicts.find((v) => v.kind === "content")),
    },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The fields a claim edit can change, as recorded in `claim.updated` events (before/after). */
export function claimEditableState(c: ClaimWithRelations) {
  return {
    statement: c.statement,
    kind: c.kind,
    fidelity: c.fidelity,
    status: c.status,
    version: c.version,
    speakerSourceId: c.speakerSourceId,
    chain: c.chain.map((l) => ({
      position: l.position,
      sourceId: l.sourceId,
      role: l.role,
      cue: l.cue,
      cueStart: l.cueStart,
      cueEnd: l.cueEnd,
      speechAct: l.speechAct,
    })),
  };
}
