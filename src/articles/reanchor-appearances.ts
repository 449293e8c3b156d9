import type { NewEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import type { Db } from "./article-queries";
import { reanchor, relocateSpan } from "./reanchor";

export interface NewRevision {
  id: string;
  number: number;
  text: string;
}

export interface ReanchorSummary {
  anchored: number;
  lost: number;
  events: NewEvent[];
}

interface CueChange {
  position: number;
  before: { start: number; end: number };
  after: { start: number; end: number } | null;
}

/**
 * Moves every claim appearance of the article to its new revision. A quote still found
 * verbatim gets new offsets and context (and its chain's cue spans move with it); a quote
 * that is gone becomes `anchor_lost` and keeps the offsets of the last revision it was
 * found in, so it is never silently moved. Lost appearances are retried from their last
 * good revision, so a quote that comes back is anchored again. Returns one event per
 * affected claim; the caller appends them after its own (the chain head is locked last).
 */
export async function reanchorAppearances(tx: Db, organizationId: string, actor: Actor, articleId: string, revision: NewRevision): Promise<ReanchorSummary> {
  // Lock the claims, then their appearances (each in id order, claims before appearances
  // like the claim use cases), so a concurrent edit of either waits instead of being lost.
  await tx.$queryRaw`
    SELECT id::text AS id FROM claims
    WHERE "organizationId" = ${organizationId}::uuid
      AND id IN (SELECT "claimId" FROM claim_appearances WHERE "organizationId" = ${organizationId}::uuid AND "articleId" = ${articleId}::uuid)
    ORDER BY id FOR UPDATE`;
  await tx.$queryRaw`SELECT id::text AS id FROM claim_appearances WHERE "organizationId" = ${organizationId}::uuid AND "articleId" = ${articleId}::uuid ORDER BY id FOR UPDATE`;
  const appearances = await tx.claimAppearance.findMany({
    where: { organizationId, articleId },
    orderBy: { id: "asc" },
    select: { id: true, claimId: true, revisionId: true, lastGoodRevisionId: true, exact: true, prefix: true, suffix: true, start: true, end: true, anchorStatus: true },
  });
  const summary: ReanchorSummary = { anchored: 0, lost: 0, events: [] };
  if (appearances.length === 0) return summary;

  const oldRevisions = await tx.articleRevision.findMany({
    where: { organizationId, id: { in: [...new Set(appearances.map((a) => a.revisionId))] } },
    select: { id: true, number: true, text: true },
  });
  const byId = new Map(oldRevisions.map((r) => [r.id, r]));
  const links = await tx.attributionLink.findMany({
    where: { organizationId, claimId: { in: appearances.map((a) => a.claimId) }, cueStart: { not: null }, cueEnd: { not: null } },
    select: { id: true, claimId: true, position: true, cue: true, cueStart: true, cueEnd: true },
    orderBy: [{ claimId: "asc" }, { position: "asc" }],
  });

  const changedClaimIds: string[] = [];
  for (const a of appearances) {
    const old = byId.get(a.revisionId);
    if (!old) throw new Error(`appearance ${a.id} points at a missing revision ${a.revisionId}`);
    const before = { articleId, revisionId: a.revisionId, revisionNumber: old.number, anchorStatus: a.anchorStatus, start: a.start, end: a.end };
    const result = reanchor(revision.text, { exact: a.exact, prefix: a.prefix, suffix: a.suffix }, { start: a.start, textLength: old.text.length });

    if (result.status === "anchor_lost") {
      summary.lost++;
      // Already lost: nothing changes, and the last good revision stays where it was.
      if (a.anchorStatus === "anchor_lost") continue;
      await tx.claimAppearance.update({ where: { organizationId_id: { organizationId, id: a.id } }, data: { anchorStatus: "anchor_lost" } });
      changedClaimIds.push(a.claimId);
      summary.events.push({
        actor,
        action: "claim.anchor_lost",
        entityType: "claim",
        entityId: a.claimId,
        claimId: a.claimId,
        before,
        after: { ...before, anchorStatus: "anchor_lost", checkedRevisionId: revision.id, checkedRevisionNumber: revision.number },
      });
      continue;
    }

    summary.anchored++;
    changedClaimIds.push(a.claimId);
    // `exact` is left out of the update on purpose: it has not changed.
    await tx.claimAppearance.update({
      where: { organizationId_id: { organizationId, id: a.id } },
      data: { revisionId: revision.id, lastGoodRevisionId: revision.id, start: result.start, end: result.end, prefix: result.prefix, suffix: result.suffix, anchorStatus: "anchored" },
    });
    const cues = await relocateCues(
      tx,
      organizationId,
      links.filter((l) => l.claimId === a.claimId),
      old.text,
      revision.text,
      { oldStart: a.start, oldEnd: a.end, newStart: result.start },
    );
    summary.events.push({
      actor,
      action: "claim.reanchored",
      entityType: "claim",
      entityId: a.claimId,
      claimId: a.claimId,
      before,
      after: { articleId, revisionId: revision.id, revisionNumber: revision.number, anchorStatus: "anchored", start: result.start, end: result.end, ...(cues.length ? { cues } : {}) },
    });
  }
  // A claim shows its anchor and cue spans, so its ETag changes with them: an editor holding
  // the old one re-reads before writing offsets of the old revision back.
  if (changedClaimIds.length > 0) {
    await tx.claim.updateMany({ where: { organizationId, id: { in: changedClaimIds } }, data: { version: { increment: 1 } } });
  }
  return summary;
}

/**
 * Cue offsets are offsets in the same revision as the quote's; they move with it. A link
 * whose cue is not at its offsets in the old text belongs to another article (or was
 * already wrong) and is left alone; a cue that cannot be found again loses its span
 * (the cue text stays) rather than pointing at the wrong words.
 */
async function relocateCues(
  tx: Db,
  organizationId: string,
  links: Array<{ id: string; position: number; cue: string | null; cueStart: number | null; cueEnd: number | null }>,
  oldText: string,
  newText: string,
  quote: { oldStart: number; oldEnd: number; newStart: number },
): Promise<CueChange[]> {
  const changes: CueChange[] = [];
  for (const l of links) {
    if (l.cueStart === null || l.cueEnd === null || l.cue === null || oldText.slice(l.cueStart, l.cueEnd) !== l.cue) continue;
    const moved = relocateSpan(oldText, newText, { start: l.cueStart, end: l.cueEnd }, quote);
    if (moved && moved.start === l.cueStart && moved.end === l.cueEnd) continue;
    // Conditional on the offsets read above: a concurrent chain edit wins and is not overwritten.
    const { count } = await tx.attributionLink.updateMany({
      where: { organizationId, id: l.id, cueStart: l.cueStart, cueEnd: l.cueEnd },
      data: { cueStart: moved?.start ?? null, cueEnd: moved?.end ?? null },
    });
    if (count > 0) changes.push({ position: l.position, before: { start: l.cueStart, end: l.cueEnd }, after: moved });
  }
  return changes;
}
