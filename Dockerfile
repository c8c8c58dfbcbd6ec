# One image for every service of Territoires Graph; docker-compose.yml picks the entry point.
# No secret is baked in: GATEWAY_SECRET and JWT_SECRET come from the environment at run time
# (.dockerignore keeps a local .env, and every node_modules, out of the build context).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
# The gateway runs from one esbuild bundle: it starts in under a second instead of tsx compiling
# ~1,500 modules; the subgraphs and simulators keep running from source under tsx.
RUN npm run build
ENV NODE_ENV=production HOST=0.0.0.0
CMD ["node", "dist/gateway.mjs"]
