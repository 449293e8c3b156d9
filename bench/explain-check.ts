import { Client } from "pg";
import { PRESENTED_CLAIMS_SQL, STORED_CLAIMS_SQL } from "../src/claims/claim-json";

export interface ExplainResult {
  name: string;
  sql: string;
  plan: string;
  seqScanOnClaims: boolean;
  ms: number;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the claim queries: the service's own rendering statement
 * (src/claims/claim-json.ts) for one claim and for a page of 50, its read of stored renders, and the key queries of
 * list and search pages written to match src/claims/claim-search.ts. A Seq Scan on claims
 * fails the run.
 */
export async function explainQueries(url: string, org: string, claimId: string, speakerId: string, pageIds: string[]): Promise<ExplainResult[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const queries: Array<[string, string, unknown[]]> = [
    ["single claim, rendered", PRESENTED_CLAIMS_SQL, [org, [claimId]]],
    ["page of 50 claims, rendered", PRESENTED_CLAIMS_SQL, [org, pageIds.slice(0, 50)]],
    ["page of 50 claims, stored renders", STORED_CLAIMS_SQL, [org, pageIds.slice(0, 50)]],
    ["list: status", `SELECT * FROM claims WHERE "organizationId" = $1 AND status = 'in_review' ORDER BY "createdAt" DESC, id DESC LIMIT 51`, [org]],
    ["list: contentVerdict", `SELECT * FROM claims WHERE "organizationId" = $1 AND "contentRatingKey" = 'false' ORDER BY "createdAt" DESC, id DESC LIMIT 51`, [org]],
    ["list: speaker", `SELECT * FROM claims WHERE "organizationId" = $1 AND "speakerSourceId" = $2 ORDER BY "createdAt" DESC, id DESC LIMIT 51`, [org, speakerId]],
    ["list: status+contentVerdict", `SELECT * FROM claims WHERE "organizationId" = $1 AND status = 'published' AND "contentRatingKey" = 'false' ORDER BY "createdAt" DESC, id DESC LIMIT 51`, [org]],
    ["search: q", `SELECT c.id, c."createdAt" AS key, ts_rank_cd(c.search_vector, websearch_to_tsquery('english', $2)) AS rank FROM claims c WHERE c."organizationId" = $1 AND c.search_vector @@ websearch_to_tsquery('english', $2) ORDER BY key DESC, c.id DESC LIMIT 51`, [org, "hospital waiting"]],
    // A quoted phrase, as src/claims/claim-search.ts writes it: its pair keys narrow the candidates.
    ["search: phrase", `SELECT c.id, c."createdAt" AS key FROM claims c WHERE c."organizationId" = $1 AND c.search_pairs @> ARRAY[hashtext($3)]::integer[] AND (c.search_vector @@ websearch_to_tsquery('english', $2)) IS TRUE ORDER BY key DESC, c.id DESC LIMIT 21`, [org, '"carbon tax"', "carbon tax"]],
    ["search: q relevance", `SELECT c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('english', $2)) AS key FROM claims c WHERE c."organizationId" = $1 AND c.search_vector @@ websearch_to_tsquery('english', $2) ORDER BY key DESC, c.id DESC LIMIT 51`, [org, "\"carbon tax\" -nuclear"]],
  ];
  const out: ExplainResult[] = [];
  try {
    for (const [name, sql, params] of queries) {
      const r = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const plan = r.rows.map((x) => x["QUERY PLAN"]).join("\n");
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      out.push({ name, sql, plan, seqScanOnClaims: /Seq Scan on claims/.test(plan), ms });
    }
  } finally {
    await c.end();
  }
  return out;
}
