# One image for every yibao process (the four subgraphs, the gateway, the kafka-init one-shot of docker-compose.yml):
#   docker build -t yibao-app .
#   docker run yibao-app node services/enrollment/dist/main.js
FROM node:20-slim AS build
WORKDIR /app
# Manifests first, so `npm ci` is cached until a dependency changes.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY services/enrollment/package.json services/enrollment/
COPY services/transfer/package.json services/transfer/
COPY services/benefits/package.json services/benefits/
COPY services/notification/package.json services/notification/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
# V8 heap limits (old space 128 MB, semi-space 8 MB) that keep each process under 200 MB RSS under load; the same as
# scripts/node-flags.json (npm run stack, npm run bench), measured in bench/README.md (Memory)
ENV NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=8"
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "gateway/dist/main.js"]
