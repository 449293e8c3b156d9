import { readFileSync } from "node:fs";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm" with { "resolution-mode": "import" };

/**
 * Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the
 * exact build of our Prisma release). Development tooling only: the service itself never
 * needs it (src/db/migrations/runner.ts applies migrations without it).
 *
 * The package is ESM-only and imports its .wasm as a module, which neither CommonJS nor
 * Jest on Node 20 can load (Jest runs require(esm) only from Node 24.9). Its glue file is
 * plain `export function` / `export class` declarations with no imports, so we evaluate
 * it as a function body and instantiate the .wasm ourselves, the way Prisma's own test
 * executor does. The version is pinned exactly in package.json; the shape check below
 * fails loudly if a future build stops matching.
 */

export interface SchemaEngineWasm {
  SchemaEngine: typeof SchemaEngine;
  version(): string;
}

type WasmExports = Record<string, unknown>;

interface GlueModule extends SchemaEngineWasm {
  __wbg_set_wasm(exports: WasmExports): void;
}

// Our compiler settings (lib ES2023, no DOM) do not declare WebAssembly; Node has it.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: WasmExports };
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let loaded: SchemaEngineWasm | undefined;

/**
 * The engine reports a Rust panic's message here before trapping ("RuntimeError:
 * unreachable" otherwise says nothing); Prisma's CLI installs the same global.
 */
const panicRegistry = {
  message: "",
  set_message(message: string): void {
    this.message = message;
  },
};

/** The message of the engine's last panic, and forget it. */
export function takeEnginePanic(): string | undefined {
  const message = panicRegistry.message;
  panicRegistry.message = "";
  return message || undefined;
}

export function loadSchemaEngineWasm(): SchemaEngineWasm {
  if (loaded) return loaded;
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const source = readFileSync(path.join(dir, "schema_engine_bg.js"), "utf8");
  const names = Array.from(source.matchAll(/^export (?:function|class) ([A-Za-z0-9_$]+)/gm), (m) => m[1]).filter(
    (name): name is string => name !== undefined,
  );
  if (/^\s*import\s/m.test(source) || !names.includes("SchemaEngine") || !names.includes("__wbg_set_wasm")) {
    throw new Error(`unexpected layout of ${path.join(dir, "schema_engine_bg.js")}; update src/db/migrations/engine-wasm.ts`);
  }
  const body = `${source.replace(/^export (function|class) /gm, "$1 ")}\nreturn { ${names.join(", ")} };`;
  // The glue reaches Node's crypto through `module.require` (wasm-bindgen's getrandom).
  const evaluate = new Function("module", body) as (module: { require: NodeJS.Require }) => GlueModule;
  const glue = evaluate({ require });

  const wasm = new wasmApi.Module(readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new wasmApi.Instance(wasm, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === "function") (start as () => void)();
  loaded = glue;
  return glue;
}
