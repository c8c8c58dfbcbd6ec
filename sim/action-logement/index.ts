// Entry point: serves the Action Logement simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readActionLogementSimulatorConfig } from './config.js';
import { startActionLogementSimulator } from './start.js';

runMain('action-logement simulator', async () => {
  const running = await startActionLogementSimulator(readActionLogementSimulatorConfig());
  console.log(`Action Logement simulator ready at ${running.url}`);
});
