import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every API key and password a test creates is recorded here; global-teardown then
 * searches every log line the suite wrote (log-capture.ts) and fails the run if one appears.
 */
/** The run's own directory (global-setup makes it), so concurrent runs never mix. */
export function runDir(): string {
  const dir = process.env.CLAIMTRAIL_TEST_RUN_DIR;
  if (!dir) throw new Error("tests/support/global-setup.ts did not run");
  return dir;
}
export const logsDir = (): string => path.join(runDir(), "logs");
const secretsDir = (): string => path.join(runDir(), "secrets");

export function recordTestSecret(secret: string): void {
  mkdirSync(secretsDir(), { recursive: true });
  appendFileSync(path.join(secretsDir(), `${process.pid}.txt`), `${secret}\n`);
}

/** Every secret recorded so far in this run (by any worker). */
export function readTestSecrets(): string[] {
  if (!existsSync(secretsDir())) return [];
  return [...new Set(readdirSync(secretsDir()).flatMap((f) => readFileSync(path.join(secretsDir(), f), "utf8").split("\n").filter((s) => s.length >= 8)))];
}
