// Configuration of the france-travail subgraph: the only place it reads the environment.
import {
  ConfigError,
  readBool,
  readInt,
  readString,
  readSubgraphBasics,
  readUrl,
} from '../../../kit/src/env.js';
import { readDuration } from '../../../kit/src/mirror/mirrorSettings.js';
import { DEFAULT_PROGRAMME_FILE } from '../../../kit/src/reference/programmeCommunes.js';
import {
  SIMULATED_CLIENT_ID,
  SIMULATED_CLIENT_SECRET,
} from '../../../kit/src/reference/franceTravailCredentials.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'france-travail';

/** The real hosts: the partner APIs, the token endpoint, and the BMO open-data resource. */
export const REAL_API_URL = 'https://api.francetravail.io';
export const REAL_AUTH_URL = 'https://entreprise.francetravail.fr';
/** data.gouv.fr resource of the BMO 2024 file (a zip holding the XLSX, not a CSV: see the README). */
export const REAL_BMO_RESOURCE_URL =
  'https://www.data.gouv.fr/fr/datasets/r/4319f5e8-a8e6-476c-8da0-c0d3439ebb55';
/** Where the simulator (and any host serving a CSV rendering of the file) puts the BMO CSV. */
export const BMO_CSV_PATH = '/open-data/bmo/Base_open_data_BMO_2024.csv';
/** Both APIs' scopes: Offres d'emploi v2, and Marché du travail (which needs its second half too). */
export const DEFAULT_SCOPE =
  'api_offresdemploiv2 o2dsoffre api_stats-offres-demandes-emploiv1 offresetdemandesemploi';

/** Settings of the france-travail subgraph. */
export interface FranceTravailConfig {
  port: number;
  host: string;
  /** The partner API host (api.francetravail.io by default; the stack points it at the simulator). */
  upstream: UpstreamSettings;
  /** The token host (entreprise.francetravail.fr with the real API host; else the API host). */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** INSEE codes per search call, when a department is too big to read whole (> 3,150 offers). */
  communesPerCall: number;
  /**
   * Time one request may spend reading offers live; past it the answer holds what was read and a
   * PARTIAL_RESULT error. Below the gateway's SUBGRAPH_TIMEOUT_MS so the subgraph answers first.
   */
  budgetMs: number;
  /** CSV of the BMO open data the mirror syncs; undefined when none can be derived (real host). */
  bmoUrl?: string;
  /** Sync the BMO file into the mirror at start when it was never synced. */
  bmoSyncOnStart: boolean;
  /**
   * Time between two syncs of the offer window (the programme's departments' offers in the
   * mirror); 0 turns the window off: offers are then read live at query time only.
   */
  offersSyncIntervalMs: number;
  /** Oldest window a query still reads; past it (or before a first sync) offers are read live. */
  offersMaxAgeMs: number;
  /** The programme dataset: its communes say which departments the window holds. */
  programmeFile: string;
  /**
   * Keep the window synced from this process (SYNC_ON_START, on when the subgraph runs alone);
   * `npm start` turns it off here, its own scheduler syncing every source.
   */
  offersSyncHere: boolean;
  /** The mirror store: PostgreSQL when set, else the embedded SQLite file. */
  databaseUrl?: string;
  mirrorFile?: string;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/**
 * Reads FRANCE_TRAVAIL_PORT, FRANCE_TRAVAIL_API_URL/_AUTH_URL/_CLIENT_ID/_CLIENT_SECRET/_SCOPE,
 * FRANCE_TRAVAIL_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS/_COMMUNES_PER_CALL/_BUDGET_MS/_BMO_URL/
 * _BMO_SYNC_ON_START/_OFFERS_SYNC_INTERVAL/_OFFERS_MAX_AGE/_BREAKER_FAILURES/_BREAKER_RESET_MS,
 * SUBGRAPH_TIMEOUT_MS, PROGRAMME_FILE, SYNC_ON_START, DATABASE_URL, MIRROR_FILE, CACHE_URL.
 */
export function readFranceTravailConfig(
  env: Record<string, string | undefined> = process.env,
): FranceTravailConfig {
  const upstream = readUpstreamSettings(env, 'FRANCE_TRAVAIL', {
    baseUrl: REAL_API_URL,
    // Offers come and go during the day: ten minutes of cache.
    cacheTtlMs: 600_000,
    // The API allows 10 calls a second over a sliding second; 8 a second leaves room for the
    // jitter of a busy host (at 110 ms apart, bunched arrivals were throttled under load).
    minIntervalMs: 125,
  });
  const real = sameOrigin(upstream.baseUrl, REAL_API_URL);
  const clientId = readString(env, 'FRANCE_TRAVAIL_CLIENT_ID', SIMULATED_CLIENT_ID);
  const clientSecret = readString(env, 'FRANCE_TRAVAIL_CLIENT_SECRET', SIMULATED_CLIENT_SECRET);
  if (real && (clientId === SIMULATED_CLIENT_ID || clientSecret === SIMULATED_CLIENT_SECRET)) {
    throw new ConfigError(
      `FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET are required with ${REAL_API_URL}: ` +
        'create an application on francetravail.io and subscribe it to "Offres d\'emploi v2" and "Marché du travail".',
    );
  }
  const subgraphTimeoutMs = readInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1);
  const budgetMs = readInt(env, 'FRANCE_TRAVAIL_BUDGET_MS', Math.floor(subgraphTimeoutMs * 0.8), 1);
  if (budgetMs >= subgraphTimeoutMs) {
    throw new ConfigError(
      `FRANCE_TRAVAIL_BUDGET_MS (${budgetMs}) must be below SUBGRAPH_TIMEOUT_MS (${subgraphTimeoutMs}), ` +
        'so the subgraph answers with what it has before the gateway gives up on it.',
    );
  }
  return {
    ...readSubgraphBasics(env, 'FRANCE_TRAVAIL_PORT', 4005),
    upstream,
    authUrl:
      readUrl(env, 'FRANCE_TRAVAIL_AUTH_URL', real ? REAL_AUTH_URL : upstream.baseUrl) ?? upstream.baseUrl,
    clientId,
    clientSecret,
    scope: readString(env, 'FRANCE_TRAVAIL_SCOPE', DEFAULT_SCOPE),
    communesPerCall: readInt(env, 'FRANCE_TRAVAIL_COMMUNES_PER_CALL', 50, 1),
    budgetMs,
    // The published BMO file is an XLSX in a zip, which the mirror's CSV reader cannot read: with
    // the real host, a CSV rendering must be named explicitly.
    bmoUrl: readUrl(env, 'FRANCE_TRAVAIL_BMO_URL', real ? undefined : `${upstream.baseUrl}${BMO_CSV_PATH}`),
    bmoSyncOnStart: readBool(env, 'FRANCE_TRAVAIL_BMO_SYNC_ON_START', true),
    offersSyncIntervalMs: readDuration(env, 'FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL', '10m'),
    offersMaxAgeMs: readDuration(env, 'FRANCE_TRAVAIL_OFFERS_MAX_AGE', '30m'),
    programmeFile: readString(env, 'PROGRAMME_FILE', DEFAULT_PROGRAMME_FILE),
    offersSyncHere: readBool(env, 'SYNC_ON_START', true),
    databaseUrl: env.DATABASE_URL || undefined,
    mirrorFile: env.MIRROR_FILE || undefined,
    breaker: readBreakerSettings(env, 'FRANCE_TRAVAIL'),
  };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
