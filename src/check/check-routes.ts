import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { checkDraft } from "./check-draft";

export const MAX_DRAFT_LENGTH = 200_000;

const checkBody = z
  .strictObject({ text: z.string().min(1).max(MAX_DRAFT_LENGTH).describe("The draft's plain text, at most 200,000 UTF-16 code units.") })
  .meta({ id: "CheckRequest" });

const verdictLabel = z.object({ key: z.string(), label: z.string() }).nullable();
const checkResult = z
  .object({
    data: z.array(
      z.object({
        sentence: z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }).describe("The sentence of the draft, as UTF-16 offsets [start, end)."),
        claim: z.object({
          id: z.uuid(),
          statement: z.string(),
          status: z.string(),
          speaker: z.object({ id: z.uuid(), name: z.string() }).nullable(),
          verdicts: z.object({ attribution: verdictLabel, content: verdictLabel }),
        }),
        similarity: z.number().describe("pg_trgm similarity of the sentence and the claim's statement (0–1)."),
        speakerMatched: z.boolean().describe("The claim's speaker (name or alias) is named in the sentence or the one before."),
      }),
    ),
  })
  .meta({ id: "CheckResult" });

export function registerCheckRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/check",
      operationId: "checkDraft",
      summary: "Pre-publication check: known claims in a draft",
      description:
        "For each sentence of the draft that repeats a known claim of the organization (trigram similarity of the statement, strengthened by a " +
        "mention of the claim's speaker nearby), the sentence's span, the claim, its status and both verdicts. Reads only: nothing is stored.",
      tags: ["Check"],
      access: "viewer",
      body: checkBody,
      responses: { 200: { description: "The matches, in the order of the draft.", schema: checkResult } },
    },
    async ({ res, body, auth }) => {
      res.json({ data: await checkDraft(db.prisma, auth.organizationId, body.text) });
    },
  );
}
