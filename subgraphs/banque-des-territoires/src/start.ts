// Starts the banque-des-territoires subgraph on a port: used by index.ts and by the stack launcher.
// It holds the shared mirror store while it runs (syncing is the stack's or `npm run sync`'s job)
// and reports its source's freshness in /health, which the gateway's /ready lists.
import type { RunningServer } from '../../../kit/src/listen.js';
import { readFreshness } from '../../../kit/src/mirror/freshness.js';
import { openMirrorFromSettings } from '../../../kit/src/mirror/sharedMirror.js';
import { loadGeography } from '../../../kit/src/reference/geography.js';
import { serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import type { BanqueDesTerritoiresConfig } from './config.js';
import { banqueDesTerritoiresContexts, createBanqueDesTerritoiresServer } from './server.js';
import { SUBSIDIES_SOURCE } from './subsidySource.js';

/** Opens the mirror and serves the subgraph; closing it releases the mirror. */
export async function startBanqueDesTerritoires(config: BanqueDesTerritoiresConfig): Promise<RunningServer> {
  const geography = loadGeography(config.geoDir);
  const mirror = openMirrorFromSettings(config.mirror);
  try {
    return await serveWithClient(
      createBanqueDesTerritoiresServer({ hideInternalErrors: config.production }),
      config,
      banqueDesTerritoiresContexts({ mirror, geography, source: config.source }),
      () => mirror.release(),
      async () => ({ mirror: await readFreshness(mirror, [SUBSIDIES_SOURCE]) }),
    );
  } catch (error) {
    await mirror.release();
    throw error;
  }
}
