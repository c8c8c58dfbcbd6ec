// Entry point: serves the ADEME data-fair simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readAdemeSimulatorConfig } from './config.js';
import { startAdemeSimulator } from './start.js';

runMain('ademe simulator', async () => {
  const running = await startAdemeSimulator(readAdemeSimulatorConfig());
  console.log(`ADEME data-fair simulator ready at ${running.url}`);
});
