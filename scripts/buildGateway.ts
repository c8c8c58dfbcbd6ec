// `npm run build`: bundles the gateway into dist/gateway.mjs (see tools/gatewayBundle.ts).
import { relative } from 'node:path';
import { runMain } from '../kit/src/env.js';
import { REPO_ROOT } from '../tools/composition.js';
import { buildGatewayBundle, GATEWAY_BUNDLE } from '../tools/gatewayBundle.js';

runMain('build', async () => {
  const started = performance.now();
  await buildGatewayBundle();
  const ms = (performance.now() - started).toFixed(0);
  console.log(`wrote ${relative(REPO_ROOT, GATEWAY_BUNDLE)} in ${ms} ms`);
});
