# catalogue-search API. Build: docker build -t catalogue-search .
# Run: docker run -p 4000:4000 -e DATABASE_URL=postgresql://... catalogue-search
# (without DATABASE_URL it runs the embedded database in /data: mount a volume there).
#
# Two stages: the first installs everything and compiles the TypeScript; the second holds
# only what runs: production dependencies, dist/, the built web app (web/dist), and the
# files the server reads from its package folder (src/package-root.ts): package.json,
# schema.graphql, prisma/migrations, models/ and demo/. It runs the compiled JavaScript
# with node, as the unprivileged user `node`; the app's files belong to root, so only
# /data is writable.

FROM node:20-bookworm-slim AS build
# hnswlib-node compiles its native addon at install (node-gyp).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# postinstall generates the Prisma client into src/generated (scripts/prisma-generate.js).
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
# The web app (Vite); npm ci above skipped it, web/ was not there yet (scripts/build-web.js).
COPY web ./web
# The compiled Prisma client is in dist/, the web app in web/dist; the dev dependencies
# (typescript, jest, vite) go.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: glibc's per-thread malloc arenas (onnxruntime's and libvips's threads)
# keep freed memory; 2 arenas cut the server's RSS by about 100 MiB (bench/results/server-memory.md).
ENV NODE_ENV=production \
    DATA_DIR=/data \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json schema.graphql ./
COPY prisma/migrations ./prisma/migrations
COPY models ./models
COPY demo ./demo
# The CLI launcher (npx catalogue-search ...) runs dist/src/cli/main.js.
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm: SIGTERM reaches the server, which drains requests (SHUTDOWN_GRACE_SECONDS).
CMD ["node", "dist/src/main.js"]
