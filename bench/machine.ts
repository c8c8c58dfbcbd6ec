// What the benchmark ran on and with: machine, load, and the versions of every contender.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools/composition.js';

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
  for (const name of [
    '@apollo/gateway',
    '@apollo/server',
    '@apollo/subgraph',
    '@graphql-hive/gateway',
    'graphql',
    'autocannon',
  ]) {
    versions[name] = packageVersion(name);
  }
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGb: totalmem() / 1024 ** 3,
    loadAverage: loadavg(),
    versions,
  };
}

function packageVersion(name: string): string {
  try {
    // Read from node_modules: some packages do not export their package.json.
    const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
