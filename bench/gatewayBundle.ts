// The harness measures our gateway as production runs it: the esbuild bundle `npm run build`
// writes (dist/gateway.mjs). It is rebuilt at the start of every run so it matches the sources.
import { join } from 'node:path';
import { GATEWAY_BUNDLE } from '../tools/gatewayBundle.js';
import { startProgram, type ChildHandle } from './child.js';
import { freePort } from './freePort.js';

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
