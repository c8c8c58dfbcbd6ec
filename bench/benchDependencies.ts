// The benchmark's own packages — the stock Hive gateway contender and the autocannon load
// generator — are pinned in bench/packages/package.json with a lockfile of their own, outside the
// project's install: Hive asks for Node 22 and would fill a newcomer's `npm install` with engine
// warnings for a tool only the benchmark uses. The harness installs them on first use.
// They sit in a folder with no source of ours: Node resolves a bare import from the nearest
// node_modules up, and Hive brings its own graphql; bench/*.ts must keep getting the project's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/packages: its package.json, lockfile and node_modules. */
export const BENCH_PACKAGES_DIR = fileURLToPath(new URL('./packages/', import.meta.url));

/** The command that installs the benchmark's packages, for messages and CI. */
export const BENCH_INSTALL_COMMAND = 'npm ci --prefix bench/packages';

/** Loads a CommonJS package of bench/packages (autocannon). */
export const requireBenchPackage = createRequire(join(BENCH_PACKAGES_DIR, 'package.json'));

/** The version of `name` installed in bench/packages, or undefined when it is not there. */
export function installedBenchVersion(name: string): string | undefined {
  try {
    // Read the file itself: some packages do not export their package.json.
    const file = join(BENCH_PACKAGES_DIR, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Whether bench/packages/node_modules holds every package of its package.json at the pinned version. */
export function benchDependenciesInstalled(): boolean {
  const manifest = JSON.parse(readFileSync(join(BENCH_PACKAGES_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.entries(manifest.dependencies).every(
    ([name, version]) => installedBenchVersion(name) === version,
  );
}

/**
 * Installs bench/packages/package-lock.json into bench/packages/node_modules unless the pinned
 * versions are already there; rejects with npm's last lines and the command to run by hand when the install fails.
 */
export async function ensureBenchDependencies(log: (line: string) => void = () => undefined): Promise<void> {
  if (benchDependenciesInstalled()) return;
  log(`installing the benchmark's own packages (${BENCH_INSTALL_COMMAND}), once`);
  // Engine warnings are Hive's wish for Node 22; the benchmark runs it on the project's Node.
  const args = ['ci', '--prefix', BENCH_PACKAGES_DIR, '--no-audit', '--no-fund', '--loglevel=error'];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const npm = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    npm.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    npm.once('error', reject);
    npm.once('close', resolve);
  });
  if (code !== 0 || !benchDependenciesInstalled()) {
    const tail = output.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `could not install the benchmark's packages (${BENCH_INSTALL_COMMAND} exited with ${code}); ` +
        `run it by hand with the npm registry reachable.\n${tail}`,
    );
  }
}
