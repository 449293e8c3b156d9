import { MAX_TEXT_LENGTH } from "../articles/article-schemas";
import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { toJsonValue } from "../lib/canonical-json";
import { newId } from "../lib/ids";
import { loadKnownSources } from "./known-sources-loader";
import { proposalFingerprint } from "./proposal-fingerprint";
import { presentProposals } from "./proposal-queries";
import { runExtraction } from "./run-extraction";

const textPosition = (p: { source: { start: number } | null; cue: { start: number } | null; content: Array<{ start: number }> }) =>
  Math.min(p.source?.start ?? Infinity, p.cue?.start ?? Infinity, p.content[0]?.start ?? Infinity);

export interface RunArticleExtractionOptions {
  organizationId: string;
  actor: Actor;
  articleId: string;
}

/**
 * Extracts the attributions of the article's latest revision and stores the new ones as
 * pending proposals. A proposal already stored for the revision — pending, accepted or
 * rejected — has the same fingerprint and is skipped by the unique key (ON CONFLICT DO
 * NOTHING), so a rejection stays a rejection and concurrent runs cannot duplicate rows.
 */
export async function runArticleExtraction(tx: Prisma.TransactionClient, opts: RunArticleExtractionOptions) {
  const { organizationId, articleId } = opts;
  const article = await tx.article.findUnique({ where: { organizationId_id: { organizationId, id: articleId } }, select: { id: true, latestRevision: true } });
  if (!article) throw notFound("Article");
  const revision = await tx.articleRevision.findUnique({
    where: { organizationId_articleId_number: { organizationId, articleId, number: article.latestRevision } },
    select: { id: true, number: true, text: true },
  });
  if (!revision) throw new Error(`article ${articleId} has no revision ${article.latestRevision}`);

  const { known } = await loadKnownSources(tx, organizationId);
  // A stored revision may be up to the article limit (2,000,000); the engine is linear, so
  // read it whole rather than refuse an article the API accepted.
  const result = runExtraction(revision.text, known, 422, MAX_TEXT_LENGTH);
  const data = result.proposals.map(({ id: _localId, ...proposal }) => ({
    organizationId,
    id: newId(),
    articleId,
    revisionId: revision.id,
    fingerprint: proposalFingerprint(proposal),
    proposal: toJsonValue(proposal) as Prisma.InputJsonValue,
    confidence: proposal.confidence,
  }));
  const { count: added } = data.length ? await tx.extractionProposal.createMany({ data, skipDuplicates: true }) : { count: 0 };

  const rows = await tx.extractionProposal.findMany({ where: { organizationId, revisionId: revision.id, status: "pending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  await appendEvent(tx, organizationId, {
    actor: opts.actor,
    action: "extraction.run",
    entityType: "article",
    entityId: articleId,
    after: { revisionId: revision.id, revisionNumber: revision.number, found: result.proposals.length, added, pending: rows.length },
  });
  return {
    revision: { id: revision.id, number: revision.number },
    found: result.proposals.length,
    added,
    data: (await presentProposals(tx, organizationId, rows)).sort((a, b) => textPosition(a.proposal) - textPosition(b.proposal)),
  };
}
