// Entry point: serves the VTE simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readVteSimulatorConfig } from './config.js';
import { startVteSimulator } from './start.js';

runMain('vte simulator', async () => {
  const running = await startVteSimulator(readVteSimulatorConfig());
  console.log(`VTE simulator (VIE-like search) ready at ${running.url}`);
});
