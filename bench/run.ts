import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createBenchDatabase, dropBenchDatabase } from "./bench-database";
import { generateDataset } from "./dataset-generator";
import { explainQueries } from "./explain-check";
import { pgbenchSelectOnly } from "./pgbench-ceiling";
import { runImport } from "./import-workload";
import { reuseDataset } from "./reuse-dataset";
import { renderReport, type BenchReport } from "./report";
import { startProcess, startService } from "./service-process";
import { runWorkload, type Tracking, type WorkloadResult } from "./workloads";

/**
 * npm run bench [-- --claims N] [--quick] [--seconds S] [--warmup S] [--connections C] [--keep]
 * Loads N claims into a fresh database on the PostgreSQL server, runs the workloads
 * against the real service and the bare baseline, and writes bench/results/<ts>.{md,json}
 * and bench/LATEST.md (not in --quick mode). Exit 1 on a sequential scan of claims or a lost/phantom write.
 *
 * While working on one figure: `--keep` leaves the database (its name is printed), and
 * `--only list,search` runs just those workloads (after loading, or with `--reuse
 * <database>` on a kept one; `--only none` loads and stops) (read, create for the
 * baseline; read, list, search, search-relevance, create, verdict-update, mixed, import,
 * read+limiter for the service) on it and prints their lines, without a report.
 */
function args() {
  const a = process.argv.slice(2);
  const val = (name: string) => {
    const i = a.indexOf(name);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const quick = a.includes("--quick");
  return {
    quick,
    claims: Number(val("--claims") ?? (quick ? 3000 : 1_000_000)),
    seconds: Number(val("--seconds") ?? (quick ? 2 : 15)),
    warmup: Number(val("--warmup") ?? (quick ? 3 : 5)),
    connections: Number(val("--connections") ?? 16),
    importClaims: Number(val("--import-claims") ?? (quick ? 1000 : 100_000)),
    keep: a.includes("--keep"),
    reuse: val("--reuse"),
    only: val("--only")?.split(",").map((x) => x.trim()),
    serverUrl: val("--server") ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  };
}

const log = (m: string) => process.stdout.write(`${m}\n`);
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  let pg = "unknown";
  try {
    pg = execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"], { encoding: "utf8" }).trim();
  } catch {
    /* reported as unknown */
  }
  return { nproc: os.cpus().length, memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, cpu, postgres: pg, node: process.version };
}

async function main(): Promise<void> {
  const o = args();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  if (o.reuse) return partialRun(o);
  const dbName = `claimtrail_bench_${process.pid}`;
  log(`ClaimTrail bench: ${o.claims} claims, ${o.seconds}s per workload, ${o.connections} connections; load ${load().join(" ")}${o.keep ? `; database ${dbName} is kept` : ""}`);
  const bench = await createBenchDatabase(o.serverUrl, dbName);
  const procs: Array<{ stop(): Promise<void> }> = [];
  let failed = false;
  try {
    log("loading dataset with COPY…");
    const ds = await generateDataset({ url: bench.url, organizationId: bench.organizationId, reviewerKeyId: bench.editorKeyId, claims: o.claims, log });
    const loadFigure = { claims: o.claims, seconds: ds.seconds, rate: Math.round(o.claims / ds.seconds), rows: ds.rows, phases: ds.phases, loadavg: load() };
    log(`loaded ${o.claims} claims in ${ds.seconds.toFixed(1)} s (${loadFigure.rate} claims/s) ${JSON.stringify(ds.phases)}`);

    const explains = await explainQueries(bench.url, bench.organizationId, ds.claimIds[Math.floor(ds.claimIds.length / 2)]!, ds.speakerIds[0]!, ds.claimIds.slice(-50));
    for (const e of explains) log(`EXPLAIN ${e.name}: ${e.ms} ms${e.seqScanOnClaims ? "  SEQ SCAN ON claims" : ""}`);
    if (o.only) {
      await partialRun({ ...o, reuse: dbName });
      return;
    }

    log(`pgbench -S (${o.seconds}s)…`);
    const pgb = pgbenchSelectOnly(o.serverUrl, o.seconds, o.connections);
    const pgbench = { tps: pgb.tps, loadavg: load() };
    log(`pgbench select-only: ${pgb.tps} tps`);

    const serviceEnv = { DATABASE_URL: bench.url, DEFAULT_ORG_SLUG: "bench", WEBHOOK_WORKER_ENABLED: "false", SEED_ON_START: "false" };
    const track: Tracking = { createdIds: [], verdictWins: new Map() };
    const results: WorkloadResult[] = [];
    const run = async (name: string, target: string, url: string, kind: string, pid: number | undefined, key = bench.editorKey) => {
      await waitForQuietDatabase(bench.url);
      await runWorkload({ name, target, url, kind, ds, key, track: { createdIds: [], verdictWins: new Map() }, seconds: o.warmup, connections: o.connections, pid });
      // Warm-up writes are acknowledged writes too: track them with the rest.
      const r = await runWorkload({ name, target, url, kind, ds, key, track, seconds: o.seconds, connections: o.connections, pid });
      results.push(r);
      log(`${target.padEnd(8)} ${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms  errors ${r.errors}  412 ${r.conflicts412}  rss ${r.peakRssMb ?? "?"} MB  load ${r.loadavg.join(" ")}`);
      return r;
    };

    // Baseline first (reads and creates), in its own process like the service.
    const baseline = await startProcess("bench/baseline-server.ts", [bench.url, bench.organizationId, "0"], {}, "baseline listening");
    procs.push(baseline);
    await run("read", "baseline", baseline.url, "read", baseline.proc.pid);
    await run("create", "baseline", baseline.url, "create", baseline.proc.pid);
    await baseline.stop();
    procs.pop();

    const svc = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "0" });
    procs.push(svc);
    for (const [name, kind] of [["read", "read"], ["list", "list"], ["search", "search"], ["search-relevance", "search-relevance"], ["create", "create"], ["verdict-update", "verdict"], ["mixed", "mixed"]] as const) {
      await run(name, "service", svc.url, kind, svc.proc.pid);
    }
    await svc.stop();
    procs.pop();

    // Bulk import through the service (a fresh process, so its peak RSS is the import's).
    const importer = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "0" });
    procs.push(importer);
    log(`POST /v1/import of ${o.importClaims} claims…`);
    const imported = await runImport({ url: importer.url, key: bench.editorKey, ds, claims: o.importClaims, pid: importer.proc.pid, loadavg: load });
    const { createdIds: importedIds, ...importFigures } = imported;
    log(`import: ${JSON.stringify(importFigures)}`);
    await importer.stop();
    procs.pop();

    // One read workload with the rate limiter on (its default), as a ratio to the limiter-off read.
    const limited = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "1000000" });
    procs.push(limited);
    await run("read+limiter", "service", limited.url, "read", limited.proc.pid);
    await limited.stop();
    procs.pop();

    // Row checks: every acknowledged create is there, every acknowledged verdict winner stands.
    const c = new Client({ connectionString: bench.url });
    await c.connect();
    const found = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM claims WHERE "organizationId" = $1 AND id = ANY($2::uuid[])`, [bench.organizationId, track.createdIds]);
    const events = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM events WHERE "organizationId" = $1 AND "entityType" = 'claim' AND "entityId" = ANY($2::uuid[]) AND action = 'claim.created'`, [bench.organizationId, track.createdIds]);
    let verdictMismatches = 0;
    let inFlightAtStop = 0;
    const ids = [...track.verdictWins.keys()];
    const rows = await c.query<{ id: string; version: number; contentRatingKey: string | null }>(`SELECT id, version, "contentRatingKey" FROM claims WHERE "organizationId" = $1 AND id = ANY($2::uuid[])`, [bench.organizationId, ids]);
    const examples: string[] = [];
    for (const row of rows.rows) {
      const win = track.verdictWins.get(row.id);
      // The claim's version is the highest one we were told about and its rating is the one written with it: no 412'd write landed.
      // A higher version than any we were told about is a PUT still in flight when the load
      // generator stopped (committed, response never read): counted apart, not as a loss.
      if (win && row.version > win.version) {
        inFlightAtStop++;
        continue;
      }
      if (!win || row.version !== win.version || row.contentRatingKey !== win.rating) {
        verdictMismatches++;
        if (examples.length < 3) examples.push(`${row.id}: db v${row.version}/${row.contentRatingKey} vs acked v${win?.version}/${win?.rating}`);
      }
    }
    await c.end();
    const rowChecks = {
      acknowledgedCreates: track.createdIds.length,
      createsFound: Number(found.rows[0]?.n ?? 0),
      createEventsFound: Number(events.rows[0]?.n ?? 0),
      verdictClaimsChecked: rows.rows.length,
      verdictMismatches,
      inFlightAtStop,
      examples,
    };
    log(`row checks: ${JSON.stringify(rowChecks)}`);

    const importedClaims = await importedRows(bench.url, bench.organizationId, importedIds);
    const report: BenchReport = { stamp, options: { claims: o.claims, seconds: o.seconds, connections: o.connections, quick: o.quick }, machine: machine(), load: loadFigure, explains, pgbench, results, rowChecks, imported: { ...importFigures, stored: importedClaims } };
    const rendered = renderReport(report);
    failed = rendered.failed;
    const dir = path.join(__dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${stamp}.json`), JSON.stringify(report, null, 2));
    writeFileSync(path.join(dir, `${stamp}.md`), rendered.markdown);
    if (!o.quick) copyFileSync(path.join(dir, `${stamp}.md`), path.join(__dirname, "LATEST.md"));
    log("");
    log(rendered.markdown);
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    if (!o.keep) await dropBenchDatabase(o.serverUrl, dbName).catch(() => undefined);
  }
  process.exitCode = failed ? 1 : 0;
}

/**
 * Waits (up to a minute) until no statement of an earlier workload is still running in the
 * bench database: autocannon stops sending at the end of a workload, but statements it
 * started (a best-match search takes seconds) go on, and would load the next one.
 */
async function waitForQuietDatabase(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`);
      if ((r.rows[0]?.n ?? 0) === 0) return;
      if (Date.now() > deadline) {
        log(`  (the database was still busy after 60 s: ${r.rows[0]?.n} statements)`);
        return;
      }
      await new Promise((res) => setTimeout(res, 250));
    }
  } finally {
    await c.end();
  }
}

/** --reuse: the chosen workloads on a kept database; their figures are printed, no report is written. */
async function partialRun(o: ReturnType<typeof args>): Promise<void> {
  const { bench, ds } = await reuseDataset(o.serverUrl, o.reuse!);
  const want = (name: string) => !o.only || o.only.includes(name);
  log(`ClaimTrail bench on ${bench.name}: ${ds.claimIds.length} claims; ${o.seconds}s per workload, ${o.connections} connections; load ${load().join(" ")}`);
  const serviceEnv = { DATABASE_URL: bench.url, DEFAULT_ORG_SLUG: "bench", WEBHOOK_WORKER_ENABLED: "false", SEED_ON_START: "false" };
  const run = async (name: string, target: string, url: string, kind: string, pid: number | undefined) => {
    await waitForQuietDatabase(bench.url);
    const track: Tracking = { createdIds: [], verdictWins: new Map() };
    await runWorkload({ name, target, url, kind, ds, key: bench.editorKey, track, seconds: o.warmup, connections: o.connections, pid });
    const r = await runWorkload({ name, target, url, kind, ds, key: bench.editorKey, track, seconds: o.seconds, connections: o.connections, pid });
    log(`${target.padEnd(8)} ${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms  errors ${r.errors}  412 ${r.conflicts412}  rss ${r.peakRssMb ?? "?"} MB  load ${r.loadavg.join(" ")}`);
  };
  const baselineKinds = (["read", "create"] as const).filter((k) => o.only?.includes(`baseline-${k}`));
  if (baselineKinds.length) {
    const baseline = await startProcess("bench/baseline-server.ts", [bench.url, bench.organizationId, "0"], {}, "baseline listening");
    try {
      for (const k of baselineKinds) await run(k, "baseline", baseline.url, k, baseline.proc.pid);
    } finally {
      await baseline.stop();
    }
  }
  const kinds = ([["read", "read"], ["list", "list"], ["search", "search"], ["search-relevance", "search-relevance"], ["create", "create"], ["verdict-update", "verdict"], ["mixed", "mixed"]] as const).filter(([n]) => want(n));
  if (kinds.length) {
    const svc = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "0" });
    try {
      for (const [name, kind] of kinds) await run(name, "service", svc.url, kind, svc.proc.pid);
    } finally {
      await svc.stop();
    }
  }
  if (want("import")) {
    const importer = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "0" });
    try {
      const { createdIds: _ids, ...figures } = await runImport({ url: importer.url, key: bench.editorKey, ds, claims: o.importClaims, pid: importer.proc.pid, loadavg: load, runTag: `${Date.now()}-` });
      log(`import: ${JSON.stringify(figures)}`);
    } finally {
      await importer.stop();
    }
  }
  if (want("read+limiter")) {
    const limited = await startService({ ...serviceEnv, RATE_LIMIT_API_PER_MINUTE: "1000000" });
    try {
      await run("read+limiter", "service", limited.url, "read", limited.proc.pid);
    } finally {
      await limited.stop();
    }
  }
}

/** The claims the import reported as created, found in the database with their claim.created event (by id: an index lookup). */
async function importedRows(url: string, organizationId: string, ids: string[]): Promise<{ claims: number; events: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const claims = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM claims WHERE "organizationId" = $1 AND id = ANY($2::uuid[]) AND "externalId" LIKE 'bench-import-%'`, [organizationId, ids]);
    const events = await c.query<{ n: string }>(`SELECT count(DISTINCT "entityId")::text AS n FROM events WHERE "organizationId" = $1 AND "entityType" = 'claim' AND "entityId" = ANY($2::uuid[]) AND action = 'claim.created'`, [organizationId, ids]);
    return { claims: Number(claims.rows[0]?.n ?? 0), events: Number(events.rows[0]?.n ?? 0) };
  } finally {
    await c.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
