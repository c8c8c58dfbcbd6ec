// Entry point: serves the ademe subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readAdemeConfig } from './config.js';
import { startAdeme } from './start.js';

runMain('ademe', async () => {
  const running = await startAdeme(readAdemeConfig());
  console.log(`ademe subgraph ready at ${running.url}/graphql`);
});
