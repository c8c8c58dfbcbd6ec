// Entry point: serves the territories subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readTerritoriesConfig } from './config.js';
import { startTerritories } from './start.js';

runMain('territories', async () => {
  const running = await startTerritories(readTerritoriesConfig());
  console.log(`territories subgraph ready at ${running.url}/graphql`);
});
