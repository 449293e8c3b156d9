import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The editor UI (web/) is built into dist/web, which src/web/web-routes.ts serves under
 * /app. Preact's JSX is compiled by Vite's own transform, so no Babel is needed.
 */
export default defineConfig({
  root: path.join(here, "web"),
  base: "/app/",
  publicDir: path.join(here, "web/public"),
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: path.join(here, "dist/web"),
    emptyOutDir: true,
    // The polyfill is not needed by the browsers we support, and nothing may be inline (CSP).
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: "es2022",
    chunkSizeWarningLimit: 300,
  },
  logLevel: "warn",
});
