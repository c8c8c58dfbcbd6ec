// Entry point: serves the VTE simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readVteSimConfig } from './config.js';
import { startVteSim } from './start.js';

runMain('vte simulator', async () => {
  const running = await startVteSim(readVteSimConfig());
  console.log(`VTE simulator (VIE-like search) ready at ${running.url}`);
});
