// Entry point: serves the ADEME data-fair simulator alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readAdemeSimConfig } from './config.js';
import { startAdemeSim } from './start.js';

runMain('ademe simulator', async () => {
  const running = await startAdemeSim(readAdemeSimConfig());
  console.log(`ADEME data-fair simulator ready at ${running.url}`);
});
