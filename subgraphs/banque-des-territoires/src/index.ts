// Entry point: serves the banque-des-territoires subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readBanqueDesTerritoiresConfig } from './config.js';
import { startBanqueDesTerritoires } from './start.js';

runMain('banque-des-territoires', async () => {
  const running = await startBanqueDesTerritoires(readBanqueDesTerritoiresConfig());
  console.log(`banque-des-territoires subgraph ready at ${running.url}/graphql`);
});
