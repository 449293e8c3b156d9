import { checkAnchorAgainst, type ResolvedRevision } from "../claims/claim-anchor";
import { chainRuleErrors, chainSourceProblem, type ResolvedLink } from "../claims/claim-chain";
import { presentClaim } from "../claims/claim-presenter";
import { findClaims } from "../claims/claim-queries";
import type { CreateClaimInput } from "../claims/create-claim";
import { appendEvents } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";

/**
 * New claims of a bulk import, written many at a time. POST /v1/claims (createClaim) costs
 * about a dozen statements per claim; here a group of claims costs a dozen statements in
 * all: the articles and sources of the whole group are read and locked at once (in id
 * order, FOR SHARE / FOR KEY SHARE as createClaim does, so concurrent revisions and merges
 * behave the same), every line is checked in memory with createClaim's own checks (same
 * 422s), then the claims, appearances, links and `claim.created` events are inserted with
 * one statement per table and the event chain head is locked once.
 *
 * Only lines createClaim would write with nothing else are taken: no externalId that
 * already exists, no source created inline. The caller sends the others one by one.
 */
export interface BulkClaim {
  line: number;
  input: CreateClaimInput;
}

export type BulkOutcome = { line: number; ok: true; id: string } | { line: number; ok: false; error: AppError };

/** Article revisions are immutable: a cache of their texts can live as long as the import. */
export type RevisionCache = Map<string, ResolvedRevision>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for every table here. */
const INSERT_CHUNK = 2_000;

async function createManyInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

export async function createClaimsInBulk(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; actor: Actor; claims: readonly BulkClaim[]; revisions: RevisionCache },
): Promise<BulkOutcome[]> {
  const { organizationId, actor, claims } = opts;
  if (claims.length === 0) return [];

  const articleIds = [...new Set(claims.map((c) => c.input.anchor.articleId))].sort();
  const articles = await tx.$queryRawUnsafe<Array<{ id: string; latestRevision: number }>>(
    `SELECT id, "latestRevision" FROM articles WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[]) ORDER BY id FOR SHARE`,
    organizationId,
    articleIds,
  );
  const articleById = new Map(articles.map((a) => [a.id, a]));

  const revisionKey = (articleId: string, n: number) => `${articleId}#${n}`;
  const wanted = new Map<string, { articleId: string; number: number }>();
  for (const c of claims) {
    const article = articleById.get(c.input.anchor.articleId);
    if (!article) continue;
    const number = c.input.anchor.revisionNumber ?? article.latestRevision;
    const key = revisionKey(article.id, number);
    if (!opts.revisions.has(key)) wanted.set(key, { articleId: article.id, number });
  }
  if (wanted.size) {
    const list = [...wanted.values()];
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; articleId: string; number: number; text: string }>>(
      `SELECT r.id, r."articleId", r.number, r.text FROM article_revisions r
       JOIN unnest($2::uuid[], $3::int[]) AS w("articleId", number) ON r."articleId" = w."articleId" AND r.number = w.number
       WHERE r."organizationId" = $1::uuid`,
      organizationId,
      list.map((w) => w.articleId),
      list.map((w) => w.number),
    );
    for (const r of rows) opts.revisions.set(revisionKey(r.articleId, r.number), { id: r.id, number: r.number, text: r.text });
  }

  const sourceIds = [...new Set(claims.flatMap((c) => c.input.chain.flatMap((l) => ("id" in l.source ? [l.source.id] : []))))].sort();
  const sources = sourceIds.length
    ? await tx.$queryRawUnsafe<Array<{ id: string; mergedIntoId: string | null }>>(
        `SELECT id, "mergedIntoId" FROM sources WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[]) ORDER BY id FOR KEY SHARE`,
        organizationId,
        sourceIds,
      )
    : [];
  const sourceById = new Map(sources.map((s) => [s.id, s]));

  const outcomes: BulkOutcome[] = [];
  const claimRows: Prisma.ClaimCreateManyInput[] = [];
  const appearanceRows: Prisma.ClaimAppearanceCreateManyInput[] = [];
  const linkRows: Prisma.AttributionLinkCreateManyInput[] = [];
  for (const { line, input } of claims) {
    try {
      const article = articleById.get(input.anchor.articleId);
      const number = article ? (input.anchor.revisionNumber ?? article.latestRevision) : undefined;
      const revision = article && number !== undefined ? opts.revisions.get(revisionKey(article.id, number)) : undefined;
      const anchor = checkAnchorAgainst(article, revision, input.anchor, "anchor.");
      const ruleErrors = chainRuleErrors(input.chain, anchor.revision.text);
      if (ruleErrors.length) throw new AppError(422, "invalid_chain", "The attribution chain breaks the chain rules; `errors` names each link.", { errors: ruleErrors });
      const sourceProblem = chainSourceProblem(input.chain, sourceById);
      if (sourceProblem) throw sourceProblem;
      const links: ResolvedLink[] = input.chain.map((l) => {
        if (!("id" in l.source)) throw new Error("a bulk claim names a new source inline");
        return { sourceId: l.source.id, role: l.role, cue: l.cue ?? null, cueStart: l.cueStart ?? null, cueEnd: l.cueEnd ?? null, speechAct: l.speechAct };
      });
      const id = newId();
      claimRows.push({
        organizationId,
        id,
        externalId: input.externalId ?? null,
        statement: input.statement,
        kind: input.kind,
        fidelity: input.fidelity,
        speakerSourceId: links[0]?.sourceId ?? null,
      });
      appearanceRows.push({
        organizationId,
        id: newId(),
        claimId: id,
        articleId: anchor.articleId,
        revisionId: anchor.revision.id,
        lastGoodRevisionId: anchor.revision.id,
        ...anchor.selector,
      });
      links.forEach((l, position) => linkRows.push({ organizationId, id: newId(), claimId: id, position, ...l }));
      outcomes.push({ line, ok: true, id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ line, ok: false, error: err });
    }
  }
  if (claimRows.length === 0) return outcomes;

  await createManyInChunks(claimRows, (data) => tx.claim.createMany({ data }));
  await createManyInChunks(appearanceRows, (data) => tx.claimAppearance.createMany({ data }));
  await createManyInChunks(linkRows, (data) => tx.attributionLink.createMany({ data }));

  // The events carry each claim as the API shows it, like createClaim's: read back in one statement.
  const written = await findClaims(tx, organizationId, claimRows.map((c) => c.id));
  const presented = new Map(written.map((c) => [c.id, presentClaim(c)]));
  await appendEvents(
    tx,
    organizationId,
    claimRows.map((c) => ({ actor, action: "claim.created", entityType: "claim", entityId: c.id, claimId: c.id, after: presented.get(c.id) })),
    presented,
  );
  return outcomes;
}
