// Entry point: serves the Apec simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readApecSimulatorConfig } from './config.js';
import { startApecSimulator } from './start.js';

runMain('apec simulator', async () => {
  const running = await startApecSimulator(readApecSimulatorConfig());
  console.log(`Apec simulator ready at ${running.url}`);
});
