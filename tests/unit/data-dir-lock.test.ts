import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { acquireDataDirLock, DataDirLockedError } from "../../src/db/data-dir-lock";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "ct-lock-"));

describe("data directory lock", () => {
  it("refuses a second holder while the first is alive, and frees the directory on release", () => {
    const dir = tmp();
    const first = acquireDataDirLock(dir);
    // Simulate another live process holding it: our parent shell is alive and not us.
    writeFileSync(first.file, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: "earlier" }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by another ClaimTrail process \(pid \d+/);
    writeFileSync(first.file, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: "now" }));
    first.release();
    const again = acquireDataDirLock(dir);
    again.release();
  });

  it("takes over a lock left by a process that no longer exists (SIGKILL)", () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path.join(dir, "claimtrail.lock"), JSON.stringify({ pid: Number(dead), host: os.hostname(), startedAt: "long ago" }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
