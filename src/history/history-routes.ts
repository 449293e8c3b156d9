import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idParams } from "../http/common-schemas";
import { assertClaimExists } from "../verification/claim-lock";
import { actorNamer } from "./actor-names";
import { claimHistory, decodeSeqCursor, encodeSeqCursor, presentHistoryEntry } from "./claim-history";
import { historyPageSchema, historyQuery } from "./history-schemas";

export function registerHistoryRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/claims/:id/history",
      operationId: "getClaimHistory",
      summary: "A claim's timeline from the event log, oldest first",
      description: "Every recorded change of the claim, its verdicts, assignment, workflow state and comments, with who made it and the values before and after.",
      tags: ["History"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      query: historyQuery,
      responses: { 200: { description: "A page of the timeline; pass nextCursor as cursor for the next one.", schema: historyPageSchema } },
    },
    async ({ res, params, query, auth }) => {
      const afterSeq = query.cursor ? decodeSeqCursor(query.cursor) : undefined;
      await assertClaimExists(db.prisma, auth.organizationId, params.id);
      const rows = await claimHistory(db.prisma, { organizationId: auth.organizationId, claimId: params.id, limit: query.limit + 1, afterSeq });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const actorOf = (e: (typeof page)[number]) => ({ type: e.actorType, id: e.actorId });
      const named = await actorNamer(db.prisma, auth.organizationId, page.map(actorOf));
      res.json({ data: page.map((e) => presentHistoryEntry(e, named(actorOf(e)))), nextCursor: rows.length > query.limit && last ? encodeSeqCursor(last.seq) : null });
    },
  );
}
