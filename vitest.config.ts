// Test configuration: one vitest run for every kind of test.
// `*.test.ts` run in-process with no port; `*.e2e.ts` start servers on free ports.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build for everyone (it has no "exports" map), while
// Vite would pick the ESM build for our files: two copies of graphql-js in one process break
// `instanceof` checks between our code and Apollo's. Point every import at the one Node uses.
const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    // Tests that build a stock ApolloGateway must not send its usage metrics off the machine.
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
    include: ['**/*.test.ts', '**/*.e2e.ts'],
    // `**/`: bench/packages/ has a node_modules of its own, with packages that ship their tests.
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork per core but one, a single fork on a 2-core machine; the
    // whole-stack tests mostly wait on sockets and timers, so two forks share the cores well.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
});
