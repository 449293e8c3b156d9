import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Request, Response } from "express";
import { z } from "zod";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { AppError } from "../http/problem";
import type { AuthContext } from "../http/types";
import { problemResponse } from "../verification/write-docs";
import type { ImportContext } from "./import-line";
import { claimImportKey, keyReused, parseImportKey, storeImportKey } from "./import-key";
import { importLineSchema, importQuerySchema, importReportSchema, MAX_IMPORT_BODY_BYTES, MAX_LINE_BYTES, type ImportReport } from "./import-schemas";
import { ndjsonLines } from "./ndjson-lines";
import { spoolBody, type SpooledBody } from "./spool-body";
import { IMPORT_TX_OPTIONS, importAtomic, importInBatches, type ImportTally } from "./run-import";

export const NDJSON = "application/x-ndjson";

/** Thrown inside the atomic transaction to roll it back, carrying the report out. */
class ImportRejected extends Error {
  constructor(readonly tally: ImportTally) {
    super("import rejected");
  }
}

const description =
  "Imports sources, articles and claims from an NDJSON body (`application/x-ndjson`, one `ImportLine` per line, blank lines skipped), " +
  "up to 100,000 lines (413 `too_many_lines` beyond), 2.5 MB per line (longer lines are rejected with `line_too_long`) and 1 GB in all " +
  "(413 `body_too_large`). The body is received first (into a temporary file, so a long import is never cut by the request timeout), then " +
  "read line by line; new claims are written in groups of 500. Each line is validated and written with the same rules as the single-record endpoints (and the same events); " +
  "a line may refer to a record created by an earlier line through its `ref` (claim anchor `{ articleRef }`, chain source `{ ref }`). " +
  "Articles and claims whose `externalId` exists are updated. A record and its children (claim, appearance, chain, new sources, events) " +
  "are always written in one transaction, so a crash leaves no half-written record.\n\n" +
  "`atomic=true` (default): one transaction; if any line is rejected nothing is written and the answer is 422 with the report (`committed: false`). " +
  "An `Idempotency-Key` is stored with that transaction: a retry with the same key and body returns the first report (`Idempotent-Replayed: true`) " +
  "without writing again; the same key with another body is 422 `idempotency_key_reused`.\n\n" +
  "`atomic=false`: transactions of 2,000 lines; a rejected line is rolled back alone and reported, valid lines commit (200). `Idempotency-Key` " +
  "is refused (400 `idempotency_key_not_supported`): a failure mid-way leaves earlier batches committed, which a stored key could not describe " +
  "honestly. Retry such an import with `externalId`s instead — existing records are then updated, not duplicated.\n\n" +
  "The JSON report lists every written line (line, ref, type, status, id) and the rejected ones with their errors (the first 1,000), plus totals.";

function requireNdjson(req: Request): void {
  if (!req.is(NDJSON)) throw new AppError(415, "unsupported_media_type", `Send the import as ${NDJSON}: one JSON object per line.`);
}

/** A file's chunks, opened only when first read (a replay never reads the lines). */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(file)) yield chunk as Buffer;
}

/** Reads what is left of the body only to fingerprint it (a replay must be the same request). */
async function fingerprintRest(body: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): Promise<string> {
  for await (const chunk of body) hash.update(chunk);
  return hash.digest("hex");
}

export function registerImportRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/import",
      operationId: "importRecords",
      summary: "Bulk import sources, articles and claims (NDJSON)",
      description,
      tags: ["Import"],
      access: "fact_checker",
      query: importQuerySchema,
      headers: z.object({ "Idempotency-Key": z.string().optional().describe("Optional, atomic=true only: a retry with the same key and body returns the first report.") }),
      // The body is a stream of lines, not one JSON document: it is documented as its line schema and parsed by the handler.
      body: z.preprocess(() => undefined, importLineSchema.optional()),
      bodyContentType: NDJSON,
      responses: {
        200: { description: "The import's report: everything valid was committed.", schema: importReportSchema, headers: { "Idempotent-Replayed": "`true` when this is the stored report of an earlier request with the same key." } },
        413: problemResponse("More than 100,000 lines. atomic=true: nothing was written. atomic=false: `committedThroughLine` and `totals` say what earlier batches committed."),
        415: problemResponse("The body is not application/x-ndjson."),
        422: { description: "atomic=true and at least one line was rejected: nothing was written; the report says which lines and why (`committed: false`). Also `idempotency_key_reused`.", schema: importReportSchema },
      },
    },
    async ({ req, res, query, auth }) => {
      requireNdjson(req);
      const atomic = query.atomic === "true";
      const key = parseImportKey(req.headers["idempotency-key"]);
      if (key !== undefined && !atomic) {
        throw new AppError(400, "idempotency_key_not_supported", "Idempotency-Key is only accepted with atomic=true; retry a non-atomic import by externalId instead.", {
          errors: [{ field: "Idempotency-Key", message: "Not accepted with atomic=false.", code: "idempotency_key_not_supported" }],
        });
      }
      const spooled = await spoolBody(req, MAX_IMPORT_BODY_BYTES);
      try {
        await runImport(db, { req, res, auth, atomic, key, spooled });
      } finally {
        await spooled.remove();
      }
    },
  );
}

/** The import proper, reading the spooled body. */
async function runImport(
  db: Database,
  { req, res, auth, atomic, key, spooled }: { req: Request; res: Response; auth: AuthContext; atomic: boolean; key: string | undefined; spooled: SpooledBody },
): Promise<void> {
  const ctx: ImportContext = { organizationId: auth.organizationId, actor: auth.actor, refs: new Map() };
  const hash = createHash("sha256").update(`POST\n${req.originalUrl}\n`);
  const lines = ndjsonLines(fileChunks(spooled.path), MAX_LINE_BYTES, hash);
  if (!atomic) {
    const tally = await importInBatches(db, ctx, lines);
    res.status(200).json(tally.report(false, true));
    return;
  }
  let outcome: { replay: true; stored: { requestHash: string; status: number; body: unknown } } | { replay: false; report: ImportReport };
  try {
    outcome = await db.prisma.$transaction(async (tx) => {
      if (key !== undefined) {
        const stored = await claimImportKey(tx, auth.organizationId, key, "/v1/import");
        if (stored) return { replay: true as const, stored };
      }
      const tally = await importAtomic(tx, ctx, lines);
      if (tally.totals.rejected > 0) throw new ImportRejected(tally);
      const report = tally.report(true, true);
      if (key !== undefined) await storeImportKey(tx, auth.organizationId, key, hash.digest("hex"), 200, report);
      return { replay: false as const, report };
    }, IMPORT_TX_OPTIONS);
  } catch (err) {
    if (err instanceof ImportRejected) {
      res.status(422).json(err.tally.report(true, false));
      return;
    }
    throw err;
  }
  if (outcome.replay) {
    if ((await fingerprintRest(fileChunks(spooled.path), hash)) !== outcome.stored.requestHash) throw keyReused();
    res.setHeader("Idempotent-Replayed", "true");
    res.status(outcome.stored.status).json(outcome.stored.body);
    return;
  }
  res.status(200).json(outcome.report);
}
