// Entry point: serves the dgefp subgraph alone, configured by the environment.
import { runMain } from '../../../kit/src/env.js';
import { readDgefpConfig } from './config.js';
import { startDgefp } from './start.js';

runMain('dgefp', async () => {
  const running = await startDgefp(readDgefpConfig());
  console.log(`dgefp subgraph ready at ${running.url}/graphql`);
});
