import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { sendProblem } from "../http/error-handler";
import { AppError } from "../http/problem";

/**
 * The editor UI (built from web/ by Vite into dist/web) under /app. It is a page of static
 * files that calls the public /v1 API like any client; this router only serves the files.
 *
 * Its Content-Security-Policy replaces helmet's for /app responses only (the API keeps
 * helmet's): scripts and styles from this origin alone, nothing inline, no framing, no
 * plugins, fetches only to this origin.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** <project>/dist/web, whether running compiled (dist/src/web) or from source (src/web, via tsx or jest). */
export function uiBuildDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, "dist/web");
}

function uiPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Content-Security-Policy", UI_CONTENT_SECURITY_POLICY);
  res.setHeader("X-Frame-Options", "DENY");
  next();
}

export function webRoutes(opts: { dir?: string } = {}): Router {
  const dir = opts.dir ?? uiBuildDir();
  const index = path.join(dir, "index.html");
  const r = Router();

  // The service's front door for people is the review desk.
  r.get("/", (_req, res) => res.redirect(302, "/app/"));

  const app = Router();
  app.use(uiPolicy);
  // Hashed file names: cache forever. A missing asset is a 404, never the page itself.
  app.use("/assets", express.static(path.join(dir, "assets"), { index: false, immutable: true, maxAge: "1y", fallthrough: true }));
  app.use("/assets", (req, res) => sendProblem(res, new AppError(404, "not_found", "No such file."), undefined, req.originalUrl));
  app.get("/favicon.svg", (_req, res) => res.sendFile(path.join(dir, "favicon.svg"), { maxAge: "1d" }));
  // Every other /app path is a screen of the single-page app: the same index.html.
  app.get(/.*/, (req, res, next) => {
    if (req.originalUrl === "/app" || req.originalUrl.startsWith("/app?")) {
      res.redirect(301, `/app/${req.originalUrl.slice(4)}`);
      return;
    }
    if (!existsSync(index)) {
      res.status(503).type("text/plain").send("The editor UI is not built. Run `npm run build` (or `npx vite build`) and reload.\n");
      return;
    }
    res.sendFile(index, { headers: { "Cache-Control": "no-cache" } }, (err) => err && next(err));
  });
  r.use("/app", app);
  return r;
}
