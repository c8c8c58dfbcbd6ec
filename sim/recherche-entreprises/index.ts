// Entry point: serves the simulated API Recherche d'entreprises alone, configured by the environment.
import { runMain } from '../../kit/src/env.js';
import { readRechercheEntreprisesSimulatorConfig } from './config.js';
import { startRechercheEntreprisesSimulator } from './start.js';

runMain('recherche-entreprises simulator', async () => {
  const running = await startRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig());
  console.log(`recherche-entreprises simulator (GET /search) ready at ${running.url}`);
});
