import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "..");

export interface Proc {
  proc: ChildProcess;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the service logs its port at info level, which the bench turns off). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the service on a free port with request logging at warn, and waits for GET /readyz = 200. */
export async function startService(env: Record<string, string>, timeoutMs = 90_000): Promise<Proc> {
  const port = await freePort();
  // The V8 flag `npm start` passes (package.json): a larger young generation, fewer scavenges.
  // BENCH_SERVICE_NODE_ARGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
  // profile the service under a workload (the profile is written when the bench stops it).
  const extra = (process.env.BENCH_SERVICE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const proc = spawn(process.execPath, ["--max-semi-space-size=32", ...extra, "--import", "tsx", path.join(root, "src/server.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((r) => proc.on("exit", (code) => ((exitCode = code), r())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`service exited with ${exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`service did not become ready: ${stderr}`);
    }
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    proc,
    port,
    url,
    stop: async () => {
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Starts a node process (through tsx) and waits for the JSON log line that carries its port. */
export function startProcess(script: string, args: string[], env: Record<string, string>, readyMsg: string, timeoutMs = 90_000): Promise<Proc> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => proc.on("exit", () => r()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`${script} did not start: ${stderr}`));
    }, timeoutMs);
    let buf = "";
    proc.stdout?.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const o = JSON.parse(line) as { msg?: string; port?: number };
          if (o.msg === readyMsg && o.port) {
            clearTimeout(timer);
            // Keep draining stdout so a chatty logger never blocks the process.
            proc.stdout?.resume();
            resolve({
              proc,
              port: o.port,
              url: `http://127.0.0.1:${o.port}`,
              stop: async () => {
                proc.kill("SIGTERM");
                const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
                await exited;
                clearTimeout(t);
              },
            });
          }
        } catch {
          /* not JSON */
        }
      }
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${stderr}`));
    });
  });
}
