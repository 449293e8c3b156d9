import type { Server } from "node:http";
import { createApp } from "./app";
import { prepareDatabase } from "./bootstrap/prepare-database";
import { ConfigError, loadConfig } from "./config/config";
import { DataDirLockedError } from "./db/data-dir-lock";
import type { Database } from "./db/database";
import { openDatabase } from "./db/open-database";
import { createLogger, type Logger } from "./logging/logger";

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Express 5 calls the callback even on EADDRINUSE: check its error argument.
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
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
  let db: Database | undefined;
  try {
    db = await openDatabase(config, log);
    log.info({ database: db.kind, dataDir: db.kind === "embedded" ? config.dataDir : undefined }, "database opened");
    await prepareDatabase({ config, db, log });
    const app = createApp({ config, db, log });
    const server = await listen(app, config.PORT, config.HOST);
    // Slow clients must not hold sockets forever.
    server.headersTimeout = 20_000;
    server.requestTimeout = 60_000;
    server.keepAliveTimeout = 5_000;
    const address = server.address();
    log.info({ port: typeof address === "object" && address ? address.port : config.PORT }, "ClaimTrail is listening");
    installShutdown(server, db, log, config.SHUTDOWN_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      log.fatal({ code: err.code }, err.message);
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

/** On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database. */
function installShutdown(server: Server, db: Database, log: Logger, timeoutMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
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
      db.close()
        .then(() => log.info("database closed; bye"))
        .catch((err: unknown) => log.error({ err }, "error while closing the database"))
        .finally(() => {
          log.flush();
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

void main();
