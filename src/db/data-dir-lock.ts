import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * PGlite has no lock of its own, and two processes on one data directory lose writes.
 * We hold an exclusive lock file (created with O_EXCL) naming our pid and host, and
 * refresh its mtime every few seconds (the heartbeat). A lock is stale, and taken over,
 * when its holder is gone: a pid that no longer exists on this host (SIGKILL), or a
 * heartbeat that stopped STALE_FACTOR intervals ago on any host (a container recreated
 * on the same volume gets a new hostname, so its predecessor's pid cannot be checked).
 */
export const LOCK_FILE_NAME = "claimtrail.lock";
export const DEFAULT_HEARTBEAT_MS = 5_000;
/** A heartbeat older than this many of its holder's intervals means the holder is gone. */
export const STALE_FACTOR = 6;

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Interval of the holder's heartbeat; absent in locks written before heartbeats existed. */
  heartbeatMs?: number;
}

export class DataDirLockedError extends Error {
  readonly code = "data_dir_locked";
  constructor(
    dataDir: string,
    readonly file: string,
    holder: LockInfo,
    heartbeatAgeMs: number,
  ) {
    const seen = `last refreshed ${Math.round(heartbeatAgeMs / 1000)} s ago`;
    const recovery = holder.heartbeatMs
      ? `A lock whose holder stopped is taken over automatically once it has not been refreshed for ` +
        `${Math.round((STALE_FACTOR * holder.heartbeatMs) / 1000)} s (${seen}): if that process is gone, start again then. `
      : `This lock was written by an older ClaimTrail without a heartbeat (${seen}) and cannot be checked from here. `;
    super(
      `The data directory ${dataDir} is in use by another ClaimTrail process ` +
        `(pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
        `Stop that process, or give this one another DATA_DIR (or a DATABASE_URL). ` +
        recovery +
        `Only if you are sure no ClaimTrail process uses this directory any more (for example its container was removed), ` +
        `delete the lock file ${file} and start again; two processes on one directory corrupt it.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export interface DataDirLockOptions {
  /** How often the holder refreshes the lock file's mtime. */
  heartbeatMs?: number;
  /**
   * Called when another process has replaced our lock file (it judged us gone: we were
   * frozen for longer than the stale limit). Default: say so on stderr and exit, because
   * two processes writing one data directory corrupt it.
   */
  onLost?: (holder: LockInfo | undefined) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): { info: LockInfo; ageMs: number } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockInfo>;
    const ageMs = Date.now() - fs.statSync(file).mtimeMs;
    if (typeof parsed.pid === "number") {
      const heartbeatMs = typeof parsed.heartbeatMs === "number" && parsed.heartbeatMs > 0 ? parsed.heartbeatMs : undefined;
      return { info: { pid: parsed.pid, host: String(parsed.host ?? "?"), startedAt: String(parsed.startedAt ?? "?"), heartbeatMs }, ageMs };
    }
  } catch {
    // Missing or half-written lock file: treated as absent/stale below.
  }
  return undefined;
}

function holderIsLive(lock: { info: LockInfo; ageMs: number } | undefined): lock is { info: LockInfo; ageMs: number } {
  if (lock === undefined) return false;
  const { info, ageMs } = lock;
  // A heartbeat that stopped long ago: the holder is dead or frozen, wherever it ran (on
  // this host its pid may since belong to an unrelated process).
  if (info.heartbeatMs !== undefined && ageMs > STALE_FACTOR * info.heartbeatMs) return false;
  // Another host's pid cannot be checked: its heartbeat is fresh (or it predates heartbeats).
  if (info.host !== os.hostname()) return true;
  return info.pid !== process.pid && isAlive(info.pid);
}

// The heartbeat runs on a thread of its own: a long synchronous PGlite statement (a
// migration on a big table) blocks the main thread, and must not make us look dead.
// It refreshes the mtime only while the file is still ours, puts it back if someone
// deleted it, and reports when another process has replaced it.
const HEARTBEAT_WORKER = `
const fs = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const { file, content, heartbeatMs, stopped } = workerData;
const timer = setInterval(() => {
  if (Atomics.load(stopped, 0) === 1) return clearInterval(timer);
  let current;
  try { current = fs.readFileSync(file, "utf8"); } catch (err) {
    if (err.code !== "ENOENT") return;
    try { const fd = fs.openSync(file, "wx", 0o600); fs.writeSync(fd, content); fs.closeSync(fd); } catch {}
    return;
  }
  if (current === content) {
    try { const now = new Date(); fs.utimesSync(file, now, now); } catch {}
  } else {
    clearInterval(timer);
    parentPort.postMessage("lost");
  }
}, heartbeatMs);
`;

function defaultOnLost(file: string): (holder: LockInfo | undefined) => void {
  return (holder) => {
    process.stderr.write(
      `Another process has taken over the data directory lock ${file}` +
        (holder ? ` (pid ${holder.pid} on ${holder.host})` : "") +
        `; stopping at once so that two processes never write the same data directory.\n`,
    );
    process.exit(1);
  };
}

function startHeartbeat(file: string, content: string, heartbeatMs: number, onLost: (holder: LockInfo | undefined) => void): { stop(): void } {
  // Set before the file is removed, so that the thread does not put it back meanwhile.
  const stopped = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(HEARTBEAT_WORKER, { eval: true, workerData: { file, content, heartbeatMs, stopped } });
  worker.on("message", () => onLost(readLock(file)?.info));
  worker.on("error", () => undefined); // a heartbeat that cannot run only makes the lock look stale sooner
  worker.unref();
  return {
    stop() {
      Atomics.store(stopped, 0, 1);
      void worker.terminate();
    },
  };
}

export function acquireDataDirLock(dataDir: string, opts: DataDirLockOptions = {}): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), heartbeatMs };
  const content = JSON.stringify(mine);

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, content);
      fs.closeSync(fd);
      const heartbeat = startHeartbeat(file, content, heartbeatMs, opts.onLost ?? defaultOnLost(file));
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          heartbeat.stop();
          let current: string | undefined;
          try {
            current = fs.readFileSync(file, "utf8");
          } catch {
            current = undefined;
          }
          if (current === content) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = readLock(file);
    if (holderIsLive(holder)) throw new DataDirLockedError(dataDir, file, holder.info, holder.ageMs);
    // Stale: move it aside atomically. If another starting process replaced it with its
    // own live lock in the meantime, put that one back and give way.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (holderIsLive(moved)) {
      fs.renameSync(aside, file);
      throw new DataDirLockedError(dataDir, file, moved.info, moved.ageMs);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not acquire the lock on ${dataDir}`);
}
