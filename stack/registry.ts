// Every service `npm start` runs, in start order: upstream simulators, then subgraphs.
// `npm run subgraph:new` appends to this list. Each entry starts the service from an
// environment, exactly as its own index.ts does.
import type { RunningServer } from '../kit/src/listen.js';
import { readTerritoriesConfig } from '../subgraphs/territories/src/config.js';
import { startTerritories } from '../subgraphs/territories/src/start.js';

type Env = Record<string, string | undefined>;

/** One service of the stack. */
export interface ServiceDefinition {
  name: string;
  kind: 'simulator' | 'subgraph';
  /** Environment variable holding its port, and the port `npm start` gives it by default. */
  portEnv: string;
  defaultPort: number;
  /** Simulators only: the variable through which subgraphs find this upstream (skip the simulator when set). */
  urlEnv?: string;
  start(env: Env): Promise<RunningServer>;
}

export const SERVICES: ServiceDefinition[] = [
  {
    name: 'territories',
    kind: 'subgraph',
    portEnv: 'TERRITORIES_PORT',
    defaultPort: 4001,
    start: (env) => startTerritories(readTerritoriesConfig(env)),
  },
];
