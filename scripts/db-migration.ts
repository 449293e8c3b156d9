// npm run db:migration -- <name> [--schema prisma/schema.prisma] [--dir prisma/migrations]
//
// Writes the next migration, prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql, with
// the SQL that takes the database the migrations folder builds to prisma/schema.prisma —
// what `prisma migrate dev --create-only` does, without Prisma's native engine (the
// WebAssembly engine, with an in-memory PGlite as shadow database). Writes nothing when
// there is no change. Review the file; hand-written SQL (CHECKs, triggers) goes in it too.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSchemaEngine } from "../src/db/migrations/engine";
import { takeEnginePanic } from "../src/db/migrations/engine-wasm";
import type { SchemaEngineSession } from "../src/db/migrations/engine";
import { listMigrationNames, MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, MIGRATION_SCRIPT_FILE } from "../src/db/migrations/migrations-dir";

const ROOT = path.resolve(__dirname, "..");

interface Args {
  name: string;
  schemaPath: string;
  migrationsDir: string;
}

function parseArgs(argv: string[]): Args {
  let name: string | undefined;
  let schemaPath = path.join(ROOT, "prisma", "schema.prisma");
  let migrationsDir = path.join(ROOT, "prisma", "migrations");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return path.resolve(v);
    };
    if (arg === "--schema") schemaPath = value();
    else if (arg === "--dir") migrationsDir = value();
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else if (name === undefined) name = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (name === undefined) throw new Error("usage: npm run db:migration -- <name>   (e.g. add_claim_priority)");
  return { name: slug(name), schemaPath, migrationsDir };
}

/** Prisma-style migration names: lowercase words joined by underscores. */
function slug(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!s) throw new Error(`"${raw}" is not a usable migration name`);
  return s;
}

/** UTC yyyymmddhhmmss, as Prisma names migrations; never at or before the last one. */
function nextTimestamp(existing: string[]): string {
  const fmt = (d: Date): string => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  let t = new Date();
  const last = existing.at(-1)?.slice(0, 14);
  if (last && /^\d{14}$/.test(last) && fmt(t) <= last) {
    const l = `${last.slice(0, 4)}-${last.slice(4, 6)}-${last.slice(6, 8)}T${last.slice(8, 10)}:${last.slice(10, 12)}:${last.slice(12, 14)}Z`;
    t = new Date(Date.parse(l) + 1000);
  }
  return fmt(t);
}

async function run(args: Args, engine: SchemaEngineSession): Promise<number> {
  const rel = (p: string): string => path.relative(process.cwd(), p) || ".";
  const started = Date.now();
  const diff = await engine.diffMigrationsToSchema(args.migrationsDir, args.schemaPath);
  if (diff.empty) {
    process.stdout.write(`No schema change: ${rel(args.migrationsDir)} already builds ${rel(args.schemaPath)}. Nothing written.\n`);
    return 0;
  }

  const existing = existsSync(args.migrationsDir) ? listMigrationNames(args.migrationsDir) : [];
  const dirName = `${nextTimestamp(existing)}_${args.name}`;
  const dir = path.join(args.migrationsDir, dirName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MIGRATION_SCRIPT_FILE), diff.script, "utf8");
  writeFileSync(path.join(args.migrationsDir, MIGRATION_LOCK_FILE), MIGRATION_LOCK_CONTENT, "utf8");

  const written = rel(path.join(dir, MIGRATION_SCRIPT_FILE));
  process.stdout.write(`Wrote ${written}:\n\n${diff.script}\n`);

  // Prove the folder now builds the schema on a fresh database, new script included.
  try {
    const after = await engine.diffMigrationsToSchema(args.migrationsDir, args.schemaPath);
    if (!after.empty) {
      process.stderr.write(`The migrations folder still does not build the schema; remaining difference:\n${after.script}\n`);
      return 1;
    }
  } catch (err) {
    process.stderr.write(
      `${written} is written but does not apply cleanly to a fresh database yet; fix it by hand (for example a missing CREATE EXTENSION) before it is applied anywhere:\n${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
  process.stdout.write(`Checked: the migrations folder builds ${rel(args.schemaPath)} exactly (${Date.now() - started} ms).\n`);
  if (/\bDROP\b|\bALTER COLUMN\b[^;]*\b(TYPE|SET NOT NULL)\b/i.test(diff.script)) {
    process.stdout.write("Review before committing: this migration drops or narrows something and may lose data or fail on existing rows.\n");
  }
  process.stdout.write("Add any hand-written SQL (CHECK constraints, triggers) to the same file before it is applied anywhere.\n");
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const engine = await openSchemaEngine();
  try {
    return await run(args, engine);
  } finally {
    await engine.close();
  }
}

// A panic inside the engine surfaces as an uncaught "RuntimeError: unreachable"; say what
// actually went wrong.
process.on("uncaughtException", (err) => {
  process.stderr.write(`db:migration: ${takeEnginePanic() ?? err.message}\n`);
  process.exit(1);
});

// Exit explicitly: the WebAssembly engine can leave a timer of ~10 s running.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`db:migration: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
