// Configuration of the "@graphql-hive/gateway, in-flight deduplication off" contender: the
// documented way to turn off its deduplication of identical subgraph requests; nothing else.
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
});
