// Entry point: serves the simulated Business France backend alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readBusinessFranceSimulatorConfig } from './config.js';
import { startBusinessFranceSimulator } from './start.js';

runMain('business-france simulator', async () => {
  const running = await startBusinessFranceSimulator(readBusinessFranceSimulatorConfig());
  console.log(`business-france simulator (VIE-like search) ready at ${running.url}`);
});
