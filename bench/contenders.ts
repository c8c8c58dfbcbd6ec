// The parties of the public workload: each gateway in its own process on the same supergraph,
// and the floor (a subgraph called directly, no gateway in between).
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startChild, startProgram, type ChildHandle } from './child.js';
import { startGateway } from './gatewayBundle.js';

const require = createRequire(import.meta.url);

/** A party of the public workload. */
export interface Contender {
  id: 'ours' | 'apollo' | 'hive' | 'hive-no-dedup' | 'floor';
  label: string;
  /** Starts its process on the supergraph file; the floor starts none. */
  start?(supergraphFile: string): Promise<ChildHandle<{ url: string }>>;
}

/**
 * Settings our gateway runs with in the benchmark: the per-caller rate limit off (every request
 * comes from one loopback address) and the cost limit above the workload query's estimate (the
 * stock gateways have no limits). Everything else keeps its default.
 */
export const BENCH_GATEWAY_ENV: Record<string, string> = { RATE_LIMIT_MAX: '0', MAX_COST: '100000000' };

const HIVE_BIN = join(require.resolve('@graphql-hive/gateway/package.json'), '..', 'dist', 'bin.js');

function startHive(supergraphFile: string, extraArgs: string[]): Promise<ChildHandle<{ url: string }>> {
  return freePort().then(async (port) => {
    const handle = await startProgram(
      process.execPath,
      [HIVE_BIN, 'supergraph', supergraphFile, '--host', '127.0.0.1', '--port', String(port), ...extraArgs],
      { readyUrl: `http://127.0.0.1:${port}/healthcheck` },
    );
    return { ...handle, ready: { url: `http://127.0.0.1:${port}/graphql` } };
  });
}

export const CONTENDERS: Contender[] = [
  {
    id: 'ours',
    label: 'Territoires Graph gateway (dist/gateway.mjs)',
    // The production build (dist/gateway.mjs), as the Dockerfile runs it.
    start: async (file) => {
      const handle = await startGateway('bundle', file, BENCH_GATEWAY_ENV);
      return { ...handle, ready: { url: `${handle.ready.url}/graphql` } };
    },
  },
  {
    id: 'apollo',
    label: '@apollo/gateway + @apollo/server (stock)',
    start: (file) => startChild('bench/contenders/apollo.ts', { args: [file] }),
  },
  { id: 'hive', label: '@graphql-hive/gateway (stock)', start: (file) => startHive(file, []) },
  {
    id: 'hive-no-dedup',
    label: '@graphql-hive/gateway, in-flight dedup off',
    start: (file) => startHive(file, ['--config-path', 'bench/contenders/hiveNoDedup.config.ts']),
  },
  { id: 'floor', label: 'floor: one subgraph called directly' },
];

/** A TCP port free at the time of asking (for programs that cannot report the one they took). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
