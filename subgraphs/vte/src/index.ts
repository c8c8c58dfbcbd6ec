// Entry point: serves the vte subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readVteConfig } from './config.js';
import { startVte } from './start.js';

runMain('vte', async () => {
  const running = await startVte(readVteConfig());
  console.log(`vte subgraph ready at ${running.url}/graphql`);
});
