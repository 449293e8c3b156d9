import { createServer, type Server } from "node:http";
import { createApp } from "./app";
import { prepareDatabase } from "./bootstrap/prepare-database";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { DataDirLockedError } from "./db/data-dir-lock";
import type { Database } from "./db/database";
import { openDatabase } from "./db/open-database";
import { createLogger, type Logger } from "./logging/logger";
import { createDeliveryWorker, type DeliveryWorker } from "./webhooks/delivery-worker";

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  // Slow clients must not hold sockets forever. The timeouts are enforced by node's
  // periodic connection check, so its interval must be finer than the timeouts (the
  // default, 30 s, would let a slowloris client hold a socket for up to 50 s).
  const server = createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, config.HTTP_HEADERS_TIMEOUT_MS),
    },
    app,
  );
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** Thrown into start-up by a SIGTERM/SIGINT that arrives before the service listens. */
class StartupInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`start-up interrupted by ${signal}`);
    this.name = "StartupInterrupted";
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL });

  // Signal handlers come first: without them a SIGTERM during migrations or seeding kills
  // the process mid-write, and as PID 1 in a container (no default handlers) it is ignored
  // until SIGKILL. Before the service listens a signal stops start-up at the next step
  // boundary (a migration or a seed transaction is never cut short); a second one exits
  // at once. Once listening, shutdown finishes the in-flight requests.
  const startup = new AbortController();
  let shutdown: ((signal: NodeJS.Signals) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown) return shutdown(signal);
    if (!startup.signal.aborted) {
      log.info({ signal }, "stopping: start-up ends after its current step, then the database is closed");
      startup.abort(new StartupInterrupted(signal));
      return;
    }
    log.warn({ signal }, "second signal during start-up: exiting without waiting for the current step");
    log.flush();
    process.exit(1);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  let db: Database | undefined;
  try {
    db = await openDatabase(config, log);
    log.info({ database: db.kind, dataDir: db.kind === "embedded" ? config.dataDir : undefined }, "database opened");
    await prepareDatabase({ config, db, log, signal: startup.signal });
    startup.signal.throwIfAborted();
    const app = createApp({ config, db, log });
    const server = await listen(app, config);
    const address = server.address();
    log.info({ port: typeof address === "object" && address ? address.port : config.PORT }, "ClaimTrail is listening");
    // Webhook deliveries start once the service is up; every instance may run a worker.
    const worker = config.WEBHOOK_WORKER_ENABLED ? createDeliveryWorker({ db, config, log }) : undefined;
    worker?.start();
    shutdown = shutdownHandler(server, db, log, config.SHUTDOWN_TIMEOUT_MS, worker);
    // A signal that came while the server was binding: shut down the normal way.
    if (startup.signal.aborted) shutdown((startup.signal.reason as StartupInterrupted).signal);
  } catch (err) {
    if (err instanceof StartupInterrupted) {
      await db?.close().catch((closeErr: unknown) => log.error({ err: closeErr }, "error while closing the database"));
      log.info({ signal: err.signal }, "start-up stopped by a signal before the service listened; database closed");
      log.flush();
      process.exit(0);
    }
    if (err instanceof DataDirLockedError) {
      log.fatal({ code: err.code, lockFile: err.file }, err.message);
      process.stderr.write(`${err.message}\n`);
    } else {
      log.fatal({ err }, "start-up failed");
    }
    await db?.close().catch(() => undefined);
    log.flush();
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  }
}

/** The SIGTERM/SIGINT handler once listening: stop accepting, let in-flight requests finish, close the database. */
function shutdownHandler(server: Server, db: Database, log: Logger, timeoutMs: number, worker?: DeliveryWorker): (signal: NodeJS.Signals) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      log.warn("in-flight requests did not finish in time; closing connections");
      server.closeAllConnections();
    }, timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      // The worker's batch in flight records its outcomes before the database closes.
      (worker ? worker.stop() : Promise.resolve())
        .then(() => db.close())
        .then(() => log.info("database closed; bye"))
        .catch((err: unknown) => log.error({ err }, "error while closing the database"))
        .finally(() => {
          log.flush();
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
}

void main();
