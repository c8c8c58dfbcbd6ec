// Entry point: serves the business-france subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readBusinessFranceConfig } from './config.js';
import { startBusinessFrance } from './start.js';

runMain('business-france', async () => {
  const running = await startBusinessFrance(readBusinessFranceConfig());
  console.log(`business-france subgraph ready at ${running.url}/graphql`);
});
