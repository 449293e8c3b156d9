import type { Prisma, Source } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import { staleVersion } from "../http/preconditions";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { normaliseAliases, sourceSearchText } from "./search-text";
import { sourceMerged } from "./update-source";

export interface MergeSourcesOptions {
  organizationId: string;
  /** The duplicate, named in the path; it is kept with mergedIntoId set. */
  duplicateId: string;
  targetId: string;
  /** The duplicate's version from If-Match. */
  expectedVersion: number;
  actor: Actor;
}

export interface MergeResult {
  target: Source;
  movedLinks: Array<{ id: string; claimId: string; position: number }>;
  movedClaimIds: string[];
  movedArticleIds: string[];
}

export const mergeIntoSelf = () =>
  new AppError(422, "merge_into_self", "A source cannot be merged into itself.", {
    errors: [{ field: "into", message: "Must name another source.", code: "merge_into_self" }],
  });

/**
 * Folds a duplicate source into a target, in the caller's transaction:
 * attribution links, claims' denormalised speaker and articles' publisher move to the
 * target; the duplicate's names become target aliases; the duplicate stays, pointing at
 * the target, so old ids still resolve.
 *
 * Locks, always in this order, so that concurrent merges wait for each other instead of
 * deadlocking: both source rows (ordered by id), then the affected claims (ordered by id),
 * then the affected articles (ordered by id), then the event chain head. While we hold the
 * duplicate FOR UPDATE nobody can add a link to it (the foreign key check needs a
 * KEY SHARE lock on it), so the set of links we move is complete.
 */
export async function mergeSources(tx: Prisma.TransactionClient, opts: MergeSourcesOptions): Promise<MergeResult> {
  const { organizationId: org, duplicateId: dupId, targetId } = opts;
  if (dupId === targetId) throw mergeIntoSelf();

  await tx.$queryRaw`
    SELECT id FROM sources
    WHERE "organizationId" = ${org}::uuid AND id IN (${dupId}::uuid, ${targetId}::uuid)
    ORDER BY id FOR UPDATE`;
  const rows = await tx.source.findMany({ where: { organizationId: org, id: { in: [dupId, targetId] } } });
  const dup = rows.find((s) => s.id === dupId);
  const target = rows.find((s) => s.id === targetId);
  if (!dup) throw notFound("Source");
  if (dup.mergedIntoId) throw sourceMerged(dup);
  if (dup.version !== opts.expectedVersion) throw staleVersion("The source", dup.version);
  if (!target) {
    throw new AppError(422, "merge_target_not_found", "The source to merge into does not exist.", {
      errors: [{ field: "into", message: "No such source in this organization.", code: "merge_target_not_found" }],
    });
  }
  if (target.mergedIntoId) {
    throw new AppError(409, "merge_target_merged", `The target was itself merged into source ${target.mergedIntoId}; merge into that one instead.`, {
      mergedIntoId: target.mergedIntoId,
    });
  }

  // Claims change too (their chain shows another source): new version, so editors holding
  // the old ETag re-read before they write the chain back.
  const claims = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM claims
    WHERE "organizationId" = ${org}::uuid
      AND ("speakerSourceId" = ${dupId}::uuid
           OR id IN (SELECT "claimId" FROM attribution_links WHERE "organizationId" = ${org}::uuid AND "sourceId" = ${dupId}::uuid))
    ORDER BY id FOR UPDATE`;
  await tx.$executeRaw`
    UPDATE claims
    SET "speakerSourceId" = CASE WHEN "speakerSourceId" = ${dupId}::uuid THEN ${targetId}::uuid ELSE "speakerSourceId" END,
        version = version + 1, "updatedAt" = now()
    WHERE "organizationId" = ${org}::uuid
      AND ("speakerSourceId" = ${dupId}::uuid
           OR id IN (SELECT "claimId" FROM attribution_links WHERE "organizationId" = ${org}::uuid AND "sourceId" = ${dupId}::uuid))`;
  const movedLinks = await tx.$queryRaw<Array<{ id: string; claimId: string; position: number }>>`
    UPDATE attribution_links SET "sourceId" = ${targetId}::uuid
    WHERE "organizationId" = ${org}::uuid AND "sourceId" = ${dupId}::uuid
    RETURNING id, "claimId", position`;

  const articles = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM articles WHERE "organizationId" = ${org}::uuid AND "publisherId" = ${dupId}::uuid ORDER BY id FOR UPDATE`;
  if (articles.length > 0) {
    await tx.$executeRaw`
      UPDATE articles SET "publisherId" = ${targetId}::uuid, version = version + 1, "updatedAt" = now()
      WHERE "organizationId" = ${org}::uuid AND "publisherId" = ${dupId}::uuid`;
  }

  const aliases = normaliseAliases(target.name, [...target.aliases, dup.name, ...dup.aliases]);
  const mergedTarget = await tx.source.update({
    where: { organizationId_id: { organizationId: org, id: targetId } },
    data: { aliases, searchText: sourceSearchText(target.name, aliases), version: { increment: 1 } },
  });
  const mergedDup = await tx.source.update({
    where: { organizationId_id: { organizationId: org, id: dupId } },
    data: { mergedIntoId: targetId, version: { increment: 1 } },
  });

  const result: MergeResult = {
    target: mergedTarget,
    movedLinks: movedLinks.map((l) => ({ id: l.id, claimId: l.claimId, position: Number(l.position) })),
    movedClaimIds: claims.map((c) => c.id),
    movedArticleIds: articles.map((a) => a.id),
  };
  await appendEvent(tx, org, {
    actor: opts.actor,
    action: "source.merged",
    entityType: "source",
    entityId: dupId,
    before: {
      duplicate: { id: dupId, name: dup.name, mergedIntoId: null, version: dup.version },
      target: { id: targetId, aliases: target.aliases, version: target.version },
    },
    after: {
      duplicate: { id: dupId, mergedIntoId: targetId, version: mergedDup.version },
      target: { id: targetId, aliases: mergedTarget.aliases, version: mergedTarget.version },
      movedLinks: result.movedLinks,
      movedClaimIds: result.movedClaimIds,
      movedArticleIds: result.movedArticleIds,
    },
  });
  return result;
}
