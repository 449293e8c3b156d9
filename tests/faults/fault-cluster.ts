import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A PostgreSQL cluster of the fault tests' own, in a temporary directory on its own port:
 * the tests stop and restart it while other suites keep using the shared server.
 * initdb/pg_ctl refuse to run as root, so they run as the postgres user when we are root.
 */
export interface FaultCluster {
  port: number;
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

const asPostgres = (cmd: string, args: string[]): string => {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) : execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
};

export function createFaultCluster(port = Number(process.env.FAULT_PG_PORT ?? 5439), opts: { maxConnections?: number } = {}): FaultCluster {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ct-fault-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "pg.log");
  asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=${opts.maxConnections ?? 40}`;
  const start = () => asPostgres("pg_ctl", ["-D", data, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]);
  const stop = () => asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  start();
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
