// Configuration of the bpifrance subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import { readUpstreamSettings, type UpstreamSettings } from '../../../kit/src/upstreamSettings.js';

/** Settings of the bpifrance subgraph. */
export interface BpifranceConfig {
  port: number;
  host: string;
  /** The economy ministry's Opendatasoft portal (its simulator by default). */
  upstream: UpstreamSettings;
  /** Opendatasoft API key for the portal; anonymous calls when absent. */
  apiKey?: string;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads BPIFRANCE_PORT, ECONOMIE_API_URL/_API_KEY/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, CACHE_URL. */
export function readBpifranceConfig(env: Record<string, string | undefined> = process.env): BpifranceConfig {
  return {
    ...readSubgraphBasics(env, 'BPIFRANCE_PORT', 4003),
    // Laureate lists are republished a few times a year: an hour of cache loses nothing.
    upstream: readUpstreamSettings(env, 'ECONOMIE', {
      baseUrl: 'http://localhost:4103',
      cacheTtlMs: 3_600_000,
      // The simulated portal allows 20 calls a second; stay just under it.
      minIntervalMs: 55,
    }),
    apiKey: env.ECONOMIE_API_KEY || undefined,
  };
}
