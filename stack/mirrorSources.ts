// Every mirrored source, in sync order, with the environment variable that points at its upstream
// and the simulator that serves it locally. `npm run sync` and the stack's scheduler read this
// list; an operator wired to the mirror adds its sources here (see docs/mirror.md, "Adding a
// mirrored source"). Sources that locate others (the company registry) go after those they locate.
import { fileURLToPath } from 'node:url';
import { loadPublicBodyLocator, type PublicBodyLocator } from '../kit/src/mirror/publicBodyLocator.js';
import type { SourceDefinition } from '../kit/src/mirror/sourceDefinition.js';
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
];

const GEO_DIR = fileURLToPath(new URL('../data/geo', import.meta.url));

/** A context whose lookups load on first use and are then kept. */
export function mirrorContext(env: Env): MirrorContext {
  let locator: PublicBodyLocator | undefined;
  return { publicBodies: () => (locator ??= loadPublicBodyLocator(env.GEO_DIR || GEO_DIR)) };
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
