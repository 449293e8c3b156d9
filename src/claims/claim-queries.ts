import type { Prisma } from "../generated/prisma/client";

/**
 * The shape of a claim with everything a claim response shows. It is the Prisma payload of
 * this include, but it is loaded by hand-written SQL (CLAIM_JSON below), in one statement.
 */
export const claimInclude = {
  appearances: {
    orderBy: { createdAt: "asc" },
    include: {
      revision: { select: { id: true, number: true } },
      lastGoodRevision: { select: { id: true, number: true } },
      article: { select: { id: true, title: true, url: true, publishedAt: true } },
    },
  },
  // URL order: the SQL below orders by url COLLATE "C"; URLs are ASCII after parsing, where that is code-unit order.
  externalAppearances: { orderBy: [{ datePublished: { sort: "asc", nulls: "last" } }, { url: "asc" }] },
  chain: { orderBy: { position: "asc" }, include: { source: true } },
  verdicts: { include: { rating: true, evidence: { orderBy: { position: "asc" } } } },
  assignee: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ClaimInclude;

export type ClaimWithRelations = Prisma.ClaimGetPayload<{ include: typeof claimInclude }>;

/**
 * Why hand-written SQL: the include above costs Prisma seven queries and seven round trips
 * per call (claim, appearances, revisions ×2, articles, chain + sources, verdicts + labels +
 * evidence, assignee), and the claim read is the hottest path of the service. One statement
 * that builds the nested JSON in PostgreSQL is one round trip; the benchmark (bench/) shows
 * the difference. tests/api/claim-loader.test.ts checks that it returns exactly what Prisma
 * returns for that include, so the two cannot drift apart unnoticed.
 *
 * Every sub-select is keyed on (organizationId, claimId …), the leading columns of the
 * tables' unique indexes. row_to_json of sources, verdicts, labels and evidence carries
 * their columns under their Prisma field names (the columns are named like the fields).
 */
const CLAIM_JSON = `
json_build_object(
  'organizationId', c."organizationId", 'id', c.id, 'externalId', c."externalId", 'statement', c.statement,
  'kind', c.kind, 'fidelity', c.fidelity, 'status', c.status, 'assigneeId', c."assigneeId",
  'speakerSourceId', c."speakerSourceId", 'attributionRatingKey', c."attributionRatingKey",
  'contentRatingKey', c."contentRatingKey", 'publishedAt', c."publishedAt", 'version', c.version,
  'createdAt', c."createdAt", 'updatedAt', c."updatedAt", 'renderGen', c."renderGen",
  'assignee', (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email)
               FROM users u WHERE u."organizationId" = c."organizationId" AND u.id = c."assigneeId"),
  'appearances', coalesce((
    SELECT json_agg(json_build_object(
        'organizationId', a."organizationId", 'id', a.id, 'claimId', a."claimId", 'articleId', a."articleId",
        'revisionId', a."revisionId", 'exact', a.exact, 'prefix', a.prefix, 'suffix', a.suffix,
        'start', a.start, 'end', a."end", 'anchorStatus', a."anchorStatus",
        'lastGoodRevisionId', a."lastGoodRevisionId", 'createdAt', a."createdAt", 'updatedAt', a."updatedAt",
        'revision', json_build_object('id', r.id, 'number', r.number),
        'lastGoodRevision', json_build_object('id', lg.id, 'number', lg.number),
        'article', json_build_object('id', ar.id, 'title', ar.title, 'url', ar.url, 'publishedAt', ar."publishedAt"))
      ORDER BY a."createdAt", a.id)
    FROM claim_appearances a
    JOIN article_revisions r ON r."organizationId" = a."organizationId" AND r.id = a."revisionId"
    JOIN article_revisions lg ON lg."organizationId" = a."organizationId" AND lg.id = a."lastGoodRevisionId"
    JOIN articles ar ON ar."organizationId" = a."organizationId" AND ar.id = a."articleId"
    WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id), '[]'::json),
  'externalAppearances', coalesce((
    SELECT json_agg(row_to_json(x) ORDER BY x."datePublished" ASC NULLS LAST, x.url COLLATE "C")
    FROM claim_external_appearances x
    WHERE x."organizationId" = c."organizationId" AND x."claimId" = c.id), '[]'::json),
  'chain', coalesce((
    SELECT json_agg(json_build_object(
        'organizationId', l."organizationId", 'id', l.id, 'claimId', l."claimId", 'position', l.position,
        'sourceId', l."sourceId", 'role', l.role, 'cue', l.cue, 'cueStart', l."cueStart", 'cueEnd', l."cueEnd",
        'speechAct', l."speechAct", 'source', row_to_json(s))
      ORDER BY l.position)
    FROM attribution_links l
    JOIN sources s ON s."organizationId" = l."organizationId" AND s.id = l."sourceId"
    WHERE l."organizationId" = c."organizationId" AND l."claimId" = c.id), '[]'::json),
  'verdicts', coalesce((
    SELECT json_agg(json_build_object(
        'organizationId', v."organizationId", 'id', v.id, 'claimId', v."claimId", 'kind', v.kind,
        'ratingLabelId', v."ratingLabelId", 'rationale', v.rationale, 'reviewerType', v."reviewerType",
        'reviewerId', v."reviewerId", 'version', v.version, 'createdAt', v."createdAt", 'updatedAt', v."updatedAt",
        'rating', row_to_json(lb),
        'evidence', coalesce((SELECT json_agg(row_to_json(e) ORDER BY e.position)
                              FROM evidence_items e WHERE e."organizationId" = v."organizationId" AND e."verdictId" = v.id), '[]'::json))
      ORDER BY v.kind)
    FROM verdicts v
    JOIN rating_labels lb ON lb."organizationId" = v."organizationId" AND lb.id = v."ratingLabelId"
    WHERE v."organizationId" = c."organizationId" AND v."claimId" = c.id), '[]'::json)
)`;

const LOAD_CLAIMS_SQL = `SELECT ${CLAIM_JSON}::text AS claim FROM claims c WHERE c."organizationId" = $1::uuid AND c.id = ANY($2::uuid[])`;

/** JSON carries timestamps as ISO strings; the payload type (and the presenters) want Dates. */
const date = (v: unknown): Date => new Date(v as string);
const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

// The JSON is built by CLAIM_JSON above with exactly the payload's fields; only the
// timestamps need converting, which is what these functions do.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any */
function hydrate(raw: any): ClaimWithRelations {
  raw.publishedAt = maybeDate(raw.publishedAt);
  raw.createdAt = date(raw.createdAt);
  raw.updatedAt = date(raw.updatedAt);
  for (const a of raw.appearances) {
    a.createdAt = date(a.createdAt);
    a.updatedAt = date(a.updatedAt);
    a.article.publishedAt = maybeDate(a.article.publishedAt);
  }
  for (const x of raw.externalAppearances) {
    x.datePublished = maybeDate(x.datePublished);
    x.createdAt = date(x.createdAt);
  }
  for (const l of raw.chain) {
    l.source.createdAt = date(l.source.createdAt);
    l.source.updatedAt = date(l.source.updatedAt);
  }
  for (const v of raw.verdicts) {
    v.createdAt = date(v.createdAt);
    v.updatedAt = date(v.updatedAt);
    v.rating.retiredAt = maybeDate(v.rating.retiredAt);
    for (const e of v.evidence) e.accessedAt = maybeDate(e.accessedAt);
  }
  return raw as ClaimWithRelations;
}
/* eslint-enable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any */

/**
 * Claims with their relations, in the order of `ids` (ids not found are left out). Works on
 * the client or inside a transaction (use cases read the claim they just wrote).
 */
export async function findClaims(prisma: Prisma.TransactionClient, organizationId: string, ids: readonly string[]): Promise<ClaimWithRelations[]> {
  if (!ids.length) return [];
  // ::text, parsed here: the drivers differ in whether they parse json columns themselves.
  const rows = await prisma.$queryRawUnsafe<Array<{ claim: string }>>(LOAD_CLAIMS_SQL, organizationId, ids);
  const byId = new Map<string, ClaimWithRelations>();
  for (const row of rows) {
    const claim = hydrate(JSON.parse(row.claim));
    byId.set(claim.id, claim);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findClaim(prisma: Prisma.TransactionClient, organizationId: string, id: string): Promise<ClaimWithRelations | null> {
  const [claim] = await findClaims(prisma, organizationId, [id]);
  return claim ?? null;
}
