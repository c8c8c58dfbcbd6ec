// Entry point: serves the France Travail simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readFranceTravailSimulatorConfig } from './config.js';
import { startFranceTravailSimulator } from './start.js';

runMain('france-travail simulator', async () => {
  const running = await startFranceTravailSimulator(readFranceTravailSimulatorConfig());
  console.log(`France Travail simulator ready at ${running.url}`);
});
