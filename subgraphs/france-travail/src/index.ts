// Entry point: serves the france-travail subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readFranceTravailConfig } from './config.js';
import { startFranceTravail } from './start.js';

runMain('france-travail', async () => {
  const running = await startFranceTravail(readFranceTravailConfig());
  console.log(`france-travail subgraph ready at ${running.url}/graphql`);
});
