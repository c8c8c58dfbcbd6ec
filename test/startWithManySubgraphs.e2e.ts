// `npm start` with ten subgraphs (and their simulators, and the gateway) in one process: Apollo
// Server used to add a SIGINT and a SIGTERM listener per instance, past Node's limit of ten, which
// printed a MaxListenersExceededWarning. The stack now owns one handler per signal. Run as a
// child process without NODE_ENV=test, as `npm start` runs (Apollo skips its handlers under tests).
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../stack/registry.js';
import { spawnEntry } from './helpers/process.js';

describe('npm start with ten subgraphs', () => {
  it('starts with no MaxListenersExceededWarning and stops cleanly on SIGTERM', async () => {
    expect(SERVICES.filter((s) => s.kind === 'subgraph').length).toBeGreaterThanOrEqual(10);
    const child = spawnEntry('test/fixtures/runStackOnFreePorts.ts', [], {
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      GATEWAY_SECRET: 'start-test-secret',
    });
    try {
      await child.waitFor(/STACK UP http:\/\/\S+ with (\d+) services/, 90_000);
      // Warnings are printed on the next tick after the listener that crosses the limit.
      await new Promise((resolve) => setImmediate(resolve));
      child.process.kill('SIGTERM');
      const exit = await child.exited;
      expect(child.output()).not.toMatch(/MaxListenersExceededWarning/);
      expect(child.output()).toContain('SIGTERM: stopping');
      expect(exit.code).toBe(0);
    } finally {
      if (child.process.exitCode === null) child.process.kill('SIGKILL');
    }
  }, 120_000);
});
