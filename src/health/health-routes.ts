import { Router } from "express";
import type { Database } from "../db/database";
import { migrationStatus } from "../db/migrations/runner";
import { sendProblem } from "../http/error-handler";
import { AppError } from "../http/problem";

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timed out")), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

export function healthRoutes(db: Database): Router {
  const r = Router();

  // The process is up and serving HTTP. Never touches the database.
  r.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  // Ready for traffic: the database answers and every migration is applied.
  r.get("/readyz", async (req, res) => {
    try {
      const status = await withTimeout(db.withSession((conn) => migrationStatus(conn)), READY_TIMEOUT_MS);
      if (!status.ok) {
        sendProblem(res, new AppError(503, "not_ready", "Database migrations are not all applied.", { database: "ok", migrations: { pending: status.pending, failed: status.failed } }), req.id as string);
        return;
      }
      res.json({ status: "ok", database: "ok", migrations: "applied" });
    } catch (err) {
      req.log?.warn({ err: { message: (err as Error).message } }, "readiness check failed");
      sendProblem(res, new AppError(503, "not_ready", "The database is not reachable.", { database: "unreachable", headers: { "Retry-After": "2" } }), req.id as string);
    }
  });

  return r;
}
