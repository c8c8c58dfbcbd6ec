// Configuration of the ademe subgraph: the only place it reads the environment.
import { readInt, readString, readSubgraphBasics } from '../../../kit/src/env.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';
import type { AidColumns } from './ademeRecords.js';
import type { AdemeDatasets } from './ademeClient.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'ademe';

/** Settings of the ademe subgraph. */
export interface AdemeConfig {
  port: number;
  host: string;
  /** The data-fair portal (data.ademe.fr in production; its simulator by default). */
  upstream: UpstreamSettings;
  datasets: AdemeDatasets;
  aidColumns: AidColumns;
  pageSize: number;
  valuesPerCall: number;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/**
 * Reads ADEME_PORT, ADEME_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, ADEME_AIDS_DATASET,
 * ADEME_ENVELOPES_DATASET, ADEME_PROJECTS_DATASET, ADEME_SIREN_COLUMN, ADEME_COMMUNE_COLUMN,
 * ADEME_PAGE_SIZE, ADEME_VALUES_PER_CALL, ADEME_BREAKER_FAILURES/_BREAKER_RESET_MS, CACHE_URL.
 */
export function readAdemeConfig(env: Record<string, string | undefined> = process.env): AdemeConfig {
  return {
    ...readSubgraphBasics(env, 'ADEME_PORT', 4004),
    upstream: readUpstreamSettings(env, 'ADEME', {
      baseUrl: 'http://localhost:4104',
      // The aid file is republished a few times a year: an hour of cache is plenty fresh.
      cacheTtlMs: 3_600_000,
      // The portal throttles past about 20 calls a second.
      minIntervalMs: 55,
    }),
    datasets: {
      aids: readString(env, 'ADEME_AIDS_DATASET', 'les-aides-financieres-de-l-ademe'),
      envelopes: readString(env, 'ADEME_ENVELOPES_DATASET', 'fonds-vert-tite-enveloppes'),
      projects: readString(env, 'ADEME_PROJECTS_DATASET', 'fonds-vert-tite-projets'),
    },
    aidColumns: {
      siren: readString(env, 'ADEME_SIREN_COLUMN', 'sirenBeneficiaire'),
      commune: readString(env, 'ADEME_COMMUNE_COLUMN', 'codeCommuneBeneficiaire'),
    },
    pageSize: readInt(env, 'ADEME_PAGE_SIZE', 1_000, 1),
    valuesPerCall: readInt(env, 'ADEME_VALUES_PER_CALL', 100, 1),
    breaker: readBreakerSettings(env, 'ADEME'),
  };
}
