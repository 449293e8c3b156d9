import type { Prisma } from "../generated/prisma/client";

/** A client or a transaction: reads run on either. */
export type Db = Prisma.TransactionClient;

export const articleInclude = { publisher: true } satisfies Prisma.ArticleInclude;
export type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof articleInclude }>;

export const revisionRefSelect = { id: true, articleId: true, number: true, textHash: true, createdAt: true } satisfies Prisma.ArticleRevisionSelect;
export type RevisionRef = Prisma.ArticleRevisionGetPayload<{ select: typeof revisionRefSelect }>;

export const articleClaimSelect = {
  claimId: true,
  revisionId: true,
  start: true,
  end: true,
  exact: true,
  anchorStatus: true,
  lastGoodRevision: { select: { number: true } },
  claim: { select: { statement: true, status: true } },
} satisfies Prisma.ClaimAppearanceSelect;
export type ArticleClaimRow = Prisma.ClaimAppearanceGetPayload<{ select: typeof articleClaimSelect }>;

export async function findArticle(db: Db, organizationId: string, id: string): Promise<ArticleRow | null> {
  return db.article.findUnique({ where: { organizationId_id: { organizationId, id } }, include: articleInclude });
}

export async function findRevisionRef(db: Db, organizationId: string, articleId: string, number: number): Promise<RevisionRef> {
  const revision = await db.articleRevision.findUnique({
    where: { organizationId_articleId_number: { organizationId, articleId, number } },
    select: revisionRefSelect,
  });
  if (!revision) throw new Error(`article ${articleId} has no revision ${number}`);
  return revision;
}

export async function findRevision(db: Db, organizationId: string, articleId: string, number: number) {
  return db.articleRevision.findUnique({ where: { organizationId_articleId_number: { organizationId, articleId, number } } });
}

/** The claims anchored (or once anchored) in an article, in reading order. */
export async function findArticleClaims(db: Db, organizationId: string, articleId: string): Promise<ArticleClaimRow[]> {
  return db.claimAppearance.findMany({
    where: { organizationId, articleId },
    orderBy: [{ start: "asc" }, { claimId: "asc" }],
    select: articleClaimSelect,
  });
}

export interface ListArticlesOptions {
  externalId?: string;
  url?: string;
  publisherId?: string;
  /** Part of the title (for pickers in the UI); still newest first and paged. */
  titleContains?: string;
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** Newest first; keyset pagination on (createdAt, id) so concurrent inserts never shift a page. */
export async function listArticles(db: Db, organizationId: string, opts: ListArticlesOptions): Promise<ArticleRow[]> {
  const where: Prisma.ArticleWhereInput = { organizationId };
  if (opts.externalId !== undefined) where.externalId = opts.externalId;
  if (opts.url !== undefined) where.url = opts.url;
  if (opts.publisherId !== undefined) where.publisherId = opts.publisherId;
  if (opts.titleContains !== undefined) where.title = { contains: opts.titleContains, mode: "insensitive" };
  if (opts.after) {
    where.OR = [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }];
  }
  return db.article.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit, include: articleInclude });
}

/** The latest revision of each article, without loading any text. */
export async function latestRevisionRefs(db: Db, organizationId: string, articles: Array<{ id: string; latestRevision: number }>): Promise<Map<string, RevisionRef>> {
  if (articles.length === 0) return new Map();
  const rows = await db.articleRevision.findMany({
    where: { organizationId, OR: articles.map((a) => ({ articleId: a.id, number: a.latestRevision })) },
    select: revisionRefSelect,
  });
  return new Map(rows.map((r) => [r.articleId, r]));
}

export interface RevisionSummaryRow {
  id: string;
  number: number;
  textHash: string;
  length: number;
  createdAt: Date;
}

// A PostgreSQL regular expression (not a JavaScript one) matching code points above U+FFFF.
const astralCharacters = "[\\U00010000-\\U0010FFFF]";

/**
 * Revisions newest first, without their text. `length` counts UTF-16 code units like
 * every offset of the API: PostgreSQL counts code points, so astral characters (emoji),
 * which take two UTF-16 units, are counted twice.
 */
export async function listRevisions(db: Db, organizationId: string, articleId: string, opts: { limit: number; beforeNumber?: number }): Promise<RevisionSummaryRow[]> {
  const before = opts.beforeNumber ?? 2_147_483_647;
  return db.$queryRaw<RevisionSummaryRow[]>`
    SELECT id::text AS id, number, "textHash",
           (2 * char_length(text) - char_length(regexp_replace(text, ${astralCharacters}, '', 'g')))::int AS length,
           "createdAt"
    FROM article_revisions
    WHERE "organizationId" = ${organizationId}::uuid AND "articleId" = ${articleId}::uuid AND number < ${before}
    ORDER BY number DESC
    LIMIT ${opts.limit}`;
}

/**
 * Locks the article row until the transaction ends, so that concurrent changes of the same
 * article run one after the other and each sees the other's committed version.
 */
export async function lockArticle(tx: Db, organizationId: string, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM articles WHERE "organizationId" = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  return rows.length > 0;
}

/** Locks and returns the id of the article with this externalId, if there is one. */
export async function lockArticleByExternalId(tx: Db, organizationId: string, externalId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM articles WHERE "organizationId" = ${organizationId}::uuid AND "externalId" = ${externalId} FOR UPDATE`;
  return rows[0]?.id ?? null;
}

/**
 * Serialises every writer of one externalId (transaction-scoped advisory lock), so that
 * "is it taken?" followed by the insert or update cannot race: the second writer waits,
 * then sees the first one's article and gets a precise 409 (or, for an upsert, updates it).
 */
export async function lockExternalId(tx: Db, organizationId: string, externalId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`claimtrail:article-external-id:${organizationId}:${externalId}`}, 0))`;
}
