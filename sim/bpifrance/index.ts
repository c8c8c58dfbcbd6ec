// Entry point: serves the simulated economy ministry portal alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readBpifranceSimulatorConfig } from './config.js';
import { startBpifranceSimulator } from './start.js';

runMain('economie simulator', async () => {
  const running = await startBpifranceSimulator(readBpifranceSimulatorConfig());
  console.log(`economie simulator (Opendatasoft Explore v2.1) ready at ${running.url}`);
});
