import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../db/db-errors";
import { AppError, type FieldError } from "../http/problem";
import { validationError } from "../http/validate";
import { findIllFormedString, illFormedFieldError, isWellFormedText } from "../http/well-formed-body";
import type { CreateClaimInput } from "../claims/create-claim";
import { insertClaims, type BulkOutcome, type RevisionCache } from "../claims/insert-claims";
import { importLine, resolveRefs, type ImportContext } from "./import-line";
import { BULK_GROUP_LINES, IMPORT_BATCH_LINES, importLineSchema, type ImportLine, MAX_IMPORT_LINES, MAX_REPORTED_REJECTIONS, type ImportLineResult, type ImportReport } from "./import-schemas";
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
  if (isUniqueViolation(err)) {
    return { code: "conflict", errors: [{ field: "data", message: "A record with the same unique value (externalId?) was written at the same time.", code: "conflict" }] };
  }
  return null;
}

type Parsed = { result: ImportLineResult | null } | { line: ImportLine; raw: RawLine };

/** Parses and validates one line (no database work): a rejection, nothing (blank), or the line. */
function parseLine(ctx: ImportContext, pendingRefs: ReadonlySet<string>, raw: RawLine): Parsed {
  if ("tooLong" in raw) return { result: rejection(raw.line, null, null, "line_too_long", [{ field: "(line)", message: "The line is longer than 2.5 MB.", code: "line_too_long" }]) };
  if (raw.text.trim() === "") return { result: null };
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch (err) {
    return { result: rejection(raw.line, null, null, "invalid_json", [{ field: "(line)", message: `Not JSON: ${(err as Error).message}`, code: "invalid_json" }]) };
  }
  const loose = typeof json === "object" && json !== null ? (json as { ref?: unknown; type?: unknown }) : {};
  const ref = typeof loose.ref === "string" && isWellFormedText(loose.ref) ? loose.ref : null;
  const looseType = loose.type === "source" || loose.type === "article" || loose.type === "claim" ? loose.type : null;
  // A lone surrogate ("\ud800") parses but is not text PostgreSQL accepts: the same 400
  // reason as the JSON routes (src/http/well-formed-body.ts), for this line alone.
  const illFormed = findIllFormedString(json);
  if (illFormed) return { result: rejection(raw.line, ref, looseType, "invalid_unicode", [illFormedFieldError(illFormed)]) };
  const parsed = importLineSchema.safeParse(json);
  if (!parsed.success) {
    const errors = validationError("line", parsed.error).extra.errors ?? [];
    return { result: rejection(raw.line, ref, looseType, "validation_failed", errors) };
  }
  const line = parsed.data;
  if (line.ref !== undefined && (ctx.refs.has(line.ref) || pendingRefs.has(line.ref))) return { result: duplicateRef(raw.line, line) };
  return { line, raw };
}

const duplicateRef = (lineNumber: number, line: ImportLine) =>
  rejection(lineNumber, line.ref ?? null, line.type, "duplicate_ref", [{ field: "ref", message: "An earlier line of this import already uses this ref.", code: "duplicate_ref" }]);

/** Writes one valid line with the single-record use cases, under a savepoint: a rejected line is rolled back alone. */
async function writeLine(tx: Prisma.TransactionClient, ctx: ImportContext, raw: RawLine, line: ImportLine): Promise<ImportLineResult> {
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

type ClaimLine = Extract<ImportLine, { type: "claim" }>;
interface PendingClaim {
  raw: RawLine;
  line: ClaimLine;
  input: CreateClaimInput;
}

/**
 * The lines of one transaction, in order. New claims that need nothing but an insert (their
 * sources exist, their externalId is new) wait in a group that is written in bulk
 * (claims/insert-claims.ts) when a line of another kind comes, or at the end; every other line is
 * written on its own. Results come out in line order.
 */
class LineWriter {
  private pending: PendingClaim[] = [];
  private readonly pendingRefs = new Set<string>();
  private readonly pendingExternalIds = new Set<string>();
  readonly results: ImportLineResult[] = [];
  /**
   * The group being written, if any. While PostgreSQL writes one group, the next lines are
   * parsed and validated (no database work): Node and the database work at the same time
   * instead of in turns. At most one group is in flight; anything that touches the database
   * waits for it first, so statements still go one at a time, in line order.
   */
  private inflight: Promise<void> | null = null;
  private inflightRefs = new Set<string>();

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly ctx: ImportContext,
    private readonly revisions: RevisionCache,
  ) {}

  async add(raw: RawLine): Promise<void> {
    const parsed = parseLine(this.ctx, this.pendingRefs, raw);
    if ("result" in parsed) {
      if (parsed.result) this.results.push(parsed.result);
      return;
    }
    const { line } = parsed;
    // The same ref as a line of the group in flight: a duplicate only if that line is written.
    if (line.ref !== undefined && this.inflightRefs.has(line.ref)) {
      await this.settle();
      if (this.ctx.refs.has(line.ref)) {
        this.results.push(duplicateRef(raw.line, line));
        return;
      }
    }
    if (line.type === "claim" && line.data.chain.every((l) => !("new" in l.source))) {
      let input: CreateClaimInput;
      try {
        input = resolveRefs(this.ctx, line.data);
      } catch (err) {
        const problem = lineProblem(err);
        if (!problem) throw err;
        this.results.push(rejection(raw.line, line.ref ?? null, line.type, problem.code, problem.errors));
        return;
      }
      // A second line with the same new externalId updates the first: it waits for it to be written.
      if (input.externalId === undefined || !this.pendingExternalIds.has(input.externalId)) {
        this.pending.push({ raw, line, input });
        if (line.ref !== undefined) this.pendingRefs.add(line.ref);
        if (input.externalId !== undefined) this.pendingExternalIds.add(input.externalId);
        if (this.pending.length >= BULK_GROUP_LINES) await this.startFlush();
        return;
      }
    }
    await this.flush();
    this.results.push(await writeLine(this.tx, this.ctx, raw, line));
  }

  /** Writes the waiting claims and waits until every group is written. */
  async flush(): Promise<void> {
    await this.startFlush();
    await this.settle();
  }

  /** Waits for the group in flight; its fault, if any, is thrown here. */
  private async settle(): Promise<void> {
    const inflight = this.inflight;
    if (!inflight) return;
    try {
      await inflight;
    } finally {
      if (this.inflight === inflight) {
        this.inflight = null;
        this.inflightRefs = new Set();
      }
    }
  }

  /**
   * Waits for the group in flight, then starts writing the waiting claims without waiting
   * for them. Callers must settle() before the transaction ends (finish() and abandon() do).
   */
  private async startFlush(): Promise<void> {
    await this.settle();
    const group = this.pending;
    this.pending = [];
    this.inflightRefs = new Set(this.pendingRefs);
    this.pendingRefs.clear();
    this.pendingExternalIds.clear();
    if (group.length === 0) return;
    const writing = this.writeGroup(group);
    // Awaited by the next settle(); until then a fault must not count as unhandled.
    writing.catch(() => undefined);
    this.inflight = writing;
  }

  /** Writes a group of claims: in bulk, and those whose externalId exists one by one (an update). */
  private async writeGroup(group: PendingClaim[]): Promise<void> {
    const { tx, ctx } = this;
    const externalIds = group.flatMap((p) => (p.input.externalId !== undefined ? [p.input.externalId] : []));
    const taken = new Set(
      externalIds.length
        ? (
            await tx.$queryRawUnsafe<Array<{ externalId: string }>>(
              `SELECT "externalId" FROM claims WHERE "organizationId" = $1::uuid AND "externalId" = ANY($2::text[])`,
              ctx.organizationId,
              externalIds,
            )
          ).map((r) => r.externalId)
        : [],
    );
    const bulk = group.filter((p) => p.input.externalId === undefined || !taken.has(p.input.externalId));
    const single = group.filter((p) => p.input.externalId !== undefined && taken.has(p.input.externalId));
    await tx.$executeRawUnsafe("SAVEPOINT import_bulk");
    let outcomes: BulkOutcome[];
    try {
      outcomes = await insertClaims(tx, { organizationId: ctx.organizationId, actor: ctx.actor, claims: bulk.map((p) => ({ line: p.raw.line, input: p.input })), revisions: this.revisions });
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT import_bulk");
    } catch (err) {
      // Another request took one of these externalIds meanwhile: write them one by one,
      // which turns that line into an update or a rejected line, as a lone line would be.
      if (!lineProblem(err)) throw err;
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_bulk");
      for (const p of group) this.results.push(await writeLine(tx, ctx, p.raw, p.line));
      return;
    }
    const byLine = new Map(bulk.map((p) => [p.raw.line, p]));
    for (const o of outcomes) {
      const p = byLine.get(o.line)!;
      if (o.ok) {
        if (p.line.ref !== undefined) ctx.refs.set(p.line.ref, { type: "claim", id: o.id });
        this.results.push({ line: o.line, ref: p.line.ref ?? null, type: "claim", status: "created", id: o.id });
      } else {
        const problem = lineProblem(o.error)!;
        this.results.push(rejection(o.line, p.line.ref ?? null, "claim", problem.code, problem.errors));
      }
    }
    for (const p of single) this.results.push(await writeLine(tx, ctx, p.raw, p.line));
  }

  /** Flushes, then the results in line order. */
  async finish(): Promise<ImportLineResult[]> {
    await this.flush();
    return this.results.sort((a, b) => a.line - b.line);
  }

  /** On the way out of a failed transaction: lets the group in flight end (ignoring its fault) before the rollback. */
  async abandon(): Promise<void> {
    await this.settle().catch(() => undefined);
  }
}

/** atomic=true: every line in the caller's transaction; the caller rolls back when any was rejected. */
export async function importAtomic(tx: Prisma.TransactionClient, ctx: ImportContext, lines: AsyncIterable<RawLine>): Promise<ImportTally> {
  const tally = new ImportTally();
  const writer = new LineWriter(tx, ctx, new Map());
  try {
    for await (const raw of lines) {
      if (raw.line > MAX_IMPORT_LINES) throw tooManyLines();
      await writer.add(raw);
    }
    for (const r of await writer.finish()) tally.add(r);
  } catch (err) {
    await writer.abandon();
    throw err;
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
  const revisions: RevisionCache = new Map();
  const iterator = lines[Symbol.asyncIterator]();
  let done = false;
  let committedThroughLine = 0;
  while (!done) {
    const refsBefore = new Map(ctx.refs);
    let batch: ImportLineResult[] = [];
    let lastLine = committedThroughLine;
    try {
      await db.prisma.$transaction(async (tx) => {
        const writer = new LineWriter(tx, ctx, revisions);
        try {
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
            await writer.add(raw);
            count += 1;
          }
          batch = await writer.finish();
        } catch (err) {
          await writer.abandon();
          throw err;
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
