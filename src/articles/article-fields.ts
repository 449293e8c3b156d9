import { AppError } from "../http/problem";
import type { ArticlePatchBody, ArticleUpsertBody, ArticleWriteBody } from "./article-schemas";
import { lockExternalId, type Db } from "./article-queries";

/** The editable metadata of an article (the text is kept in revisions). */
export interface ArticleFields {
  externalId: string | null;
  url: string;
  publisherId: string | null;
  title: string;
  language: string;
  publishedAt: Date | null;
}

export const articleFieldNames = ["externalId", "url", "publisherId", "title", "language", "publishedAt"] as const satisfies ReadonlyArray<keyof ArticleFields>;
export type ArticleFieldName = (typeof articleFieldNames)[number];

/** A full replacement (POST, PUT): omitted optional fields are null. */
export function fieldsFromWrite(body: ArticleWriteBody | ArticleUpsertBody, externalId: string | null): ArticleFields {
  return {
    externalId,
    url: body.url,
    publisherId: body.publisherId ?? null,
    title: body.title,
    language: body.language,
    publishedAt: body.publishedAt ? new Date(body.publishedAt) : null,
  };
}

/** A PATCH: fields that are absent keep their current value. */
export function fieldsFromPatch(current: ArticleFields, body: ArticlePatchBody): ArticleFields {
  return {
    externalId: body.externalId !== undefined ? body.externalId : current.externalId,
    url: body.url ?? current.url,
    publisherId: body.publisherId !== undefined ? body.publisherId : current.publisherId,
    title: body.title ?? current.title,
    language: body.language ?? current.language,
    publishedAt: body.publishedAt !== undefined ? (body.publishedAt === null ? null : new Date(body.publishedAt)) : current.publishedAt,
  };
}

const sameValue = (a: string | Date | null, b: string | Date | null): boolean =>
  a instanceof Date || b instanceof Date ? (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false) : a === b;

/** The fields whose value differs, with both values, for the update and its event. */
export function changedFields(current: ArticleFields, next: ArticleFields): { names: ArticleFieldName[]; before: Partial<ArticleFields>; after: Partial<ArticleFields> } {
  const names = articleFieldNames.filter((name) => !sameValue(current[name], next[name]));
  const pick = (from: ArticleFields) => Object.fromEntries(names.map((n) => [n, from[n]])) as Partial<ArticleFields>;
  return { names, before: pick(current), after: pick(next) };
}

/**
 * 422 unless the publisher is a source of the caller's organization that was not merged
 * away. FOR KEY SHARE: a merge of that source (which holds it FOR UPDATE) finishes first,
 * and then we see it merged, instead of pointing the article at the merged duplicate.
 */
export async function assertPublisherUsable(tx: Db, organizationId: string, publisherId: string): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ mergedIntoId: string | null }>>`
    SELECT "mergedIntoId"::text AS "mergedIntoId" FROM sources
    WHERE "organizationId" = ${organizationId}::uuid AND id = ${publisherId}::uuid FOR KEY SHARE`;
  const source = rows[0];
  if (!source) {
    throw new AppError(422, "unknown_publisher", "publisherId does not name a source of your organization.", {
      errors: [{ field: "publisherId", message: "No such source.", code: "unknown_publisher" }],
    });
  }
  if (source.mergedIntoId) {
    throw new AppError(422, "source_merged", `The publisher was merged into source ${source.mergedIntoId}; use that one.`, {
      mergedIntoId: source.mergedIntoId,
      errors: [{ field: "publisherId", message: `Merged into ${source.mergedIntoId}.`, code: "source_merged" }],
    });
  }
}

/**
 * 409 naming the article that already has this externalId. Takes the externalId's
 * advisory lock first, so that a concurrent writer of the same externalId cannot slip in
 * between this check and the write.
 */
export async function assertExternalIdFree(tx: Db, organizationId: string, externalId: string, exceptArticleId?: string): Promise<void> {
  await lockExternalId(tx, organizationId, externalId);
  const existing = await tx.article.findUnique({ where: { organizationId_externalId: { organizationId, externalId } }, select: { id: true } });
  if (existing && existing.id !== exceptArticleId) throw externalIdTaken(externalId, existing.id);
}

export function externalIdTaken(externalId: string, articleId: string): AppError {
  return new AppError(409, "external_id_taken", `Article ${articleId} already has externalId "${externalId}".`, {
    articleId,
    errors: [{ field: "externalId", message: `Already used by article ${articleId}.`, code: "external_id_taken" }],
  });
}
