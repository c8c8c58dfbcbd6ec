// What every banque-des-territoires resolver receives.
import type { Geography } from '../../../kit/src/reference/programme.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import type { BanqueDesTerritoiresClient } from './banqueDesTerritoiresClient.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the banque-des-territoires subgraph. */
export interface BanqueDesTerritoiresContext {
  client: BanqueDesTerritoiresClient;
  loaders: Loaders;
  geography: Geography;
  /** The subsidies' provenance, with the last successful sync as `retrievedAt`. */
  subsidySource(retrievedAt: string | null): SourceInfo;
  /** The provenance of generated values (Écoles de production). */
  generatedSource: SourceInfo;
  requestId?: string;
}
