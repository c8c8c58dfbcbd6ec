// Entry point: serves the France Travail simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readFranceTravailSimConfig } from './config.js';
import { startFranceTravailSim } from './start.js';

runMain('france-travail simulator', async () => {
  const running = await startFranceTravailSim(readFranceTravailSimConfig());
  console.log(`France Travail simulator ready at ${running.url}`);
});
