import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import helmet from "helmet";
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app";
import { UI_CONTENT_SECURITY_POLICY, webRoutes } from "../../src/web/web-routes";
import { ensureUiBuilt } from "./support/ui-build";

/** How the express app serves the built UI under /app (no browser needed). */
describe("serving the editor UI under /app", () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureUiBuilt();
    t = await startTestApp("ui-serving");
  }, 180_000);
  afterAll(() => t.close());

  it("answers every /app screen with the page, under a CSP that allows no inline script", async () => {
    for (const url of ["/app/", "/app/claims/0190d1c0-0000-7000-8000-000000000000", "/app/sources?q=putin"]) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(200);
      expect(res.type).toBe("text/html");
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
      expect(res.headers["content-security-policy"]).toBe(UI_CONTENT_SECURITY_POLICY);
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("serves the hashed assets the page names, cached for a year, and 404s unknown ones", async () => {
    const page = await request(t.app).get("/app/");
    const assets = [...page.text.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      const res = await request(t.app).get(a);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toContain("immutable");
    }
    const missing = await request(t.app).get("/app/assets/nothing-here.js");
    expect(missing.status).toBe(404);
    expect(missing.type).toBe("application/problem+json");
  });

  it("sends people from / and /app to /app/", async () => {
    expect((await request(t.app).get("/")).headers.location).toBe("/app/");
    const bare = await request(t.app).get("/app?x=1");
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe("/app/?x=1");
  });

  it("leaves the API's own security headers as helmet sets them", async () => {
    const res = await request(t.app).get("/healthz");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).not.toBe(UI_CONTENT_SECURITY_POLICY);
    const api = await request(t.app).get("/v1/claims");
    expect(api.status).toBe(401);
    expect(api.headers["content-security-policy"]).not.toBe(UI_CONTENT_SECURITY_POLICY);
  });

  it("says the UI is not built instead of failing when dist/web is missing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ui-missing-"));
    const app = express().use(helmet()).use(webRoutes({ dir }));
    const res = await request(app).get("/app/claims/x");
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/not built/);
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><div id=root></div>");
    expect((await request(app).get("/app/")).status).toBe(200);
  });
});
