import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every API key and password a test creates is recorded here; global-teardown then
 * searches every log line the suite wrote and fails the run if one of them appears.
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

export function findLeakedSecrets(): Array<{ secret: string; file: string }> {
  if (!existsSync(secretsDir())) return [];
  const secrets = new Set(
    readdirSync(secretsDir()).flatMap((f) => readFileSync(path.join(secretsDir(), f), "utf8").split("\n").filter((s) => s.length >= 8)),
  );
  if (!existsSync(logsDir())) return [];
  const leaks: Array<{ secret: string; file: string }> = [];
  for (const f of readdirSync(logsDir())) {
    const text = readFileSync(path.join(logsDir(), f), "utf8");
    for (const s of secrets) if (text.includes(s)) leaks.push({ secret: `${s.slice(0, 6)}…`, file: f });
  }
  return leaks;
}
