// Entry point: serves the action-logement subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readActionLogementConfig } from './config.js';
import { startActionLogement } from './start.js';

runMain('action-logement', async () => {
  const running = await startActionLogement(readActionLogementConfig());
  console.log(`action-logement subgraph ready at ${running.url}/graphql`);
});
