// Entry point: serves the bpifrance subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readBpifranceConfig } from './config.js';
import { startBpifrance } from './start.js';

runMain('bpifrance', async () => {
  const running = await startBpifrance(readBpifranceConfig());
  console.log(`bpifrance subgraph ready at ${running.url}/graphql`);
});
