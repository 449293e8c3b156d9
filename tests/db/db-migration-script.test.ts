import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { usingServer } from "../support/test-db";

// `npm run db:migration -- <name>` on a copy of the schema and migrations (--schema/--dir),
// so the checkout is never touched. Each run builds the migrations on an in-memory
// shadow database with the WebAssembly engine: slow, but no native engine is needed.
jest.setTimeout(900_000);

const root = path.resolve(__dirname, "../..");

function dbMigration(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(root, "scripts/db-migration.ts"), ...args], { cwd: root, timeout: 600_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file under dir with its content, to prove that a run wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = readFileSync(file, "utf8");
  }
  return out;
}

// It never touches the test database, so the run against the PostgreSQL server skips it
// rather than repeat a minute of identical work.
(usingServer() ? describe.skip : describe)("npm run db:migration", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "ct-db-migration-"));
  const schema = path.join(work, "schema.prisma");
  const migrations = path.join(work, "migrations");
  cpSync(path.join(root, "prisma/schema.prisma"), schema);
  cpSync(path.join(root, "prisma/migrations"), migrations, { recursive: true });
  const args = (name: string) => [name, "--schema", schema, "--dir", migrations];

  it("writes nothing when the migrations already build the schema", async () => {
    const before = snapshot(migrations);
    const r = await dbMigration(args("nothing_changed"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No schema change: .* Nothing written\.$/m);
    expect(snapshot(migrations)).toEqual(before);
  });

  it("writes the next migration for an added column, after the last one, and checks that it builds the schema", async () => {
    const before = readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort();
    const original = readFileSync(schema, "utf8");
    const changed = original.replace(/(model Source \{[^}]*?\n  description\s+String\?\n)/, "$1  nickname       String?\n");
    expect(changed).not.toBe(original);
    writeFileSync(schema, changed);

    const r = await dbMigration(args("Add source nickname"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Checked: the migrations folder builds .*schema\.prisma exactly/);

    const after = readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort();
    const added = after.filter((d) => !before.includes(d));
    expect(added).toEqual([expect.stringMatching(/^\d{14}_add_source_nickname$/)]);
    expect(after.at(-1)).toBe(added[0]); // sorts after every existing migration
    const sql = readFileSync(path.join(migrations, added[0]!, "migration.sql"), "utf8");
    expect(sql).toMatch(/ALTER TABLE "sources" ADD COLUMN\s+"nickname" TEXT;/);
    // Only that change: nothing dropped, no other table touched.
    expect(sql.match(/^(ALTER|CREATE|DROP)\b.*$/gm)).toEqual([expect.stringMatching(/^ALTER TABLE "sources" ADD COLUMN/)]);

    // With the new migration in place the schema is built again: a further run writes nothing.
    const again = await dbMigration(args("again"));
    expect(again.stdout).toMatch(/^No schema change/m);
    expect(readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort()).toEqual(after);
  });
});
