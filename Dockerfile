# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship only production ones, run as non-root.
# CI cannot run Docker on its machines, so .ci/run executes the same steps (npm ci, build,
# npm ci --omit=dev, `talent-radar doctor --offline`) to keep this file honest.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# python3/make/g++ only in case better-sqlite3 has no prebuilt binary for this platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    TALENT_CONFIG=/app/config/default.yml \
    DATA_DIR=/data \
    PORT=3000 \
    OPS_PORT=9464
WORKDIR /app
# No system fonts: the digest chart draws its text with the font in assets/fonts (CJK included),
# which resvg loads by path.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data && chmod 700 /data
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node config ./config
COPY --chown=node:node assets ./assets
USER node
VOLUME ["/data"]
# 3000: public (Slack, Discord, /livez, /readyz, /healthz). 9464: ops (status page, /metrics), on
# 127.0.0.1 inside the container unless OPS_HOST says otherwise (docker-compose.yml sets 0.0.0.0).
EXPOSE 3000 9464
# /healthz is /readyz: unhealthy while the store does not answer (Docker does not restart for it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/cli.js"]
CMD ["run"]
