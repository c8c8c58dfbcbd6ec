// The harness measures our gateway as production runs it: the esbuild bundle `npm run build`
// writes (dist/gateway.mjs). It is rebuilt at the start of every run so it matches the sources.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools/composition.js';
import { startProgram, type ChildHandle } from './child.js';
import { freePort } from './contenders.js';

/** The bundle `npm run build` writes. */
export const GATEWAY_BUNDLE = join(REPO_ROOT, 'dist', 'gateway.mjs');

/** Runs `npm run build`'s script, so the bundle measured is the current code's. */
export function buildGatewayBundle(): void {
  execFileSync(process.execPath, ['--import', 'tsx', join('scripts', 'buildGateway.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** How the gateway process is started: the bundle, or the sources under tsx (`npm run gateway`). */
export type GatewayEntry = 'bundle' | 'source';

/** Starts our gateway alone on `supergraphFile` and waits for its /health. */
export async function startGateway(
  entry: GatewayEntry,
  supergraphFile: string,
  env: Record<string, string>,
): Promise<ChildHandle<{ url: string }>> {
  const port = await freePort();
  const program =
    entry === 'bundle' ? [GATEWAY_BUNDLE] : ['--import', 'tsx', join('gateway', 'src', 'index.ts')];
  return startProgram(
    process.execPath,
    [...program, '--supergraph', supergraphFile, '--port', String(port)],
    { env, readyUrl: `http://127.0.0.1:${port}/health` },
  );
}
