import { appendEvent, type NewEvent } from "../events/event-log";
import { AppError, notFound } from "../http/problem";
import { staleVersion } from "../http/preconditions";
import type { Actor } from "../http/types";
import { newId, sha256Hex } from "../lib/ids";
import { assertExternalIdFree, assertPublisherUsable, changedFields, type ArticleFields } from "./article-fields";
import { findRevisionRef, type Db } from "./article-queries";
import { reanchorAppearances } from "./reanchor-appearances";

/**
 * - "if-match" (PATCH, PUT by id): the ETag must match, even for a request that changes nothing.
 * - "unless-identical" (the CMS upsert): a request identical to the current state is a
 *   no-op that needs no ETag; any real change needs a matching one.
 */
export type ArticlePrecondition = { kind: "if-match"; expectedVersion: number } | { kind: "unless-identical"; expectedVersion: number | undefined };

export interface ChangeArticleOptions {
  organizationId: string;
  actor: Actor;
  /** Must be locked by the caller (lockArticle / lockArticleByExternalId) in this transaction. */
  articleId: string;
  next: (current: ArticleFields) => ArticleFields;
  /** The new full text; undefined leaves the text as it is. */
  text: string | undefined;
  precondition: ArticlePrecondition;
}

export interface ChangeOutcome {
  changed: boolean;
  revised: boolean;
}

/**
 * Changes an article's metadata and/or text. A different text (by hash) becomes a new
 * immutable revision N+1 and every claim appearance is re-anchored to it; the same text
 * adds no revision. Any change bumps the version; events are appended last, after every
 * row this change locks, so the per-organization chain head is always the last lock taken.
 */
export async function changeArticle(tx: Db, opts: ChangeArticleOptions): Promise<ChangeOutcome> {
  const { organizationId, actor, articleId: id, precondition } = opts;
  const current = await tx.article.findUnique({ where: { organizationId_id: { organizationId, id } } });
  if (!current) throw notFound("Article");
  if (precondition.kind === "if-match" && precondition.expectedVersion !== current.version) throw staleVersion("The article", current.version);

  const latest = await findRevisionRef(tx, organizationId, id, current.latestRevision);
  const currentFields: ArticleFields = {
    externalId: current.externalId,
    url: current.url,
    publisherId: current.publisherId,
    title: current.title,
    language: current.language,
    publishedAt: current.publishedAt,
  };
  const next = opts.next(currentFields);
  const changes = changedFields(currentFields, next);
  const textHash = opts.text === undefined ? latest.textHash : sha256Hex(opts.text);
  const revised = opts.text !== undefined && textHash !== latest.textHash;
  if (changes.names.length === 0 && !revised) return { changed: false, revised: false };

  if (precondition.kind === "unless-identical") {
    if (precondition.expectedVersion === undefined) {
      throw new AppError(
        428,
        "precondition_required",
        "An article with this externalId exists and this request would change it: send If-Match with the ETag you last read. (A request identical to its current state needs none.)",
        { articleId: id, currentEtag: `"${current.version}"` },
      );
    }
    if (precondition.expectedVersion !== current.version) throw staleVersion("The article", current.version);
  }
  if (changes.names.includes("publisherId") && next.publisherId !== null) await assertPublisherUsable(tx, organizationId, next.publisherId);
  if (changes.names.includes("externalId") && next.externalId !== null) await assertExternalIdFree(tx, organizationId, next.externalId, id);

  const number = current.latestRevision + 1;
  // The row is locked, so this matches; the version condition is the guard all the same.
  const { count } = await tx.article.updateMany({
    where: { organizationId, id, version: current.version },
    data: { ...changes.after, version: { increment: 1 }, ...(revised ? { latestRevision: number } : {}) },
  });
  if (count === 0) throw staleVersion("The article", current.version + 1);

  const events: NewEvent[] = [];
  if (changes.names.length > 0) {
    events.push({
      actor,
      action: "article.updated",
      entityType: "article",
      entityId: id,
      before: { ...changes.before, version: current.version },
      after: { ...changes.after, version: current.version + 1 },
    });
  }
  if (revised && opts.text !== undefined) {
    const revisionId = newId();
    await tx.articleRevision.create({ data: { organizationId, id: revisionId, articleId: id, number, text: opts.text, textHash } });
    const reanchored = await reanchorAppearances(tx, organizationId, actor, id, { id: revisionId, number, text: opts.text });
    events.push({
      actor,
      action: "article.revised",
      entityType: "article",
      entityId: id,
      before: { revision: latest.number, revisionId: latest.id, textHash: latest.textHash },
      after: { revision: number, revisionId, textHash, length: opts.text.length, claimsAnchored: reanchored.anchored, claimsLost: reanchored.lost },
    });
    events.push(...reanchored.events);
  }
  for (const e of events) await appendEvent(tx, organizationId, e);
  return { changed: true, revised };
}
