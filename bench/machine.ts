// What the benchmark ran on and with: machine, load, and the versions of every contender.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools/composition.js';
import { installedBenchVersion } from './benchDependencies.js';

/** Packages of the benchmark's own install (bench/packages/package.json), not of the project's. */
const BENCH_PACKAGES = new Set(['@graphql-hive/gateway', 'autocannon']);

/** The machine and software of a run. */
export interface RunContext {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  loadAverage: number[];
  versions: Record<string, string>;
}

/** Reads the machine and the installed versions of the packages that matter to the figures. */
export function describeRun(): RunContext {
  const list = cpus();
  const versions: Record<string, string> = { node: process.versions.node };
  // The project's packages from its own install; the contender and the load generator from the
  // benchmark's (bench/packages/package.json).
  for (const name of [
    '@apollo/gateway',
    '@apollo/server',
    '@apollo/subgraph',
    '@graphql-hive/gateway',
    'graphql',
    'autocannon',
  ]) {
    versions[name] =
      (BENCH_PACKAGES.has(name) ? installedBenchVersion(name) : packageVersion(name)) ?? 'not installed';
  }
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGb: totalmem() / 1024 ** 3,
    loadAverage: loadavg(),
    versions,
  };
}

/** The version installed for the project (the root node_modules), or undefined. */
function packageVersion(name: string): string | undefined {
  try {
    // Read from node_modules: some packages do not export their package.json.
    const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}
