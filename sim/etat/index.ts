// Entry point: serves the État simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readEtatSimulatorConfig } from './config.js';
import { startEtatSimulator } from './start.js';

runMain('etat simulator', async () => {
  const running = await startEtatSimulator(readEtatSimulatorConfig());
  console.log(`État simulator (static.data.gouv.fr) ready at ${running.url}`);
});
