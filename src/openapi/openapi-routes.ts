import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/** Where src/openapi/docs-page lives, whether running from src/ (tsx) or dist/src/ (compiled). */
function docsPageDir(): string {
  const candidates = [path.join(__dirname, "docs-page"), path.resolve(__dirname, "../../../src/openapi/docs-page")];
  return candidates.find((c) => existsSync(path.join(c, "index.html"))) ?? candidates[0]!;
}

/** GET /openapi.json (the generated document) and /docs (Swagger UI, served locally). */
export function openApiRoutes(document: object): Router {
  const r = Router();
  const json = JSON.stringify(document);
  r.get("/openapi.json", (_req, res) => {
    res.type("application/json").send(json);
  });
  const page = docsPageDir();
  const swaggerDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  r.get(["/docs", "/docs/"], (_req, res) => res.sendFile(path.join(page, "index.html")));
  r.get("/docs/init.js", (_req, res) => res.sendFile(path.join(page, "init.js")));
  r.use("/docs/assets", express.static(swaggerDir, { index: false, maxAge: "1h" }));
  return r;
}
