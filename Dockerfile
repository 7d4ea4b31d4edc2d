# syntax=docker/dockerfile:1
# orderflow as compiled JavaScript on a Node LTS image, run as the unprivileged `node` user.
#   docker build -t orderflow .
#   docker run -p 3000:3000 orderflow                      # embedded mode (PGlite in /var/lib/orderflow)
#   docker run -e DATABASE_URL=… -e BROKER_URL=… -e OIDC_ISSUER=… -e ROLES=api orderflow
# compose.yaml and deploy/k8s/ run one container per role; docs/operations.md explains.
# No container runtime was available where this file was written: test/deploy checks it
# statically (stages, user, health check, paths) and `npm run build` + `node dist/main.js`
# are exercised outside a container.

ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Compile TypeScript (and, where the project has one, the web app) with all dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p web/dist

# 2. Production dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime image: node_modules, dist/, templates, web/dist; nothing else.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/orderflow
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/web/dist ./web/dist
COPY --chown=root:root package.json ./
COPY --chown=root:root templates ./templates
# The embedded data directory is the only place the process writes (a volume in practice).
RUN mkdir -p /var/lib/orderflow && chown node:node /var/lib/orderflow
USER node
EXPOSE 3000 9464
VOLUME ["/var/lib/orderflow"]
# /healthz on the operations port when METRICS_PORT is set (roles without the API serve
# nothing else), on PORT otherwise.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT||process.env.PORT||3000}/healthz`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `orderflow <command>`: serve (default), migrate, projections rebuild, …
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["serve"]
