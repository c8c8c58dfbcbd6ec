// Every service `npm start` runs, in start order: upstream simulators, then subgraphs.
// `npm run subgraph:new` appends to this list. Each entry starts the service from an
// environment, exactly as its own index.ts does.
import type { RunningServer } from '../kit/src/listen.js';
import { readTerritoriesConfig } from '../subgraphs/territories/src/config.js';
import { startTerritories } from '../subgraphs/territories/src/start.js';
import { readBanqueDesTerritoiresConfig } from '../subgraphs/banque-des-territoires/src/config.js';
import { startBanqueDesTerritoires } from '../subgraphs/banque-des-territoires/src/start.js';
import { readBpifranceConfig } from '../subgraphs/bpifrance/src/config.js';
import { startBpifrance } from '../subgraphs/bpifrance/src/start.js';
import { readBanqueDesTerritoiresSimulatorConfig } from '../sim/banque-des-territoires/config.js';
import { startBanqueDesTerritoiresSimulator } from '../sim/banque-des-territoires/start.js';
import { readBpifranceSimulatorConfig } from '../sim/bpifrance/config.js';
import { readRechercheEntreprisesSimulatorConfig } from '../sim/recherche-entreprises/config.js';
import { startRechercheEntreprisesSimulator } from '../sim/recherche-entreprises/start.js';
import { startBpifranceSimulator } from '../sim/bpifrance/start.js';
import { readBusinessFranceConfig } from '../subgraphs/business-france/src/config.js';
import { startBusinessFrance } from '../subgraphs/business-france/src/start.js';
import { readBusinessFranceSimulatorConfig } from '../sim/business-france/config.js';
import { startBusinessFranceSimulator } from '../sim/business-france/start.js';
import { readAdemeSimulatorConfig } from '../sim/ademe/config.js';
import { startAdemeSimulator } from '../sim/ademe/start.js';
import { readAdemeConfig } from '../subgraphs/ademe/src/config.js';
import { startAdeme } from '../subgraphs/ademe/src/start.js';
import { readFranceTravailSimulatorConfig } from '../sim/france-travail/config.js';
import { startFranceTravailSimulator } from '../sim/france-travail/start.js';
import { readFranceTravailConfig } from '../subgraphs/france-travail/src/config.js';
import { startFranceTravail } from '../subgraphs/france-travail/src/start.js';
import { readVteSimulatorConfig } from '../sim/vte/config.js';
import { startVteSimulator } from '../sim/vte/start.js';
import { readVteConfig } from '../subgraphs/vte/src/config.js';
import { startVte } from '../subgraphs/vte/src/start.js';
import { readEtatSimulatorConfig } from '../sim/etat/config.js';
import { startEtatSimulator } from '../sim/etat/start.js';
import { readEtatConfig } from '../subgraphs/etat/src/config.js';
import { startEtat } from '../subgraphs/etat/src/start.js';
import { readDgefpSimulatorConfig } from '../sim/dgefp/config.js';
import { startDgefpSimulator } from '../sim/dgefp/start.js';
import { readDgefpConfig } from '../subgraphs/dgefp/src/config.js';
import { startDgefp } from '../subgraphs/dgefp/src/start.js';
import { readApecSimulatorConfig } from '../sim/apec/config.js';
import { startApecSimulator } from '../sim/apec/start.js';
import { readApecConfig } from '../subgraphs/apec/src/config.js';
import { startApec } from '../subgraphs/apec/src/start.js';
import { readActionLogementSimulatorConfig } from '../sim/action-logement/config.js';
import { startActionLogementSimulator } from '../sim/action-logement/start.js';
import { readActionLogementConfig } from '../subgraphs/action-logement/src/config.js';
import { startActionLogement } from '../subgraphs/action-logement/src/start.js';

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
  {
    // The company registry that places mirrored records by SIREN: before every subgraph that syncs.
    name: 'recherche-entreprises',
    kind: 'simulator',
    portEnv: 'SIM_RECHERCHE_ENTREPRISES_PORT',
    defaultPort: 4120,
    urlEnv: 'RECHERCHE_ENTREPRISES_API_URL',
    start: (env) => startRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig(env)),
  },
  {
    name: 'caisse-des-depots',
    kind: 'simulator',
    portEnv: 'SIM_CAISSE_DES_DEPOTS_PORT',
    defaultPort: 4102,
    urlEnv: 'CAISSE_DES_DEPOTS_API_URL',
    start: (env) => startBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig(env)),
  },
  {
    name: 'banque-des-territoires',
    kind: 'subgraph',
    portEnv: 'BANQUE_DES_TERRITOIRES_PORT',
    defaultPort: 4002,
    start: (env) => startBanqueDesTerritoires(readBanqueDesTerritoiresConfig(env)),
  },
  {
    name: 'economie',
    kind: 'simulator',
    portEnv: 'SIM_ECONOMIE_PORT',
    defaultPort: 4103,
    urlEnv: 'ECONOMIE_API_URL',
    start: (env) => startBpifranceSimulator(readBpifranceSimulatorConfig(env)),
  },
  {
    name: 'bpifrance',
    kind: 'subgraph',
    portEnv: 'BPIFRANCE_PORT',
    defaultPort: 4003,
    start: (env) => startBpifrance(readBpifranceConfig(env)),
  },
  {
    name: 'business-france-sim',
    kind: 'simulator',
    portEnv: 'SIM_BUSINESS_FRANCE_PORT',
    defaultPort: 4106,
    urlEnv: 'BUSINESS_FRANCE_API_URL',
    start: (env) => startBusinessFranceSimulator(readBusinessFranceSimulatorConfig(env)),
  },
  {
    name: 'business-france',
    kind: 'subgraph',
    portEnv: 'BUSINESS_FRANCE_PORT',
    defaultPort: 4006,
    start: (env) => startBusinessFrance(readBusinessFranceConfig(env)),
  },
  {
    name: 'ademe-sim',
    kind: 'simulator',
    portEnv: 'SIM_ADEME_PORT',
    defaultPort: 4104,
    urlEnv: 'ADEME_API_URL',
    start: (env) => startAdemeSimulator(readAdemeSimulatorConfig(env)),
  },
  {
    name: 'ademe',
    kind: 'subgraph',
    portEnv: 'ADEME_PORT',
    defaultPort: 4004,
    start: (env) => startAdeme(readAdemeConfig(env)),
  },
  {
    name: 'france-travail-sim',
    kind: 'simulator',
    portEnv: 'SIM_FRANCE_TRAVAIL_PORT',
    defaultPort: 4105,
    urlEnv: 'FRANCE_TRAVAIL_API_URL',
    start: (env) => startFranceTravailSimulator(readFranceTravailSimulatorConfig(env)),
  },
  {
    name: 'france-travail',
    kind: 'subgraph',
    portEnv: 'FRANCE_TRAVAIL_PORT',
    defaultPort: 4005,
    start: (env) => startFranceTravail(readFranceTravailConfig(env)),
  },
  {
    name: 'vte-sim',
    kind: 'simulator',
    portEnv: 'SIM_VTE_PORT',
    defaultPort: 4107,
    urlEnv: 'VTE_API_URL',
    start: (env) => startVteSimulator(readVteSimulatorConfig(env)),
  },
  {
    name: 'vte',
    kind: 'subgraph',
    portEnv: 'VTE_PORT',
    defaultPort: 4007,
    start: (env) => startVte(readVteConfig(env)),
  },
  {
    name: 'etat-sim',
    kind: 'simulator',
    portEnv: 'SIM_ETAT_PORT',
    defaultPort: 4108,
    urlEnv: 'ETAT_API_URL',
    start: (env) => startEtatSimulator(readEtatSimulatorConfig(env)),
  },
  {
    name: 'etat',
    kind: 'subgraph',
    portEnv: 'ETAT_PORT',
    defaultPort: 4008,
    start: (env) => startEtat(readEtatConfig(env)),
  },
  {
    name: 'dgefp-sim',
    kind: 'simulator',
    portEnv: 'SIM_DGEFP_PORT',
    defaultPort: 4111,
    urlEnv: 'DGEFP_API_URL',
    start: (env) => startDgefpSimulator(readDgefpSimulatorConfig(env)),
  },
  {
    name: 'dgefp',
    kind: 'subgraph',
    portEnv: 'DGEFP_PORT',
    defaultPort: 4011,
    start: (env) => startDgefp(readDgefpConfig(env)),
  },
  {
    name: 'apec-sim',
    kind: 'simulator',
    portEnv: 'SIM_APEC_PORT',
    defaultPort: 4109,
    urlEnv: 'APEC_API_URL',
    start: (env) => startApecSimulator(readApecSimulatorConfig(env)),
  },
  {
    name: 'apec',
    kind: 'subgraph',
    portEnv: 'APEC_PORT',
    defaultPort: 4009,
    start: (env) => startApec(readApecConfig(env)),
  },
  {
    name: 'action-logement-sim',
    kind: 'simulator',
    portEnv: 'SIM_ACTION_LOGEMENT_PORT',
    defaultPort: 4110,
    urlEnv: 'ACTION_LOGEMENT_API_URL',
    start: (env) => startActionLogementSimulator(readActionLogementSimulatorConfig(env)),
  },
  {
    name: 'action-logement',
    kind: 'subgraph',
    portEnv: 'ACTION_LOGEMENT_PORT',
    defaultPort: 4010,
    start: (env) => startActionLogement(readActionLogementConfig(env)),
  },
];
