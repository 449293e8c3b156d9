import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock of its own, and two processes on one data directory lose writes.
 * We hold an exclusive lock file (created with O_EXCL) naming our pid; a lock left by a
 * process that no longer exists (killed with SIGKILL) is taken over, a live one refuses.
 */
export class DataDirLockedError extends Error {
  readonly code = "data_dir_locked";
  constructor(dataDir: string, holder: LockInfo) {
    super(
      `The data directory ${dataDir} is in use by another ClaimTrail process ` +
        `(pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
        `Stop that process, or give this one another DATA_DIR (or a DATABASE_URL).`,
    );
    this.name = "DataDirLockedError";
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
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

function readLock(file: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockInfo>;
    if (typeof parsed.pid === "number") {
      return { pid: parsed.pid, host: String(parsed.host ?? "?"), startedAt: String(parsed.startedAt ?? "?") };
    }
  } catch {
    // Missing or half-written lock file: treated as absent/stale below.
  }
  return undefined;
}

function holderIsLive(info: LockInfo | undefined): info is LockInfo {
  // A lock from another host (shared volume) cannot be checked: respect it.
  return info !== undefined && (info.host !== os.hostname() || (info.pid !== process.pid && isAlive(info.pid)));
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "claimtrail.lock");
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = readLock(file);
    if (holderIsLive(holder)) throw new DataDirLockedError(dataDir, holder);
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
      throw new DataDirLockedError(dataDir, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not acquire the lock on ${dataDir}`);
}
