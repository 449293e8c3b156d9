import { execFileSync } from "node:child_process";
import { databaseUrl } from "./bench-database";

/** pgbench -S (select-only) on its own small database: the server's ceiling on this machine. */
export function pgbenchSelectOnly(serverUrl: string, seconds: number, clients = 16): { tps: number; output: string } {
  const name = "claimtrail_bench_pgbench";
  const admin = databaseUrl(serverUrl, "postgres");
  execFileSync("psql", [admin, "-q", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, "-c", `CREATE DATABASE ${name}`], { stdio: "pipe" });
  const url = databaseUrl(serverUrl, name);
  execFileSync("pgbench", ["-i", "-q", "-s", "10", url], { stdio: "pipe" });
  const output = execFileSync("pgbench", ["-S", "-c", String(clients), "-j", "2", "-T", String(seconds), url], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  execFileSync("psql", [admin, "-q", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "pipe" });
  return { tps: Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN), output };
}
