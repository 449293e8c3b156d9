import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { AppError, type FieldError } from "../http/problem";
import { validationError } from "../http/validate";
import { importLine, type ImportContext } from "./import-line";
import { IMPORT_BATCH_LINES, importLineSchema, MAX_IMPORT_LINES, MAX_REPORTED_REJECTIONS, type ImportLineResult, type ImportReport } from "./import-schemas";
import type { RawLine } from "./ndjson-lines";

/** Long enough for 100,000 lines in one transaction; the default (5 s) is for single requests. */
export const IMPORT_TX_OPTIONS = { timeout: 60 * 60_000, maxWait: 30_000 };

export const tooManyLines = () =>
  new AppError(413, "too_many_lines", `An import may have at most ${MAX_IMPORT_LINES.toLocaleString("en")} lines; split it into several requests.`);

export class ImportTally {
  readonly written: ImportLineResult[] = [];
  readonly rejected: ImportLineResult[] = [];
  readonly totals = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };

  add(result: ImportLineResult): void {
    this.totals.lines += 1;
    this.totals[result.status] += 1;
    if (result.status !== "rejected") this.written.push(result);
    else if (this.rejected.length < MAX_REPORTED_REJECTIONS) this.rejected.push(result);
  }

  report(atomic: boolean, committed: boolean): ImportReport {
    return { atomic, committed, totals: this.totals, written: committed ? this.written : [], rejected: this.rejected };
  }
}

function rejection(line: number, ref: string | null, type: ImportLineResult["type"], code: string, errors: FieldError[]): ImportLineResult {
  return { line, ref, type, status: "rejected", id: null, code, errors };
}

/** What a line may be rejected for; anything else is a fault and fails the request. */
function lineProblem(err: unknown): { code: string; errors: FieldError[] } | null {
  if (err instanceof AppError && err.status < 500) return { code: err.code, errors: err.extra.errors ?? [{ field: "data", message: err.message, code: err.code }] };
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    return { code: "conflict", errors: [{ field: "data", message: "A record with the same unique value (externalId?) was written at the same time.", code: "conflict" }] };
  }
  return null;
}

/**
 * Validates then writes one line inside `tx`, under a savepoint: a rejected line is rolled
 * back alone (its events and children with it) and never aborts its neighbours.
 */
async function processLine(tx: Prisma.TransactionClient, ctx: ImportContext, raw: RawLine): Promise<ImportLineResult | null> {
  if ("tooLong" in raw) return rejection(raw.line, null, null, "line_too_long", [{ field: "(line)", message: "The line is longer than 2.5 MB.", code: "line_too_long" }]);
  if (raw.text.trim() === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch (err) {
    return rejection(raw.line, null, null, "invalid_json", [{ field: "(line)", message: `Not JSON: ${(err as Error).message}`, code: "invalid_json" }]);
  }
  const loose = typeof json === "object" && json !== null ? (json as { ref?: unknown; type?: unknown }) : {};
  const ref = typeof loose.ref === "string" ? loose.ref : null;
  const looseType = loose.type === "source" || loose.type === "article" || loose.type === "claim" ? loose.type : null;
  const parsed = importLineSchema.safeParse(json);
  if (!parsed.success) {
    const errors = validationError("line", parsed.error).extra.errors ?? [];
    return rejection(raw.line, ref, looseType, "validation_failed", errors);
  }
  const line = parsed.data;
  if (line.ref !== undefined && ctx.refs.has(line.ref)) {
    return rejection(raw.line, ref, line.type, "duplicate_ref", [{ field: "ref", message: "An earlier line of this import already uses this ref.", code: "duplicate_ref" }]);
  }
  await tx.$executeRawUnsafe("SAVEPOINT import_line");
  try {
    const { id, status } = await importLine(tx, ctx, line);
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT import_line");
    if (line.ref !== undefined) ctx.refs.set(line.ref, { type: line.type, id });
    return { line: raw.line, ref: line.ref ?? null, type: line.type, status, id };
  } catch (err) {
    const problem = lineProblem(err);
    if (!problem) throw err;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_line");
    return rejection(raw.line, line.ref ?? null, line.type, problem.code, problem.errors);
  }
}

/** atomic=true: every line in the caller's transaction; the caller rolls back when any was rejected. */
export async function importAtomic(tx: Prisma.TransactionClient, ctx: ImportContext, lines: AsyncIterable<RawLine>): Promise<ImportTally> {
  const tally = new ImportTally();
  for await (const raw of lines) {
    if (raw.line > MAX_IMPORT_LINES) throw tooManyLines();
    const result = await processLine(tx, ctx, raw);
    if (result) tally.add(result);
  }
  return tally;
}

/**
 * atomic=false: transactions of IMPORT_BATCH_LINES lines, read from the stream while the
 * batch's transaction is open, so no more than one line is held in memory. A batch commits
 * its valid lines; a fault (not a rejected line) rolls back that batch only and fails the
 * request — earlier batches stay committed, which the 413/500 says.
 */
export async function importInBatches(db: Database, ctx: ImportContext, lines: AsyncIterable<RawLine>): Promise<ImportTally> {
  const tally = new ImportTally();
  const iterator = lines[Symbol.asyncIterator]();
  let done = false;
  let committedThroughLine = 0;
  while (!done) {
    const refsBefore = new Map(ctx.refs);
    const batch: ImportLineResult[] = [];
    let lastLine = committedThroughLine;
    try {
      await db.prisma.$transaction(async (tx) => {
        let count = 0;
        while (count < IMPORT_BATCH_LINES) {
          const next = await iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          const raw = next.value;
          lastLine = raw.line;
          if (raw.line > MAX_IMPORT_LINES) throw tooManyLines();
          const result = await processLine(tx, ctx, raw);
          if (result) batch.push(result);
          count += 1;
        }
      }, IMPORT_TX_OPTIONS);
    } catch (err) {
      ctx.refs.clear();
      for (const [k, v] of refsBefore) ctx.refs.set(k, v);
      if (err instanceof AppError) {
        err.extra.committedThroughLine = committedThroughLine;
        err.extra.totals = tally.totals;
      }
      throw err;
    }
    for (const r of batch) tally.add(r);
    committedThroughLine = lastLine;
  }
  return tally;
}
