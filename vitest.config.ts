// Test configuration: one vitest run for every kind of test.
// `*.test.ts` run in-process with no port; `*.e2e.ts` start servers on free ports.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.e2e.ts'],
    exclude: ['node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
