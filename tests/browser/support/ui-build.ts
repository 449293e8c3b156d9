import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";

/**
 * Builds the editor UI (vite build → dist/web) when the build is missing or older than
 * its sources, so `npm test` on a fresh clone (CI runs `npm ci && npm test`, never
 * `npm start`) tests the UI as it is. Test files run in parallel workers: a lock
 * directory makes one of them build while the others wait.
 */
const root = path.resolve(__dirname, "../../..");
export const uiDir = path.join(root, "dist/web");

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(path.join(p, f))), st.mtimeMs);
}

function isFresh(): boolean {
  const index = path.join(uiDir, "index.html");
  if (!existsSync(index)) return false;
  const sources = Math.max(newestMtime(path.join(root, "web")), newestMtime(path.join(root, "vite.config.mts")), newestMtime(path.join(root, "package-lock.json")));
  return statSync(index).mtimeMs >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureUiBuilt(): void {
  if (isFresh()) return;
  const lock = path.join(os.tmpdir(), `claimtrail-ui-build-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than 5 minutes was left by a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the UI build lock ${lock}`);
      sleep(250);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build"], { cwd: root, stdio: "pipe", timeout: 170_000 });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
