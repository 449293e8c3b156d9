import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { SHOWN_ONCE_KEY_FIELD } from "../../src/logging/logger";
import { logsDir, readTestSecrets } from "./test-secrets";

/**
 * Every log the suite produces ends up in the run's logs directory, whoever captured it:
 * the test apps' file loggers (test-app.ts), in-memory loggers (memoryLogSink) and real
 * server processes (server-process.ts). global-teardown scans all of it for leaks.
 */

/** Appends log text to the run's logs directory (a no-op outside a jest run). */
export function keepLogText(name: string, text: string): void {
  if (!process.env.CLAIMTRAIL_TEST_RUN_DIR || text.length === 0) return;
  mkdirSync(logsDir(), { recursive: true });
  appendFileSync(path.join(logsDir(), `${name}-${process.pid}.ndjson`), text);
}

/** A pino destination that hands each line to the test and keeps a copy for the leak scan. */
export function memoryLogSink(name: string, onLine: (line: Record<string, unknown>) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      const text = chunk.toString();
      keepLogText(name, text);
      for (const l of text.split("\n")) if (l.trim()) onLine(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
}

export interface LogText {
  name: string;
  text: string;
}
export interface Leak {
  /** The secret's first characters only: the report must not leak it either. */
  what: string;
  where: string;
}

// Same shape as the logger's redaction (src/logging/logger.ts), checked independently here.
const keyShaped = /(?<![A-Za-z0-9_-])ct_[A-Za-z0-9_-]{16,}/g;
const shownOnce = new RegExp(`"${SHOWN_ONCE_KEY_FIELD}":"[^"\\\\]*"`, "g");

/**
 * Finds, in log text, any recorded test secret (key, password, session or CSRF token) and
 * any string shaped like an API key. The only exception is the bootstrap print of a new
 * embedded database's admin key, which exists to show the operator that key once.
 */
export function scanLogText(logs: LogText[], secrets: Iterable<string>): Leak[] {
  const wanted = [...new Set(secrets)].filter((s) => s.length >= 8);
  const leaks: Leak[] = [];
  for (const log of logs) {
    const text = log.text.replace(shownOnce, `"${SHOWN_ONCE_KEY_FIELD}":"(allowed)"`);
    for (const s of wanted) if (text.includes(s)) leaks.push({ what: `${s.slice(0, 6)}…`, where: log.name });
    for (const m of text.matchAll(keyShaped)) leaks.push({ what: `${m[0].slice(0, 6)}… (key-shaped)`, where: log.name });
  }
  return leaks;
}

export function readRunLogs(): LogText[] {
  if (!existsSync(logsDir())) return [];
  return readdirSync(logsDir()).map((f) => ({ name: f, text: readFileSync(path.join(logsDir(), f), "utf8") }));
}

export interface LogScan {
  leaks: Leak[];
  files: number;
  lines: number;
  secrets: number;
}

/** Scans the whole run's logs for the whole run's secrets. */
export function scanRunLogs(): LogScan {
  const logs = readRunLogs();
  const secrets = readTestSecrets();
  const lines = logs.reduce((n, l) => n + l.text.split("\n").filter((x) => x.trim()).length, 0);
  return { leaks: scanLogText(logs, secrets), files: logs.length, lines, secrets: secrets.length };
}
