// Entry point: serves the apec subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readApecConfig } from './config.js';
import { startApec } from './start.js';

runMain('apec', async () => {
  const running = await startApec(readApecConfig());
  console.log(`apec subgraph ready at ${running.url}/graphql`);
});
