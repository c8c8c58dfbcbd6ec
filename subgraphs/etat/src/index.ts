// Entry point: serves the etat subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readEtatConfig } from './config.js';
import { startEtat } from './start.js';

runMain('etat', async () => {
  const running = await startEtat(readEtatConfig());
  console.log(`etat subgraph ready at ${running.url}/graphql`);
});
