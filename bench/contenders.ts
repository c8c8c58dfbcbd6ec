// The parties of the public workload: each gateway in its own process on the same supergraph,
// and the floor (a subgraph called directly, no gateway in between).
import { join } from 'node:path';
import { BENCH_PACKAGES_DIR } from './benchDependencies.js';
import { startChild, startProgram, type ChildHandle } from './child.js';
import { freePort } from './freePort.js';
import { startGateway } from './gatewayBundle.js';

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

/** The Hive gateway's command line, from the benchmark's own packages (bench/packages). */
const HIVE_BIN = join(BENCH_PACKAGES_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

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
