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
 *
 * Renders are stored (claim_renders) and sent again while they are valid: building the JSON
 * is most of PostgreSQL's work for a page (3.8 ms for 50 claims at a million, measured by the
 * bench), reading the stored text 0.2 ms. Validity rests on two counters the database
 * raises in the same transaction as any change a claim shows (triggers in the
 * claim_render_cache migration), read in the same snapshot as the render.
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
  'externalAppearances', coalesce((
    SELECT json_agg(json_build_object('url', x.url, 'title', x.title, 'datePublished', ${iso(`x."datePublished"`)}, 'inLanguage', x."inLanguage")
                    ORDER BY x."datePublished" ASC NULLS LAST, x.url COLLATE "C")
    FROM claim_external_appearances x
    WHERE x."organizationId" = c."organizationId" AND x."claimId" = c.id), '[]'::json),
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

const APPEARANCES_LATERAL = `LEFT JOIN LATERAL (
  SELECT json_agg(${ANCHOR_JSON("a", "r", "lg", "ar")} ORDER BY a."createdAt", a.id) AS list
  FROM claim_appearances a
  JOIN article_revisions r ON r."organizationId" = a."organizationId" AND r.id = a."revisionId"
  JOIN article_revisions lg ON lg."organizationId" = a."organizationId" AND lg.id = a."lastGoodRevisionId"
  JOIN articles ar ON ar."organizationId" = a."organizationId" AND ar.id = a."articleId"
  WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id) app ON true`;

/**
 * Renders claims afresh, with the (epoch, gen) the render is valid for, all read in one
 * snapshot. `where` selects claims rows `c`. Exported for the benchmark's EXPLAIN and its
 * warm-up of the stored renders (bench/).
 */
export const renderClaimsSql = (where: string) => `
SELECT c.id, c.version, c."renderGen" AS gen, o."renderEpoch" AS epoch, ${CLAIM_API_JSON}::text AS json
FROM claims c
JOIN organizations o ON o.id = c."organizationId"
${APPEARANCES_LATERAL}
WHERE ${where}`;

/** The fresh render of claims $2 of organization $1 (no stored render is read or written). */
export const PRESENTED_CLAIMS_SQL = renderClaimsSql(`c."organizationId" = $1::uuid AND c.id = ANY($2::uuid[])`);

/** Stored renders still valid, or null (claim_renders, see prisma/schema.prisma). Exported for the benchmark's EXPLAIN. */
export const STORED_CLAIMS_SQL = `
SELECT c.id, c.version, cr.json
FROM claims c
LEFT JOIN claim_renders cr ON cr."organizationId" = c."organizationId" AND cr."claimId" = c.id
  AND cr.gen = c."renderGen" AND cr.epoch = (SELECT o."renderEpoch" FROM organizations o WHERE o.id = $1::uuid)
WHERE c."organizationId" = $1::uuid AND c.id = ANY($2::uuid[])`;

/**
 * Renders and stores, in one statement. A render replaces a stored one only when it is
 * newer: (epoch, gen) only grow, so a reader whose snapshot predates a concurrent change
 * cannot overwrite a newer render with its older one. Rows are written in id order, so two
 * readers storing overlapping pages take the row locks in the same order (no deadlock).
 */
export const RENDER_AND_STORE_SQL = `
WITH rendered AS (${PRESENTED_CLAIMS_SQL}),
stored AS (
  INSERT INTO claim_renders ("organizationId", "claimId", gen, epoch, json)
  SELECT $1::uuid, id, gen, epoch, json FROM rendered ORDER BY id
  ON CONFLICT ("organizationId", "claimId") DO UPDATE
    SET gen = EXCLUDED.gen, epoch = EXCLUDED.epoch, json = EXCLUDED.json
    WHERE (claim_renders.epoch, claim_renders.gen) < (EXCLUDED.epoch, EXCLUDED.gen))
SELECT id, version, json FROM rendered`;

export interface PresentedClaim {
  id: string;
  version: number;
  /** The claim as the API shows it (presentClaim), as JSON text. */
  json: string;
}

/**
 * The claims as the API shows them, in the order of `ids` (unknown ids are left out).
 *
 * Stored renders that are still valid are sent as they are; the others are rendered and
 * stored by one more statement. Prepared statements, straight through the driver: planning
 * the rendering statement costs several milliseconds, more than running it for a page.
 *
 * Only for the read paths, on the root database, never inside a transaction that writes:
 * a render stored by a transaction before its own later changes would carry a renderGen
 * the triggers do not raise again within that transaction (they skip rows it wrote).
 */
export async function presentedClaims(db: Pick<Database, "query">, organizationId: string, ids: readonly string[]): Promise<PresentedClaim[]> {
  if (!ids.length) return [];
  const stored = await db.query<{ id: string; version: number; json: string | null }>(STORED_CLAIMS_SQL, [organizationId, ids], "claimtrail_stored_claims");
  const missing = stored.filter((r) => r.json === null).map((r) => r.id);
  const byId = new Map<string, PresentedClaim>();
  for (const r of stored) if (r.json !== null) byId.set(r.id, { id: r.id, version: r.version, json: r.json });
  if (missing.length) {
    for (const r of await renderAndStore(db, organizationId, missing)) byId.set(r.id, r);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function renderAndStore(db: Pick<Database, "query">, organizationId: string, ids: string[]): Promise<PresentedClaim[]> {
  try {
    return await db.query<PresentedClaim>(RENDER_AND_STORE_SQL, [organizationId, ids], "claimtrail_render_and_store");
  } catch (err) {
    // Storing is an optimisation: if it cannot be done now (a lock timeout, a read-only
    // replica), the claims are still rendered; a real fault fails this statement too.
    if (!isStoreConflict(err)) throw err;
    return db.query<PresentedClaim>(PRESENTED_CLAIMS_SQL, [organizationId, ids], "claimtrail_presented_claims");
  }
}

/** Deadlock, serialization failure, lock timeout, read-only transaction. */
function isStoreConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001" || code === "55P03" || code === "25006";
}

/** `{...claim, <name>: value}` as text: adds a member to a rendered JSON object. */
export function withMember(objectJson: string, name: string, value: unknown): string {
  if (!objectJson.endsWith("}")) throw new Error("not a JSON object");
  return `${objectJson.slice(0, -1)},${JSON.stringify(name)}:${JSON.stringify(value)}}`;
}

/**
 * `{"data":[<items>],"nextCursor":…}` as UTF-8 bytes, written piece by piece into one
 * buffer. Joining fifty 3 KB strings and encoding the result cost about 0.45 ms a page
 * (V8 flattens the joined string first); writing each into place costs about 0.06 ms.
 */
export function jsonPageBody(items: readonly string[], nextCursor: string | null): Buffer {
  const head = '{"data":[';
  const tail = `],"nextCursor":${JSON.stringify(nextCursor)}}`;
  let size = head.length + Buffer.byteLength(tail) + Math.max(0, items.length - 1);
  const lengths = items.map((item) => Buffer.byteLength(item));
  for (const n of lengths) size += n;
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head, 0, "latin1");
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ","
    at += out.write(items[i]!, at, lengths[i]!, "utf8");
  }
  at += out.write(tail, at, "utf8");
  if (at !== size) throw new Error(`page body is ${at} bytes, expected ${size}`);
  return out;
}
