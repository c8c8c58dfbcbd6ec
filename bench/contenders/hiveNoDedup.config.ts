// Configuration of the "@graphql-hive/gateway, in-flight deduplication off" contender: the
// documented way to turn off its deduplication of identical subgraph requests; nothing else.
// A plain object (Hive's `defineConfig` only returns its argument): the project's type check then
// does not need the benchmark's own packages installed (bench/packages/package.json).
export const gatewayConfig = {
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
};
