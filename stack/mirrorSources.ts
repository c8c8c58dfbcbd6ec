// Every mirrored source, in sync order, with the environment variable that points at its upstream
// and the simulator that serves it locally. `npm run sync` and the stack's scheduler read this
// list; an operator wired to the mirror adds its sources here (see docs/mirror.md, "Adding a
// mirrored source"). Sources that locate others (the company registry) go after those they locate.
import { fileURLToPath } from 'node:url';
import { loadPlaceIndex, type PlaceIndex } from '../kit/src/mirror/index.js';
import { loadPublicBodyLocator, type PublicBodyLocator } from '../kit/src/mirror/publicBodyLocator.js';
import type { SourceDefinition } from '../kit/src/mirror/sourceDefinition.js';
import {
  ademeAidSource,
  fondsVertSource,
  france2030Source,
  franceRelanceSource,
} from '../kit/src/mirror/sources.js';
import { readAdemeConfig } from '../subgraphs/ademe/src/config.js';
import { readBpifranceConfig } from '../subgraphs/bpifrance/src/config.js';
import { readEtatConfig } from '../subgraphs/etat/src/config.js';
import { readFranceTravailConfig } from '../subgraphs/france-travail/src/config.js';
import { OFFER_WINDOW_SOURCE } from '../subgraphs/france-travail/src/offerWindow.js';
import { bmoMirrorSource, offerWindowMirrorSource } from '../subgraphs/france-travail/src/start.js';
import { readBusinessFranceConfig } from '../subgraphs/business-france/src/config.js';
import {
  BUSINESS_FRANCE_WINDOW,
  businessFranceWindowSource,
} from '../subgraphs/business-france/src/window.js';
import { readDgefpConfig } from '../subgraphs/dgefp/src/config.js';
import { DGEFP_WINDOW, dgefpWindowSource } from '../subgraphs/dgefp/src/window.js';
import { readActionLogementConfig } from '../subgraphs/action-logement/src/config.js';
import {
  ACTION_LOGEMENT_WINDOW,
  actionLogementWindowSource,
} from '../subgraphs/action-logement/src/window.js';
import { readApecConfig } from '../subgraphs/apec/src/config.js';
import { APEC_WINDOW, apecWindowSource } from '../subgraphs/apec/src/window.js';
import { readVteConfig } from '../subgraphs/vte/src/config.js';
import { VTE_WINDOW, vteWindowSource } from '../subgraphs/vte/src/window.js';
import { readCaisseDesDepotsSource } from '../subgraphs/banque-des-territoires/src/config.js';
import {
  caisseDesDepotsSubsidySource,
  SUBSIDIES_SOURCE,
} from '../subgraphs/banque-des-territoires/src/subsidySource.js';

type Env = Record<string, string | undefined>;

/** What a mirrored source needs around it. */
export interface MirrorContext {
  /** SIREN → commune or EPCI (BANATIC), loaded once for every source that uses it. */
  publicBodies(): PublicBodyLocator;
  /** Communes by postcode and name (places France Relance projects in the locate step). */
  places(): PlaceIndex;
}

/** One mirrored source of the stack. */
export interface MirroredSource {
  /** Its name in sync_state, /ready and `npm run sync <name>`; equal to the definition's name. */
  name: string;
  /** The variable holding its upstream's base URL (unset: the simulator, as `npm start` does). */
  urlEnv: string;
  /** The stack service (stack/registry.ts) that simulates the upstream. */
  simulator: string;
  /** Builds the source from the environment (after urlEnv is set). */
  define(env: Env, context: MirrorContext): SourceDefinition;
  /**
   * False when the environment leaves the source out even with its upstream set (France 2030:
   * no dataset exists on the real portal); the source then syncs nothing. Always on when absent.
   */
  enabled?(env: Env): boolean;
  /**
   * Its records carry a SIREN but often no commune: the locate step (company registry,
   * RECHERCHE_ENTREPRISES_API_URL) runs right after its sync.
   */
  locate?: boolean;
}

/** The simulator of the company registry the locate step asks, and the variable pointing at it. */
export const REGISTRY_SERVICE = {
  urlEnv: 'RECHERCHE_ENTREPRISES_API_URL',
  simulator: 'recherche-entreprises',
};

/** Stands for the gateway secret when a sync reads an operator's settings without one. */
const NOT_SERVING = 'sync-only: this process serves no subgraph';

/**
 * The environment an operator's settings are read from for its sources. Those readers also check
 * what serving the subgraph needs (GATEWAY_SECRET); a sync serves nothing, so `npm run sync` on a
 * fresh machine must not ask for it.
 */
function forSources(env: Env): Env {
  return env.GATEWAY_SECRET ? env : { ...env, GATEWAY_SECRET: NOT_SERVING };
}

export const MIRRORED_SOURCES: MirroredSource[] = [
  {
    name: SUBSIDIES_SOURCE,
    urlEnv: 'CAISSE_DES_DEPOTS_API_URL',
    simulator: 'caisse-des-depots',
    define: (env, context) =>
      caisseDesDepotsSubsidySource(
        readCaisseDesDepotsSource(env),
        context.publicBodies(),
      ) as SourceDefinition,
  },
  {
    // Bpifrance's France Relance projects (economie.data.gouv.fr), then placed by the registry.
    name: 'france-relance',
    urlEnv: 'ECONOMIE_API_URL',
    simulator: 'economie',
    locate: true,
    define: (env) => {
      const config = readBpifranceConfig(forSources(env));
      return franceRelanceSource(config.upstream.baseUrl, config.franceRelanceDataset) as SourceDefinition;
    },
  },
  {
    // Bpifrance's illustrative France 2030 laureates: only a simulated portal serves them (no real
    // dataset exists). Their rows carry their commune: no locate step.
    name: 'france-2030',
    urlEnv: 'ECONOMIE_API_URL',
    simulator: 'economie',
    enabled: (env) => readBpifranceConfig(forSources(env)).france2030Dataset !== undefined,
    define: (env) => {
      const config = readBpifranceConfig(forSources(env));
      if (!config.france2030Dataset)
        throw new Error('france-2030: no dataset on this portal (set BPIFRANCE_FRANCE_2030_DATASET).');
      return france2030Source(config.upstream.baseUrl, config.france2030Dataset) as SourceDefinition;
    },
  },
  {
    name: 'ademe-aids',
    urlEnv: 'ADEME_API_URL',
    simulator: 'ademe-sim',
    define: (env) => {
      const config = readAdemeConfig(forSources(env));
      return ademeAidSource(config.baseUrl, config.datasetId) as SourceDefinition;
    },
  },
  {
    // The État's Fonds Vert file on the national portal's static host.
    name: 'fonds-vert',
    urlEnv: 'ETAT_API_URL',
    simulator: 'etat-sim',
    define: (env) => {
      const config = readEtatConfig(forSources(env));
      return fondsVertSource(`${config.staticBaseUrl}${config.fondsVertPath}`) as SourceDefinition;
    },
  },
  {
    // France Travail's BMO survey file.
    name: 'bmo',
    urlEnv: 'FRANCE_TRAVAIL_API_URL',
    simulator: 'france-travail-sim',
    define: (env) => {
      const bmo = bmoMirrorSource(readFranceTravailConfig(forSources(env)));
      if (!bmo) throw new Error('bmo: no BMO file URL (set FRANCE_TRAVAIL_BMO_URL).');
      return bmo;
    },
  },
  {
    // France Travail's offers of the programme's departments, re-read every
    // FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL (10 minutes by default; 0 leaves the window out and
    // offers are read live at query time).
    name: OFFER_WINDOW_SOURCE,
    urlEnv: 'FRANCE_TRAVAIL_API_URL',
    simulator: 'france-travail-sim',
    enabled: (env) => readFranceTravailConfig(forSources(env)).offersSyncIntervalMs > 0,
    define: (env) => {
      const window = offerWindowMirrorSource(readFranceTravailConfig(forSources(env)));
      if (!window) throw new Error(`${OFFER_WINDOW_SOURCE}: FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL is 0.`);
      return window;
    },
  },
  // The live operators' windows: their records of the programme's places, re-read every
  // <PREFIX>_WINDOW_SYNC_INTERVAL (15 minutes by default; 0 leaves a window out: its reads are live).
  operatorWindow('VTE', VTE_WINDOW.source, 'vte-sim', (env) => vteWindowSource(readVteConfig(env))),
  operatorWindow('BUSINESS_FRANCE', BUSINESS_FRANCE_WINDOW.source, 'business-france-sim', (env) =>
    businessFranceWindowSource(readBusinessFranceConfig(env)),
  ),
  operatorWindow('DGEFP', DGEFP_WINDOW.source, 'dgefp-sim', (env) => dgefpWindowSource(readDgefpConfig(env))),
  operatorWindow('ACTION_LOGEMENT', ACTION_LOGEMENT_WINDOW.source, 'action-logement-sim', (env) =>
    actionLogementWindowSource(readActionLogementConfig(env)),
  ),
  operatorWindow('APEC', APEC_WINDOW.source, 'apec-sim', (env) => apecWindowSource(readApecConfig(env))),
];

/**
 * An operator's window as a mirrored source: its upstream is `<prefix>_API_URL`, and it is left
 * out when `<prefix>_WINDOW_SYNC_INTERVAL` is 0 (`define` then answers undefined).
 */
function operatorWindow(
  prefix: string,
  name: string,
  simulator: string,
  define: (env: Env) => SourceDefinition | undefined,
): MirroredSource {
  return {
    name,
    urlEnv: `${prefix}_API_URL`,
    simulator,
    enabled: (env) => define(forSources(env)) !== undefined,
    define: (env) => {
      const source = define(forSources(env));
      if (!source) throw new Error(`${name}: ${prefix}_WINDOW_SYNC_INTERVAL is 0.`);
      return source;
    },
  };
}

const GEO_DIR = fileURLToPath(new URL('../data/geo', import.meta.url));

/** A context whose lookups load on first use and are then kept. */
export function mirrorContext(env: Env): MirrorContext {
  let locator: PublicBodyLocator | undefined;
  let places: PlaceIndex | undefined;
  return {
    publicBodies: () => (locator ??= loadPublicBodyLocator(env.GEO_DIR || GEO_DIR)),
    places: () => (places ??= loadPlaceIndex(env.GEO_DIR || GEO_DIR)),
  };
}

/** Whether `entry` syncs under `env` (its upstream URL must be set as well). */
export function isEnabled(entry: MirroredSource, env: Env): boolean {
  return entry.enabled?.(env) ?? true;
}

/** The named sources (every one when `names` is empty); throws naming the unknown ones. */
export function selectMirroredSources(names: readonly string[]): MirroredSource[] {
  if (names.length === 0) return MIRRORED_SOURCES;
  const unknown = names.filter((n) => !MIRRORED_SOURCES.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown mirrored source(s): ${unknown.join(', ')}. Known: ${MIRRORED_SOURCES.map((s) => s.name).join(', ')}.`,
    );
  }
  return MIRRORED_SOURCES.filter((s) => names.includes(s.name));
}
