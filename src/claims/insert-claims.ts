import { checkAnchorAgainst, type ResolvedRevision } from "./claim-anchor";
import { chainRuleErrors, chainSourceProblem, type ResolvedLink } from "./claim-chain";
import { presentClaim } from "./claim-presenter";
import type { ClaimWithRelations } from "./claim-queries";
import type { CreateClaimInput } from "./create-claim";
import { insertRows, type BulkColumn } from "../db/bulk-insert";
import { appendEvents } from "../events/event-log";
import { canonicalJson } from "../lib/canonical-json";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";

/**
 * New claims written many at a time (a bulk import's groups of 500; POST /v1/claims is a
 * group of one). A group costs a dozen statements in all, whatever its size: the articles and sources of the whole group are read and locked at once (in id
 * order, FOR SHARE / FOR KEY SHARE as createClaim does, so concurrent revisions and merges
 * behave the same), every line is checked in memory with createClaim's own checks (same
 * 422s), then the claims, appearances, links and `claim.created` events are inserted with
 * one statement per table (src/db/bulk-insert.ts) and the event chain head is locked once.
 *
 * Only lines createClaim would write with nothing else are taken: no externalId that
 * already exists, no source created inline. The caller sends the others one by one.
 */
export interface BulkClaim {
  line: number;
  input: CreateClaimInput;
}

export type BulkOutcome = { line: number; ok: true; id: string; claim: ReturnType<typeof presentClaim> } | { line: number; ok: false; error: AppError };

/** Article revisions are immutable: a cache of their texts can live as long as the import. */
export type RevisionCache = Map<string, ResolvedRevision>;

interface ClaimRow {
  /** The quote of the claim's one appearance: with the statement, its search vector. */
  searchQuote: string;
  organizationId: string;
  id: string;
  externalId: string | null;
  statement: string;
  kind: string;
  fidelity: string;
  speakerSourceId: string | null;
}
interface AppearanceRow {
  organizationId: string;
  id: string;
  claimId: string;
  articleId: string;
  revisionId: string;
  lastGoodRevisionId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}
interface LinkRow extends ResolvedLink {
  organizationId: string;
  id: string;
  claimId: string;
  position: number;
}

const CLAIM_COLUMNS: Array<BulkColumn<ClaimRow>> = [
  { name: "organizationId", type: "uuid", value: (r) => r.organizationId },
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "externalId", type: "text", value: (r) => r.externalId },
  { name: "statement", type: "text", value: (r) => r.statement },
  { name: "kind", type: '"ClaimKind"', value: (r) => r.kind },
  { name: "fidelity", type: '"QuoteFidelity"', value: (r) => r.fidelity },
  { name: "speakerSourceId", type: "uuid", value: (r) => r.speakerSourceId },
  { name: "searchQuote", type: "text", value: (r) => r.searchQuote, insert: false },
];
/**
 * What claims_search_vector() (prisma/migrations) computes for a claim with one appearance,
 * given here so the appearance insert need not rewrite each claim row (migration
 * 20261129061500_bulk_search_vector).
 */
const SEARCH_VECTOR = {
  name: "search_vector",
  sql: `setweight(to_tsvector('english'::regconfig, u."statement"), 'A') || setweight(to_tsvector('english'::regconfig, u."searchQuote"), 'B')`,
};
const APPEARANCE_COLUMNS: Array<BulkColumn<AppearanceRow>> = [
  { name: "organizationId", type: "uuid", value: (r) => r.organizationId },
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "claimId", type: "uuid", value: (r) => r.claimId },
  { name: "articleId", type: "uuid", value: (r) => r.articleId },
  { name: "revisionId", type: "uuid", value: (r) => r.revisionId },
  { name: "lastGoodRevisionId", type: "uuid", value: (r) => r.lastGoodRevisionId },
  { name: "exact", type: "text", value: (r) => r.exact },
  { name: "prefix", type: "text", value: (r) => r.prefix },
  { name: "suffix", type: "text", value: (r) => r.suffix },
  { name: "start", type: "int4", value: (r) => r.start },
  { name: "end", type: "int4", value: (r) => r.end },
];
const LINK_COLUMNS: Array<BulkColumn<LinkRow>> = [
  { name: "organizationId", type: "uuid", value: (r) => r.organizationId },
  { name: "id", type: "uuid", value: (r) => r.id },
  { name: "claimId", type: "uuid", value: (r) => r.claimId },
  { name: "position", type: "int4", value: (r) => r.position },
  { name: "sourceId", type: "uuid", value: (r) => r.sourceId },
  { name: "role", type: '"ChainRole"', value: (r) => r.role },
  { name: "cue", type: "text", value: (r) => r.cue },
  { name: "cueStart", type: "int4", value: (r) => r.cueStart },
  { name: "cueEnd", type: "int4", value: (r) => r.cueEnd },
  { name: "speechAct", type: '"SpeechAct"', value: (r) => r.speechAct },
];

export async function insertClaims(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; actor: Actor; claims: readonly BulkClaim[]; revisions: RevisionCache },
): Promise<BulkOutcome[]> {
  const { organizationId, actor, claims } = opts;
  if (claims.length === 0) return [];

  const articleIds = [...new Set(claims.map((c) => c.input.anchor.articleId))].sort();
  // now(): the transaction's time, as "createdAt"/"updatedAt" will store it (milliseconds).
  const articles = await tx.$queryRawUnsafe<Array<{ id: string; latestRevision: number; title: string; url: string; publishedAt: Date | null; now: Date }>>(
    `SELECT id, "latestRevision", title, url, "publishedAt", now()::timestamptz(3) AS now
     FROM articles WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[]) ORDER BY id FOR SHARE`,
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
    ? await tx.$queryRawUnsafe<Array<SourceRow>>(
        `SELECT id, "mergedIntoId", name, type::text AS type, aliases, "wikidataId" FROM sources WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[]) ORDER BY id FOR KEY SHARE`,
        organizationId,
        sourceIds,
      )
    : [];
  const sourceById = new Map(sources.map((s) => [s.id, s]));

  const checked: Array<{ line: number; id: string } | { line: number; error: AppError }> = [];
  const claimRows: ClaimRow[] = [];
  const appearanceRows: AppearanceRow[] = [];
  const linkRows: LinkRow[] = [];
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
        searchQuote: anchor.selector.exact,
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
      checked.push({ line, id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      checked.push({ line, error: err });
    }
  }
  if (claimRows.length === 0) return checked.map((c) => ({ line: c.line, ok: false, error: (c as { error: AppError }).error }));

  const now = [
    { name: "createdAt", sql: "now()" },
    { name: "updatedAt", sql: "now()" },
  ];
  // Both settings are local to the transaction and undone by a rollback to savepoint.
  // search_vector_given: the search vector is given with the claims (see the
  // bulk_search_vector migration). new_claims_only: the appearances and links written here
  // belong to claims inserted just now, so the render triggers need not touch them (see the
  // claim_render_cache migration).
  await tx.$executeRawUnsafe(`SELECT set_config('claimtrail.search_vector_given', 'on', true), set_config('claimtrail.new_claims_only', 'on', true)`);
  // The inserts start now; while PostgreSQL runs them, Node puts the claims' payloads together
  // (below): for a group of 500 the two take about as long.
  const writing = (async () => {
    await insertRows(tx, "claims", CLAIM_COLUMNS, claimRows, [...now, SEARCH_VECTOR]);
    await insertRows(tx, "claim_appearances", APPEARANCE_COLUMNS, appearanceRows, now);
    await insertRows(tx, "attribution_links", LINK_COLUMNS, linkRows);
    await tx.$executeRawUnsafe(`SELECT set_config('claimtrail.search_vector_given', 'off', true), set_config('claimtrail.new_claims_only', 'off', true)`);
  })();

  // The events carry each claim as the API shows it, like createClaim's. Everything it shows
  // was read or written above, so it is put together here rather than read back (that
  // statement was a tenth of a bulk import's time in PostgreSQL); tests/api/import-bulk.test.ts
  // checks it against the claim as read back.
  let presented: Map<string, ReturnType<typeof presentClaim>>;
  const afterJson = new Map<string, string>();
  try {
    presented = presentGroup();
    for (const [id, claim] of presented) afterJson.set(id, canonicalJson(claim));
  } finally {
    // Whatever happened here, the statements in flight end before the caller goes on.
    await writing;
  }
  await appendEvents(
    tx,
    organizationId,
    claimRows.map((c) => ({ actor, action: "claim.created", entityType: "claim", entityId: c.id, claimId: c.id, after: presented.get(c.id), afterJson: afterJson.get(c.id) })),
    presented,
  );
  // Every written claim's outcome carries it as the API shows it.
  return checked.map((c) => ("error" in c ? { line: c.line, ok: false, error: c.error } : { line: c.line, ok: true, id: c.id, claim: presented.get(c.id)! }));

  function presentGroup(): Map<string, ReturnType<typeof presentClaim>> {
    const txNow = articles[0]?.now;
    if (!txNow) throw new Error("claims were checked against articles that were not read");
    const presented = new Map<string, ReturnType<typeof presentClaim>>();
    const appearanceOf = new Map(appearanceRows.map((a) => [a.claimId, a]));
    const linksOf = new Map<string, LinkRow[]>();
    for (const l of linkRows) {
      const list = linksOf.get(l.claimId);
      if (list) list.push(l);
      else linksOf.set(l.claimId, [l]);
    }
    const revisionNumbers = new Map([...opts.revisions.values()].map((r) => [r.id, r.number]));
    for (const c of claimRows) {
      const a = appearanceOf.get(c.id)!;
      const article = articleById.get(a.articleId)!;
      presented.set(c.id, presentNewClaim(c, a, article, revisionNumbers.get(a.revisionId)!, linksOf.get(c.id) ?? [], sourceById, txNow));
    }
    return presented;
  }
}

interface SourceRow {
  id: string;
  mergedIntoId: string | null;
  name: string;
  type: string;
  aliases: string[];
  wikidataId: string | null;
}

/**
 * presentClaim of a claim just inserted by insertClaims, from the rows it wrote: status
 * new, version 1, no assignee, no verdicts, one appearance, no external appearances, timestamps = the transaction's
 * now(). Only the fields presentClaim reads are filled.
 */
function presentNewClaim(
  c: ClaimRow,
  a: AppearanceRow,
  article: { id: string; title: string; url: string; publishedAt: Date | null },
  revisionNumber: number,
  links: readonly LinkRow[],
  sources: ReadonlyMap<string, SourceRow>,
  now: Date,
): ReturnType<typeof presentClaim> {
  const claim = {
    id: c.id,
    externalId: c.externalId,
    statement: c.statement,
    kind: c.kind,
    fidelity: c.fidelity,
    status: "new",
    version: 1,
    assignee: null,
    appearances: [
      {
        ...a,
        anchorStatus: "anchored",
        article: { id: article.id, title: article.title, url: article.url, publishedAt: article.publishedAt },
        revision: { id: a.revisionId, number: revisionNumber },
        lastGoodRevision: { id: a.lastGoodRevisionId, number: revisionNumber },
      },
    ],
    externalAppearances: [],
    chain: [...links].sort((x, y) => x.position - y.position).map((l) => ({ ...l, source: sources.get(l.sourceId)! })),
    verdicts: [],
    createdAt: now,
    updatedAt: now,
  };
  return presentClaim(claim as unknown as ClaimWithRelations);
}
