import { presentSourceRef } from "../sources/source-presenter";
import type { ArticleClaimRow, ArticleRow, RevisionRef, RevisionSummaryRow } from "./article-queries";

export function presentRevisionRef(r: Pick<RevisionRef, "id" | "number" | "textHash" | "createdAt">) {
  return { id: r.id, number: r.number, textHash: r.textHash, createdAt: r.createdAt.toISOString() };
}

export function presentRevisionSummary(r: RevisionSummaryRow) {
  return { ...presentRevisionRef(r), length: r.length };
}

export function presentRevision(r: { id: string; number: number; textHash: string; createdAt: Date; text: string }) {
  return { ...presentRevisionRef(r), length: r.text.length, text: r.text };
}

export function presentArticleSummary(a: ArticleRow, latest: RevisionRef) {
  return {
    id: a.id,
    externalId: a.externalId,
    url: a.url,
    title: a.title,
    language: a.language,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    publisher: a.publisher ? presentSourceRef(a.publisher) : null,
    version: a.version,
    revision: presentRevisionRef(latest),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Spans of the claims anchored in the latest revision; lost anchors are listed without offsets. */
export function presentArticleClaims(rows: ArticleClaimRow[], latestRevisionId: string) {
  return rows.map((s) => ({
    claimId: s.claimId,
    statement: s.claim.statement,
    status: s.claim.status,
    anchorStatus: s.anchorStatus,
    span: s.anchorStatus === "anchored" && s.revisionId === latestRevisionId ? { start: s.start, end: s.end, exact: s.exact } : null,
    quote: s.exact,
    lastGoodRevisionNumber: s.lastGoodRevision.number,
  }));
}

export function presentArticle(a: ArticleRow, latest: RevisionRef, text: string, claims: ArticleClaimRow[]) {
  const { createdAt, updatedAt, ...summary } = presentArticleSummary(a, latest);
  return { ...summary, text, claims: presentArticleClaims(claims, latest.id), createdAt, updatedAt };
}

export function presentArticleWriteResult(a: ArticleRow, latest: RevisionRef, claims: ArticleClaimRow[]) {
  return { ...presentArticleSummary(a, latest), claims: presentArticleClaims(claims, latest.id) };
}
