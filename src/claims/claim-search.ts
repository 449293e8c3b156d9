import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { decodeSortCursor, encodeSortCursor } from "../http/cursor";
import type { AuthContext } from "../http/types";
import { claimFilterConditions, type ListClaimsQuery } from "./claim-filters";
import { presentedClaims, type PresentedClaim } from "./claim-json";
import { mayHoldPhrase, requiredPhrasePairs } from "./phrase-pairs";

/** The tsvector column on claims (statement + every appearance's quote), kept by triggers in the migration. */
const SEARCH_VECTOR = Prisma.raw(`c."search_vector"`);
const TS_CONFIG = "english";

// ts_headline marks matches with these; they are removed from the text first, so every
// one in the output is ours, and everything between them is escaped as HTML.
const MARK_START = "\u0002";
const MARK_END = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

export type ClaimSort = "created" | "updated" | "relevance";

export interface ClaimListItem {
  /** The claim as the API shows it, rendered by PostgreSQL (claim-json.ts). */
  claim: PresentedClaim;
  search?: { rank: number; snippet: string };
}

export interface ClaimPage {
  items: ClaimListItem[];
  nextCursor: string | null;
}

interface PageRow {
  id: string;
  key: Date | number | string;
  rank: number | null;
  version: number;
  /** The stored render, when it is still valid (claim-json.ts). */
  json: string | null;
  headline: string | null;
}

/**
 * One page of claims: filters, optional full-text search, and a keyset on the sort value
 * plus id, so rows inserted between two page fetches never shift a page (no duplicates,
 * no skips). One statement finds the page's claims in order, with their stored renders
 * (claim-json.ts) and, for a search, their highlighted snippets; claims without a valid
 * stored render are rendered (and stored) by a second one.
 */
export async function listClaimPage(db: Database, auth: AuthContext, q: ListClaimsQuery): Promise<ClaimPage> {
  // Newest first by default, with q too: it walks the (organizationId, createdAt) index and
  // stops after a page. Best match first has to rank every match, which on a broad query
  // over a large archive is tens of thousands of rows (the benchmark: seconds at 1M claims).
  const sort: ClaimSort = q.sort ?? "created";
  const where = claimFilterConditions(q, auth);
  const tsQuery = q.q ? Prisma.sql`websearch_to_tsquery(${TS_CONFIG}::regconfig, ${q.q})` : undefined;
  const pairs = q.q && mayHoldPhrase(q.q) ? await phrasePairs(db, q.q) : [];
  if (tsQuery && pairs.length) {
    // The phrase's pairs narrow the candidates (their own GIN index: a rare phrase is a
    // few rows, a common one leaves the planner its newest-first walk). IS TRUE keeps the
    // search_vector index out of this plan: ANDed into the bitmap it would cost what the
    // pairs save (both words' whole posting lists), and it cannot check adjacency anyway.
    // hashtext(value) is folded into a constant when the statement is planned for its
    // values, so the planner sees the keys (the migration keeps the same keys).
    where.push(Prisma.sql`c."search_pairs" @> ARRAY[${Prisma.join(pairs.map((p) => Prisma.sql`hashtext(${p})`))}]::integer[]`);
    where.push(Prisma.sql`(${SEARCH_VECTOR} @@ ${tsQuery}) IS TRUE`);
  } else if (tsQuery) {
    where.push(Prisma.sql`${SEARCH_VECTOR} @@ ${tsQuery}`);
  }

  // float8 on both sides of the keyset comparison: the cursor carries the exact value.
  const rankExpr = tsQuery ? Prisma.sql`ts_rank(${SEARCH_VECTOR}, ${tsQuery})::float8` : Prisma.sql`NULL::float8`;
  let keyExpr: Prisma.Sql;
  if (sort === "relevance") {
    if (!tsQuery) throw new Error("sort=relevance without q passed validation");
    keyExpr = rankExpr;
    if (q.cursor) {
      const after = decodeSortCursor(q.cursor, sort, "number");
      where.push(Prisma.sql`(${keyExpr}, c.id) < (CAST(${after.value} AS float8), CAST(${after.id} AS uuid))`);
    }
  } else {
    keyExpr = sort === "created" ? Prisma.sql`c."createdAt"` : Prisma.sql`c."updatedAt"`;
    if (q.cursor) {
      const after = decodeSortCursor(q.cursor, sort, "time");
      where.push(Prisma.sql`(${keyExpr}, c.id) < (CAST(${after.value} AS timestamptz), CAST(${after.id} AS uuid))`);
    }
  }

  // The rank is computed for the page's rows only, unless it is the sort key: a rare phrase
  // found through its pairs is a top-N sort of every match by date, and ranking them all
  // before the sort was most of that statement's cost.
  const rankOnPage = tsQuery !== undefined && sort !== "relevance";
  const pageColumns = !tsQuery
    ? Prisma.sql`NULL::float8 AS rank`
    : rankOnPage
      ? Prisma.sql`${SEARCH_VECTOR} AS sv`
      : Prisma.sql`${rankExpr} AS rank, ${SEARCH_VECTOR} AS sv`;
  const outerRank = rankOnPage ? Prisma.sql`ts_rank(p.sv, ${tsQuery})::float8` : Prisma.sql`p.rank`;

  // The page is found first (MATERIALIZED: its plan is the index walk alone); the stored
  // renders and the snippets (ts_headline is costly) are then looked up for its rows only.
  // The snippet comes from the statement when the statement alone matches (its lexemes are
  // the vector's weight A), and from the statement and the quotes of the claim's appearances
  // otherwise: reading the quotes for every row cost as much as the snippet itself.
  const marks = MARK_START + MARK_END;
  const headline = tsQuery
    ? Prisma.sql`CASE WHEN ts_filter(p.sv, '{a}') @@ ${tsQuery}
        THEN ts_headline(${TS_CONFIG}::regconfig, translate(p.statement, ${marks}, ''), ${tsQuery}, ${HEADLINE_OPTIONS})
        ELSE ts_headline(${TS_CONFIG}::regconfig,
          translate(p.statement || coalesce((
            SELECT E'\n' || string_agg(a.exact, E'\n' ORDER BY a."createdAt")
            FROM claim_appearances a WHERE a."organizationId" = p."organizationId" AND a."claimId" = p.id), ''), ${marks}, ''),
          ${tsQuery}, ${HEADLINE_OPTIONS}) END`
    : Prisma.sql`NULL::text`;
  const statement = Prisma.sql`
    WITH page AS MATERIALIZED (
      SELECT c."organizationId", c.id, ${keyExpr} AS key, ${pageColumns}, c.version, c."renderGen", c.statement
      FROM claims c
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY key DESC, c.id DESC
      LIMIT ${q.limit + 1})
    SELECT p.id, p.key, ${outerRank} AS rank, p.version, cr.json, ${headline} AS headline
    FROM page p
    LEFT JOIN claim_renders cr ON cr."organizationId" = p."organizationId" AND cr."claimId" = p.id AND cr.gen = p."renderGen"
      AND cr.epoch = (SELECT o."renderEpoch" FROM organizations o WHERE o.id = p."organizationId")
    ORDER BY p.key DESC, p.id DESC`;
  // Straight to the driver (Database.query): Prisma's raw-query path costs more than the
  // statement itself on a page whose renders are stored.
  const rows = await db.query<PageRow>(statement.text, statement.values);
  const pageRows = rows.slice(0, q.limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeSortCursor(sort, toKey(last.key, sort), last.id) : null;
  if (!pageRows.length) return { items: [], nextCursor: null };

  const missing = pageRows.filter((r) => r.json === null).map((r) => r.id);
  const rendered = new Map((await presentedClaims(db, auth.organizationId, missing)).map((c) => [c.id, c]));
  const items: ClaimListItem[] = [];
  for (const r of pageRows) {
    const claim: PresentedClaim | undefined = r.json !== null ? { id: r.id, version: r.version, json: r.json } : rendered.get(r.id);
    if (!claim) continue;
    items.push(tsQuery ? { claim, search: { rank: Number(r.rank ?? 0), snippet: markedToHtml(r.headline ?? "") } } : { claim });
  }
  return { items, nextCursor };
}

/**
 * The adjacent lexeme pairs the query requires (phrase-pairs.ts), from PostgreSQL's own
 * parse of it: one short statement, run only when the query can hold a phrase. Its result
 * goes into the page statement as a value, so the planner sees how rare the pairs are.
 */
async function phrasePairs(db: Database, q: string): Promise<string[]> {
  const [row] = await db.query<{ tsquery: string }>(`SELECT websearch_to_tsquery('${TS_CONFIG}'::regconfig, $1)::text AS tsquery`, [q]);
  return row ? requiredPhrasePairs(row.tsquery) : [];
}

function toKey(key: Date | number | string, sort: ClaimSort): Date | number {
  if (key instanceof Date || typeof key === "number") return key;
  // Drivers differ: timestamps may come back as strings, float8 too.
  return sort === "relevance" ? Number(key) : new Date(key);
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes everything as HTML text except our match markers, which become <mark> elements. */
export function markedToHtml(marked: string): string {
  let out = "";
  let open = false;
  for (const ch of marked) {
    if (ch === MARK_START) {
      if (!open) out += "<mark>";
      open = true;
    } else if (ch === MARK_END) {
      if (open) out += "</mark>";
      open = false;
    } else {
      out += htmlEscapes[ch] ?? ch;
    }
  }
  return open ? `${out}</mark>` : out;
}
