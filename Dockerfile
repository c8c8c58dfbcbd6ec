# One image for every service of Territoires Graph; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
