import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI refuses to run `generate` unless a native schema engine exists, and that
// binary cannot be downloaded on air-gapped machines. Migrations are applied and written by
// our own code through the WebAssembly engine (see src/db/migrations), so for `generate` it
// is enough to point the CLI at an existing file. Where the real engine is installed (or
// PRISMA_USE_NATIVE_ENGINE=1 is set) we leave the CLI alone so `prisma migrate deploy`
// and `prisma migrate status` work as usual.
const enginesDir = path.join(__dirname, "node_modules", "@prisma", "engines");
const hasNativeEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine-"));
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeEngine && process.env.PRISMA_USE_NATIVE_ENGINE !== "1") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(__dirname, "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm");
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/claimtrail",
  },
});
