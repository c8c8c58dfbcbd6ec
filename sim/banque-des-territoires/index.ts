// Entry point: serves the simulated Caisse des Dépôts portal alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readBanqueDesTerritoiresSimulatorConfig } from './config.js';
import { startBanqueDesTerritoiresSimulator } from './start.js';

runMain('caisse-des-depots simulator', async () => {
  const running = await startBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig());
  console.log(`caisse-des-depots simulator (Opendatasoft Explore v2.1) ready at ${running.url}`);
});
