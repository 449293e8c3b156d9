import type { Database } from "../db/database";

/**
 * The claim read paths (GET /v1/claims/{id}, list and search pages) send the claim as
 * PostgreSQL renders it: the JSON of presentClaim (claim-presenter.ts), built by one
 * statement and passed through as text. Why not load and present in Node: for a page of 50
 * claims that is 50 × (parse, hydrate, present, stringify) on the event loop, which the
 * benchmark (bench/) showed to be most of a list request's cost; here Node only joins
 * strings. presentClaim remains the reference: tests/api/claim-loader.test.ts checks that
 * this SQL renders exactly what presentClaim renders, for claims with every optional part,
 * so the two cannot drift apart.
 */

/** Date.prototype.toISOString for a timestamptz(3): UTC, milliseconds, "Z". */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ANCHOR_JSON = (a: string, r: string, lg: string, ar: string) => `json_build_object(
  'id', ${a}.id, 'articleId', ${a}."articleId",
  'article', json_build_object('id', ${ar}.id, 'title', ${ar}.title, 'url', ${ar}.url, 'publishedAt', ${iso(`${ar}."publishedAt"`)}),
  'revisionId', ${a}."revisionId", 'revisionNumber', ${r}.number, 'status', ${a}."anchorStatus",
  'lastGoodRevisionId', ${a}."lastGoodRevisionId", 'lastGoodRevisionNumber', ${lg}.number,
  'selectors', json_build_array(
    json_build_object('type', 'TextQuoteSelector', 'exact', ${a}.exact, 'prefix', ${a}.prefix, 'suffix', ${a}.suffix),
    json_build_object('type', 'TextPositionSelector', 'start', ${a}.start, 'end', ${a}."end")))`;

const VERDICT_JSON = (kind: "attribution" | "content") => `(
  SELECT json_build_object(
    'id', v.id, 'kind', v.kind,
    'rating', json_build_object('id', lb.id, 'key', lb.key, 'label', lb.label, 'colour', lb.colour, 'value', lb.value),
    'rationale', v.rationale,
    'evidence', coalesce((
      SELECT json_agg(json_build_object('url', e.url, 'title', e.title, 'quote', e.quote,
                                        'accessedAt', ${iso(`e."accessedAt"`)}, 'isPrimarySource', e."isPrimarySource")
                      ORDER BY e.position)
      FROM evidence_items e WHERE e."organizationId" = v."organizationId" AND e."verdictId" = v.id), '[]'::json),
    'reviewer', json_build_object('type', v."reviewerType", 'id', v."reviewerId"),
    'version', v.version, 'createdAt', ${iso(`v."createdAt"`)}, 'updatedAt', ${iso(`v."updatedAt"`)})
  FROM verdicts v
  JOIN rating_labels lb ON lb."organizationId" = v."organizationId" AND lb.id = v."ratingLabelId"
  WHERE v."organizationId" = c."organizationId" AND v."claimId" = c.id AND v.kind = '${kind}')`;

/** presentClaim(c) for the claims row `c`, as json. */
const CLAIM_API_JSON = `json_build_object(
  'id', c.id, 'externalId', c."externalId", 'statement', c.statement, 'kind', c.kind, 'fidelity', c.fidelity,
  'status', c.status, 'version', c.version,
  'assignee', (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email)
               FROM users u WHERE u."organizationId" = c."organizationId" AND u.id = c."assigneeId"),
  'anchor', app.list->0,
  'appearances', coalesce(app.list, '[]'::json),
  'chain', coalesce((
    SELECT json_agg(json_build_object(
        'position', l.position, 'role', l.role, 'cue', l.cue,
        'cueSpan', CASE WHEN l."cueStart" IS NOT NULL AND l."cueEnd" IS NOT NULL
                        THEN json_build_object('start', l."cueStart", 'end', l."cueEnd") END,
        'speechAct', l."speechAct",
        'source', json_build_object('id', s.id, 'name', s.name, 'type', s.type, 'aliases', s.aliases, 'wikidataId', s."wikidataId"))
      ORDER BY l.position)
    FROM attribution_links l
    JOIN sources s ON s."organizationId" = l."organizationId" AND s.id = l."sourceId"
    WHERE l."organizationId" = c."organizationId" AND l."claimId" = c.id), '[]'::json),
  'verdicts', json_build_object('attribution', ${VERDICT_JSON("attribution")}, 'content', ${VERDICT_JSON("content")}),
  'createdAt', ${iso(`c."createdAt"`)}, 'updatedAt', ${iso(`c."updatedAt"`)})`;

/** Exported for the benchmark's EXPLAIN (bench/explain-check.ts). */
export const PRESENTED_CLAIMS_SQL = `
SELECT c.id, c.version, ${CLAIM_API_JSON}::text AS json
FROM claims c
LEFT JOIN LATERAL (
  SELECT json_agg(${ANCHOR_JSON("a", "r", "lg", "ar")} ORDER BY a."createdAt", a.id) AS list
  FROM claim_appearances a
  JOIN article_revisions r ON r."organizationId" = a."organizationId" AND r.id = a."revisionId"
  JOIN article_revisions lg ON lg."organizationId" = a."organizationId" AND lg.id = a."lastGoodRevisionId"
  JOIN articles ar ON ar."organizationId" = a."organizationId" AND ar.id = a."articleId"
  WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id) app ON true
WHERE c."organizationId" = $1::uuid AND c.id = ANY($2::uuid[])`;

export interface PresentedClaim {
  id: string;
  version: number;
  /** The claim as the API shows it (presentClaim), as JSON text. */
  json: string;
}

/**
 * The claims as the API shows them, in the order of `ids` (unknown ids are left out). A
 * prepared statement, straight through the driver: planning this statement costs several
 * milliseconds, more than running it for a whole page.
 */
export async function presentedClaims(db: Pick<Database, "query">, organizationId: string, ids: readonly string[]): Promise<PresentedClaim[]> {
  if (!ids.length) return [];
  const rows = await db.query<PresentedClaim>(PRESENTED_CLAIMS_SQL, [organizationId, ids], "claimtrail_presented_claims");
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** `{...claim, <name>: value}` as text: adds a member to a rendered JSON object. */
export function withMember(objectJson: string, name: string, value: unknown): string {
  if (!objectJson.endsWith("}")) throw new Error("not a JSON object");
  return `${objectJson.slice(0, -1)},${JSON.stringify(name)}:${JSON.stringify(value)}}`;
}
