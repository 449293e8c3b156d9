import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { verifyEventChain } from "./verify-event-chain";

const chainReportSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe("Events verified, from seq 1."),
    lastSeq: z.number().int().describe("The last seq verified as intact."),
    firstBrokenSeq: z.number().int().optional().describe("The first seq where the chain does not hold."),
    reason: z
      .enum(["seq_gap", "prev_hash_mismatch", "hash_mismatch", "chain_head_mismatch"])
      .optional()
      .describe("seq_gap: an event is missing; prev_hash_mismatch: an event does not link to the previous one; hash_mismatch: an event's content does not match its hash; chain_head_mismatch: events exist that the chain head does not account for."),
  })
  .meta({ id: "EventChainReport" });

export function registerAuditRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/audit/verify",
      operationId: "verifyEventChain",
      summary: "Verify the organization's event hash chain",
      description:
        "Recomputes every event's hash from the first one and reports the first place where the chain is broken (a missing seq, a wrong link, " +
        "or content that no longer matches its hash). Reads the log in batches, so it works on any size of log; it takes time proportional to it.",
      tags: ["Audit"],
      access: "admin",
      responses: { 200: { description: "The verification report (200 also when the chain is broken: see `ok`).", schema: chainReportSchema } },
    },
    async ({ res, auth }) => {
      res.json(await verifyEventChain(db.prisma, auth.organizationId));
    },
  );
}
