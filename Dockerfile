# syntax=docker/dockerfile:1
# Build stage: native modules (better-sqlite3), the generated Prisma client and dist/ (compiled
# by `npm ci`'s postinstall: prisma generate, then esbuild).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src ./src
COPY presets ./presets
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

# Run stage: no compilers, no TypeScript, a non-root user, the database on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=file:/data/shopops.db \
    PORT=3000
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk tini \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown node:node /data && chmod 700 /data
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/src/features/campaigns/templates ./src/features/campaigns/templates
# The built-in import presets (platform exports); the team's own go in IMPORT_PRESETS_DIR (data/presets).
COPY --from=build --chown=node:node /app/presets ./presets
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tini forwards SIGTERM so the bot drains its outbox and timers before exiting. A small young
# generation keeps the idle footprint down (see bench/README.md).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=2", "dist/main.js"]
