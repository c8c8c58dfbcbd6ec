// Entry point: serves the Etat simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readEtatSimulatorConfig } from './config.js';
import { startEtatSimulator } from './start.js';

runMain('etat simulator', async () => {
  const running = await startEtatSimulator(readEtatSimulatorConfig());
  console.log(`Etat simulator ready at ${running.url}`);
});
