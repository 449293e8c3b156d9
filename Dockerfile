# syntax=docker/dockerfile:1
# Mirrors the README: `npm ci` installs (its postinstall generates the Prisma client),
# `npm run build` compiles, and the service applies migrations itself at start.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY vite.config.mts ./
COPY web ./web
RUN npx prisma generate && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
RUN groupadd --system claimtrail && useradd --system --gid claimtrail --home /app claimtrail \
 && mkdir -p /data && chown claimtrail:claimtrail /data
COPY --from=build --chown=claimtrail:claimtrail /app/node_modules ./node_modules
COPY --from=build --chown=claimtrail:claimtrail /app/dist ./dist
COPY --chown=claimtrail:claimtrail package.json prisma.config.ts ./
COPY --chown=claimtrail:claimtrail prisma ./prisma
COPY --chown=claimtrail:claimtrail seeds ./seeds
COPY --chown=claimtrail:claimtrail src/openapi/docs-page ./src/openapi/docs-page
USER claimtrail
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are applied by the service at start-up (and by `npm run db:deploy`).
# Stopping: the service is PID 1 and handles SIGTERM itself (also during start-up). It
# lets requests in flight finish for up to SHUTDOWN_TIMEOUT_MS (10 s) and then closes the
# database. Docker's default stop timeout is also 10 s, after which it sends SIGKILL, so run
# with `docker run --stop-timeout 20` (Compose: `stop_grace_period: 20s`), above
# SHUTDOWN_TIMEOUT_MS. After a SIGKILL the data directory lock (/data/claimtrail.lock) is
# taken over by the next container once its heartbeat is 30 s old (README: The data
# directory lock).
STOPSIGNAL SIGTERM
# --max-semi-space-size: as `npm start` (see README, Performance).
CMD ["node", "--max-semi-space-size=32", "dist/src/server.js"]
