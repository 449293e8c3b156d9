import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { newId, sha256Hex } from "../lib/ids";
import { assertExternalIdFree, assertPublisherUsable, type ArticleFields } from "./article-fields";
import type { Db } from "./article-queries";

export interface CreateArticleOptions {
  organizationId: string;
  actor: Actor;
  fields: ArticleFields;
  text: string;
}

/** Creates an article with its first revision and the `article.created` event. Returns its id. */
export async function createArticle(tx: Db, { organizationId, actor, fields, text }: CreateArticleOptions): Promise<string> {
  if (fields.externalId !== null) await assertExternalIdFree(tx, organizationId, fields.externalId);
  if (fields.publisherId !== null) await assertPublisherUsable(tx, organizationId, fields.publisherId);
  const id = newId();
  const revisionId = newId();
  const textHash = sha256Hex(text);
  await tx.article.create({ data: { organizationId, id, ...fields, latestRevision: 1 } });
  await tx.articleRevision.create({ data: { organizationId, id: revisionId, articleId: id, number: 1, text, textHash } });
  await appendEvent(tx, organizationId, {
    actor,
    action: "article.created",
    entityType: "article",
    entityId: id,
    // The text itself stays in the revision: events record its hash and length.
    after: { ...fields, revision: 1, revisionId, textHash, length: text.length },
  });
  return id;
}
