import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idempotentWrite } from "../http/idempotent-write";
import { AppError } from "../http/problem";
import { createWriteHeaders } from "../verification/write-docs";
import { importClaimReviews } from "./import-claimreview";
import { flattenInput } from "./import-normalise";

export const MAX_IMPORT_OBJECTS = 100;

// External JSON-LD is irregular by nature: the body is any object or list, and each object
// is read leniently by import-normalise.ts (which reports what it made of it).
const importBody = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown()).min(1)])
  .describe("One ClaimReview object, a list of them, or a JSON-LD document with @graph — as found on fact-check pages.")
  .meta({ id: "ClaimReviewImport" });

const outcomeSchema = z.object({
  index: z.number().int().describe("Position of the object in the request (after @graph flattening)."),
  status: z.enum(["created", "updated", "rejected"]),
  claimId: z.uuid().nullable(),
  url: z.string().nullable().describe("The review URL, the de-duplication key."),
  warnings: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
const importResult = z
  .object({ data: z.array(outcomeSchema), summary: z.object({ created: z.number().int(), updated: z.number().int(), rejected: z.number().int() }) })
  .meta({ id: "ClaimReviewImportResult" });

export function registerImportRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/import/claimreview",
      operationId: "importClaimReview",
      summary: "Import other fact-checkers' ClaimReview markup as claims with content verdicts",
      description:
        `Up to ${MAX_IMPORT_OBJECTS} ClaimReview objects. Each becomes a claim (statement from claimReviewed) with a content verdict by the external ` +
        "fact-checker, keyed by the review URL: importing the same URL again updates that claim. Each object is created, updated or rejected with a " +
        "reason and warnings for what was guessed. All objects are written in one transaction: a fault stores nothing.",
      tags: ["ClaimReview"],
      access: "fact_checker",
      headers: createWriteHeaders,
      body: importBody,
      responses: { 200: { description: "What happened to each object.", schema: importResult } },
    },
    async ({ req, res, body, auth }) => {
      const items = flattenInput(body);
      if (items.length === 0) throw new AppError(400, "nothing_to_import", "The request holds no ClaimReview object (an empty @graph?).");
      if (items.length > MAX_IMPORT_OBJECTS) {
        throw new AppError(400, "too_many_objects", `At most ${MAX_IMPORT_OBJECTS} ClaimReview objects per request; this one has ${items.length}.`);
      }
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const data = await importClaimReviews(tx, { organizationId: auth.organizationId, actor: auth.actor, items });
        const count = (s: string) => data.filter((d) => d.status === s).length;
        return { status: 200, body: { data, summary: { created: count("created"), updated: count("updated"), rejected: count("rejected") } } };
      });
    },
  );
}
