import type { Database } from "../db/database";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { decodeSortCursor, encodeSortCursor } from "../http/cursor";
import type { AuthContext } from "../http/types";
import { claimFilterConditions, type ListClaimsQuery } from "./claim-filters";
import { presentedClaims, type PresentedClaim } from "./claim-json";

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

interface KeyRow {
  id: string;
  key: Date | number;
  rank: number | null;
}

/**
 * One page of claims: filters, optional full-text search, and a keyset on the sort value
 * plus id, so rows inserted between two page fetches never shift a page (no duplicates,
 * no skips). Ids and sort keys come from one SQL query; the claims are then rendered
 * (claim-json.ts) and returned in that order.
 */
export async function listClaimPage(db: Database, auth: AuthContext, q: ListClaimsQuery): Promise<ClaimPage> {
  const prisma = db.prisma;
  // Newest first by default, with q too: it walks the (organizationId, createdAt) index and
  // stops after a page. Best match first has to rank every match, which on a broad query
  // over a large archive is tens of thousands of rows (the benchmark: seconds at 1M claims).
  const sort: ClaimSort = q.sort ?? "created";
  const where = claimFilterConditions(q, auth);
  const tsQuery = q.q ? Prisma.sql`websearch_to_tsquery(${TS_CONFIG}::regconfig, ${q.q})` : undefined;
  if (tsQuery) where.push(Prisma.sql`${SEARCH_VECTOR} @@ ${tsQuery}`);

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

  const keys = await prisma.$queryRaw<KeyRow[]>`
    SELECT c.id, ${keyExpr} AS key, ${rankExpr} AS rank
    FROM claims c
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY key DESC, c.id DESC
    LIMIT ${q.limit + 1}`;
  const pageKeys = keys.slice(0, q.limit);
  const last = pageKeys[pageKeys.length - 1];
  const nextCursor = keys.length > q.limit && last ? encodeSortCursor(sort, toKey(last.key), last.id) : null;
  if (!pageKeys.length) return { items: [], nextCursor: null };

  const ids = pageKeys.map((k) => k.id);
  const claims = await presentedClaims(db, auth.organizationId, ids);
  const byId = new Map(claims.map((c) => [c.id, c]));
  const snippets = tsQuery ? await loadSnippets(prisma, auth.organizationId, ids, tsQuery) : undefined;
  const items: ClaimListItem[] = [];
  for (const k of pageKeys) {
    const claim = byId.get(k.id);
    if (!claim) continue;
    items.push(snippets ? { claim, search: { rank: Number(k.rank ?? 0), snippet: snippets.get(k.id) ?? "" } } : { claim });
  }
  return { items, nextCursor };
}

function toKey(key: Date | number | string): Date | number {
  if (key instanceof Date || typeof key === "number") return key;
  // Some drivers hand timestamps back as strings.
  return new Date(key);
}

/** Highlighted excerpts for a page of hits, computed only for that page (ts_headline is costly). */
async function loadSnippets(prisma: PrismaClient, organizationId: string, ids: string[], tsQuery: Prisma.Sql): Promise<Map<string, string>> {
  const rows = await prisma.$queryRaw<Array<{ id: string; headline: string }>>`
    SELECT c.id,
      ts_headline(${TS_CONFIG}::regconfig,
        translate(c.statement || coalesce((
          SELECT E'\n' || string_agg(a.exact, E'\n' ORDER BY a."createdAt")
          FROM claim_appearances a WHERE a."organizationId" = c."organizationId" AND a."claimId" = c.id), ''), ${MARK_START + MARK_END}, ''),
        ${tsQuery}, ${HEADLINE_OPTIONS}) AS headline
    FROM claims c
    WHERE c."organizationId" = CAST(${organizationId} AS uuid) AND c.id IN (${Prisma.join(ids.map((id) => Prisma.sql`CAST(${id} AS uuid)`))})`;
  return new Map(rows.map((r) => [r.id, markedToHtml(r.headline)]));
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
