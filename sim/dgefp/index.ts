// Entry point: serves the Dgefp simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readDgefpSimulatorConfig } from './config.js';
import { startDgefpSimulator } from './start.js';

runMain('dgefp simulator', async () => {
  const running = await startDgefpSimulator(readDgefpSimulatorConfig());
  console.log(`Dgefp simulator ready at ${running.url}`);
});
