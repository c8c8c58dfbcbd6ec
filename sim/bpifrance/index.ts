// Entry point: serves the simulated economy ministry portal alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readEconomieSimConfig } from './config.js';
import { startEconomieSimulator } from './start.js';

runMain('economie simulator', async () => {
  const running = await startEconomieSimulator(readEconomieSimConfig());
  console.log(`economie simulator (Opendatasoft Explore v2.1) ready at ${running.url}`);
});
