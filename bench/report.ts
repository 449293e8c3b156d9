import type { ExplainResult } from "./explain-check";
import type { ImportResult } from "./import-workload";
import type { WorkloadResult } from "./workloads";

export interface BenchReport {
  stamp: string;
  options: { claims: number; seconds: number; connections: number; quick: boolean };
  machine: { nproc: number; memoryGb: number; cpu: string; postgres: string; node: string };
  load: { claims: number; seconds: number; rate: number; rows: Record<string, number>; phases: Record<string, number>; loadavg: number[] };
  explains: ExplainResult[];
  pgbench: { tps: number; loadavg: number[] };
  results: WorkloadResult[];
  rowChecks: { acknowledgedCreates: number; createsFound: number; createEventsFound: number; verdictClaimsChecked: number; verdictMismatches: number; inFlightAtStop: number; examples: string[] };
  imported: Omit<ImportResult, "createdIds"> & { stored: { claims: number; events: number } };
}

const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "n/a");

export function renderReport(r: BenchReport): { markdown: string; failed: boolean } {
  const lines: string[] = [];
  const find = (target: string, name: string) => r.results.find((x) => x.target === target && x.name === name);
  const baseRead = find("baseline", "read");
  const baseCreate = find("baseline", "create");
  lines.push(`# ClaimTrail benchmark — ${r.stamp}`, "");
  lines.push(
    `Machine: ${r.machine.nproc} CPUs (${r.machine.cpu}), ${r.machine.memoryGb} GB RAM, PostgreSQL ${r.machine.postgres}, Node ${r.machine.node}. ` +
      `Service, baseline, PostgreSQL and the load generator all share this machine; their competition for the cores ` +
      `(and anything else running) shows in the load average (1/5/15 min) printed next to every figure; the ratios (same run, same conditions) are what matter.`,
    "",
  );
  lines.push(`Dataset: ${r.load.claims.toLocaleString("en")} claims${r.options.quick ? " (quick smoke run)" : ""}; ${r.options.connections} connections, ${r.options.seconds} s per workload after a warm-up.`, "");
  lines.push("## Load (COPY)", "");
  lines.push(`${r.load.claims.toLocaleString("en")} claims in ${r.load.seconds.toFixed(1)} s = ${r.load.rate.toLocaleString("en")} claims/s (load ${r.load.loadavg.join(" ")}). Phases (s): ${Object.entries(r.load.phases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}.`, "");
  lines.push(`Rows: ${Object.entries(r.load.rows).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}.`, "");
  lines.push(`Bench process peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`, "");
  const im = r.imported;
  lines.push("## Bulk import (POST /v1/import, atomic=false)", "");
  lines.push(
    `${im.claims.toLocaleString("en")} new claims (${im.bodyMb} MB of NDJSON, 2-link chains, existing articles and sources) in ${im.seconds.toFixed(1)} s = ${im.rate.toLocaleString("en")} claims/s; ` +
      `HTTP ${im.status}, totals ${JSON.stringify(im.totals)}; stored ${im.stored.claims.toLocaleString("en")} claims with ${im.stored.events.toLocaleString("en")} claim.created events; ` +
      `service peak RSS ${im.servicePeakRssMb ?? "?"} MB (load ${im.loadavg.join(" ")}).`,
    "",
  );
  lines.push("## Workloads", "");
  lines.push("| target | workload | req/s | p50 ms | p95 ms | p99 ms | errors | 412 | peak RSS MB | vs baseline | vs pgbench -S | load avg |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const w of r.results) {
    const base = w.target === "service" && (w.name === "read" || w.name === "read+limiter") ? baseRead : w.target === "service" && w.name === "create" ? baseCreate : undefined;
    lines.push(`| ${w.target} | ${w.name} | ${w.rps} | ${w.p50} | ${w.p95} | ${w.p99} | ${w.errors} | ${w.conflicts412} | ${w.peakRssMb ?? "?"} | ${base ? ratio(w.rps, base.rps) : ""} | ${ratio(w.rps, r.pgbench.tps)} | ${w.loadavg.join(" ")} |`);
  }
  lines.push("", `pgbench -S (select-only, ${r.options.connections} clients, scale 10): ${r.pgbench.tps} tps (load ${r.pgbench.loadavg.join(" ")}).`, "");
  const svcRead = find("service", "read");
  const limited = find("service", "read+limiter");
  if (svcRead && limited) lines.push(`Rate limiter on vs off (reads): ${ratio(limited.rps, svcRead.rps)}.`, "");
  lines.push("## Row checks after the write workloads", "");
  const rc = r.rowChecks;
  lines.push(`Acknowledged creates ${rc.acknowledgedCreates}, found ${rc.createsFound}, with their claim.created event ${rc.createEventsFound}. Verdict updates: ${rc.verdictClaimsChecked} claims checked, ${rc.verdictMismatches} where the stored version/rating is not the last acknowledged one, ${rc.inFlightAtStop} with a newer version from a PUT still in flight when the load generator stopped (committed, response not read; not checkable against a 412)${rc.examples.length ? ` (${rc.examples.join("; ")})` : ""}.`, "");
  lines.push("## EXPLAIN (ANALYZE, BUFFERS)", "");
  lines.push("The service's claim-rendering statement (src/claims/claim-json.ts), and the key queries of list and search pages written to match src/claims/claim-search.ts.", "");
  for (const e of r.explains) lines.push(`### ${e.name} — ${e.ms} ms${e.seqScanOnClaims ? " — SEQUENTIAL SCAN ON claims" : ""}`, "", "```", e.plan, "```", "");

  const checks: Array<[string, boolean | null]> = [];
  const list = find("service", "list");
  const search = find("service", "search");
  const create = find("service", "create");
  checks.push([`list p95 < 50 ms at ${r.options.connections} clients (${list?.p95} ms)`, list ? list.p95 < 50 : null]);
  checks.push([`search p95 < 50 ms at ${r.options.connections} clients (${search?.p95} ms)`, search ? search.p95 < 50 : null]);
  checks.push([`single-claim read >= 50% of the bare handler (${ratio(svcRead?.rps ?? 0, baseRead?.rps)})`, svcRead && baseRead ? svcRead.rps >= 0.5 * baseRead.rps : null]);
  checks.push([`claim create >= 50% of the bare handler (${ratio(create?.rps ?? 0, baseCreate?.rps)})`, create && baseCreate ? create.rps >= 0.5 * baseCreate.rps : null]);
  const per100k = (im.seconds * 100_000) / im.claims;
  checks.push([
    `bulk import (POST /v1/import) of 100,000 claims < 60 s: ${im.claims >= 100_000 ? "" : `extrapolated from ${im.claims.toLocaleString("en")} claims: `}${per100k.toFixed(1)} s per 100k, peak RSS ${im.servicePeakRssMb ?? "?"} MB`,
    im.status === 200 && per100k < 60,
  ]);
  checks.push(["every imported claim is stored once, with its event", im.stored.claims === im.claims && im.stored.events === im.claims && im.totals.created === im.claims]);
  checks.push(["no sequential scan of claims in the EXPLAINs", !r.explains.some((e) => e.seqScanOnClaims)]);
  checks.push(["every acknowledged create is stored, with its event", rc.createsFound === rc.acknowledgedCreates && rc.createEventsFound === rc.acknowledgedCreates]);
  checks.push(["every acknowledged verdict winner stands; no 412'd write landed", rc.verdictMismatches === 0]);
  checks.push(["no unexpected errors (non-2xx other than 412) in any workload", r.results.every((w) => w.errors === 0)]);
  lines.push("## Targets", "");
  for (const [label, ok] of checks) lines.push(`- ${ok === null ? "N/A " : ok ? "PASS" : "FAIL"} ${label}`);
  lines.push("");
  // Hard failures (exit 1): a sequential scan of claims, or a lost or phantom write.
  const failed =
    r.explains.some((e) => e.seqScanOnClaims) || rc.createsFound !== rc.acknowledgedCreates || rc.verdictMismatches > 0 || im.stored.claims !== im.claims || im.stored.events !== im.claims;
  return { markdown: lines.join("\n"), failed };
}
