import { existsSync, mkdtempSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { acquireDataDirLock, DataDirLockedError, type LockInfo } from "../../src/db/data-dir-lock";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "ct-lock-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes a lock file as another process would have, with its mtime ageMs in the past. */
function plantLock(dir: string, info: Partial<LockInfo>, ageMs = 0): string {
  const file = path.join(dir, "claimtrail.lock");
  writeFileSync(file, JSON.stringify({ startedAt: "earlier", ...info }));
  const t = new Date(Date.now() - ageMs);
  utimesSync(file, t, t);
  return file;
}

function lockError(dir: string): DataDirLockedError {
  try {
    acquireDataDirLock(dir).release();
  } catch (err) {
    if (err instanceof DataDirLockedError) return err;
    throw err;
  }
  throw new Error("the lock was acquired");
}

const deadPid = (): number => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
const otherHost = "container-that-was-removed";

describe("data directory lock", () => {
  it("refuses a second holder while the first is alive, naming the lock file and how to remove it safely", () => {
    const dir = tmp();
    // Another live process on this host: our parent is alive and not us.
    const file = plantLock(dir, { pid: process.ppid, host: os.hostname(), heartbeatMs: 5000 });
    const err = lockError(dir);
    expect(err.message).toMatch(/in use by another ClaimTrail process \(pid \d+/);
    expect(err.message).toContain(`delete the lock file ${file}`);
    expect(err.message).toMatch(/Only if you are sure no ClaimTrail process uses this directory/);
    expect(existsSync(file)).toBe(true);
    unlinkSync(file);
    acquireDataDirLock(dir).release();
  });

  it("takes over a lock left by a process of this host that no longer exists (SIGKILL)", () => {
    const dir = tmp();
    plantLock(dir, { pid: deadPid(), host: os.hostname() });
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it("refuses a lock from another host whose heartbeat is fresh, and says when it will be taken over", () => {
    const dir = tmp();
    plantLock(dir, { pid: 1, host: otherHost, heartbeatMs: 5000 }, 3000);
    const err = lockError(dir);
    expect(err.message).toContain(`pid 1 on ${otherHost}`);
    expect(err.message).toMatch(/taken over automatically once it has not been refreshed for 30 s \(last refreshed 3 s ago\)/);
  });

  it("takes over a lock from another host (a recreated container) once its heartbeat is older than six intervals", () => {
    const dir = tmp();
    plantLock(dir, { pid: 1, host: otherHost, heartbeatMs: 5000 }, 31_000);
    const lock = acquireDataDirLock(dir);
    const info = JSON.parse(readFileSync(lock.file, "utf8")) as LockInfo;
    expect(info).toMatchObject({ pid: process.pid, host: os.hostname(), heartbeatMs: 5000 });
    lock.release();
  });

  it("takes over a lock of this host whose pid is alive but whose heartbeat stopped (the pid was reused)", () => {
    const dir = tmp();
    plantLock(dir, { pid: process.ppid, host: os.hostname(), heartbeatMs: 1000 }, 7000);
    acquireDataDirLock(dir).release();
  });

  it("respects a lock from another host written without a heartbeat, however old, and says to delete it by hand", () => {
    const dir = tmp();
    const file = plantLock(dir, { pid: 1, host: otherHost }, 24 * 3600_000);
    const err = lockError(dir);
    expect(err.message).toMatch(/written by an older ClaimTrail without a heartbeat/);
    expect(err.message).toContain(`delete the lock file ${file} and start again`);
  });

  it("refreshes the lock file's mtime while held, so that a live holder never looks stale", async () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir, { heartbeatMs: 50 });
    try {
      const past = new Date(Date.now() - 3600_000);
      utimesSync(lock.file, past, past);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && Date.now() - statSync(lock.file).mtimeMs > 5000) await sleep(25);
      expect(Date.now() - statSync(lock.file).mtimeMs).toBeLessThan(5000);
    } finally {
      lock.release();
    }
    // Released: the heartbeat stops and does not put the file back.
    await sleep(200);
    expect(existsSync(lock.file)).toBe(false);
  });

  it("puts back a lock file deleted while held, and reports a takeover by another process", async () => {
    const dir = tmp();
    const lost: Array<LockInfo | undefined> = [];
    const lock = acquireDataDirLock(dir, { heartbeatMs: 50, onLost: (h) => lost.push(h) });
    try {
      const mine = readFileSync(lock.file, "utf8");
      unlinkSync(lock.file);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !existsSync(lock.file)) await sleep(25);
      expect(readFileSync(lock.file, "utf8")).toBe(mine);

      writeFileSync(lock.file, JSON.stringify({ pid: 4242, host: otherHost, startedAt: "now", heartbeatMs: 5000 }));
      while (Date.now() < deadline && lost.length === 0) await sleep(25);
      expect(lost).toEqual([expect.objectContaining({ pid: 4242, host: otherHost })]);
    } finally {
      lock.release();
    }
    // Release leaves the other process's lock alone.
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(4242);
  });
});
