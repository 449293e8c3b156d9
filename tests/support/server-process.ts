import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { keepLogText } from "./log-capture";

const root = path.resolve(__dirname, "../..");

export interface ServerProcess {
  proc: ChildProcessWithoutNullStreams;
  port: number;
  lines: Array<Record<string, unknown>>;
  stderr: string[];
  url: string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts src/server.ts as a real process (through tsx) and waits until it listens. */
export function startServerProcess(env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/server.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
  });
  // Kept in memory for the test and copied to the run's logs for the leak scan.
  const lines: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`server did not start in ${timeoutMs} ms; stderr: ${stderr.join("")}`));
    }, timeoutMs);
    let buf = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      keepLogText("server-process", chunk.toString());
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const obj = JSON.parse(line) as Record<string, unknown>;
          lines.push(obj);
          if (obj.msg === "ClaimTrail is listening") {
            clearTimeout(timer);
            const port = Number(obj.port);
            resolve({
              proc,
              port,
              lines,
              stderr,
              url: `http://127.0.0.1:${port}`,
              exited,
              stop: (signal = "SIGTERM") => {
                proc.kill(signal);
                return exited;
              },
            });
          }
        } catch {
          // not a JSON log line
        }
      }
    });
    proc.stderr.on("data", (c: Buffer) => {
      stderr.push(c.toString());
      keepLogText("server-process-stderr", c.toString());
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code} before listening: ${stderr.join("")}`), { code, stderr: stderr.join(""), lines }));
    });
  });
}
