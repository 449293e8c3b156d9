import { spawnSync } from "node:child_process";
import path from "node:path";

// The benchmark needs the PostgreSQL server (COPY, pgbench, a real service process):
// it runs only with TEST_DATABASE_URL, in its quick mode, so the bench code cannot rot.
const serverUrl = process.env.TEST_DATABASE_URL;
const serverIt = serverUrl ? it : it.skip;
const root = path.resolve(__dirname, "../..");

describe("npm run bench --quick", () => {
  serverIt(
    "loads a small dataset, runs every workload against the service and the baseline, and reports no seq scan and no lost write",
    () => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--seconds", "1", "--warmup", "1"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TEST_DATABASE_URL: serverUrl ?? "" },
        encoding: "utf8",
        timeout: 170_000,
      });
      const out = `${r.stdout}\n${r.stderr}`;
      expect({ status: r.status, tail: out.slice(-2000) }).toEqual({ status: 0, tail: expect.any(String) });
      for (const name of ["read", "list", "search", "create", "verdict-update", "mixed", "read+limiter"]) expect(out).toContain(`| service | ${name} |`);
      expect(out).toContain("| baseline | read |");
      expect(out).toContain("PASS no sequential scan of claims in the EXPLAINs");
      expect(out).toContain("PASS every acknowledged create is stored, with its event");
      expect(out).toContain("PASS every acknowledged verdict winner stands");
      expect(out).toContain("PASS every imported claim is stored once, with its event");
    },
    180_000,
  );
});
