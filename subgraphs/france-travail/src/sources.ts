// What France Travail publishes that this subgraph reads, for `source` (kit/src/provenance.ts):
// values are marked illustrative unless read from the real host.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { REAL_API_URL, REAL_BMO_RESOURCE_URL } from './config.js';

/** Offres d'emploi v2: live, read at query time. */
export const OFFERS_DATASET: DatasetDescription = {
  publisher: 'France Travail',
  dataset: "Offres d'emploi v2",
  url: `${REAL_API_URL}/partenaire/offresdemploi/v2/offres/search`,
  realBaseUrl: REAL_API_URL,
};

/** Marché du travail (stats-offres-demandes-emploi v1): documented shape only. */
export const INDICATORS_DATASET: DatasetDescription = {
  publisher: 'France Travail',
  dataset: 'Marché du travail (stats-offres-demandes-emploi v1)',
  url: `${REAL_API_URL}/partenaire/stats-offres-demandes-emploi/v1/indicateur/`,
  realBaseUrl: REAL_API_URL,
};

/** BMO 2024 open data, mirrored. */
export const BMO_DATASET: DatasetDescription = {
  publisher: 'France Travail',
  dataset: 'Base_open_data_BMO_2024 (data.gouv.fr resource 4319f5e8-a8e6-476c-8da0-c0d3439ebb55)',
  url: REAL_BMO_RESOURCE_URL,
  realBaseUrl: 'https://www.data.gouv.fr',
};

/** Where this subgraph reads each source from, to tell real from illustrative. */
export interface SourceLocations {
  apiUrl: string;
  bmoUrl?: string;
}

/** The `source` of one of the three datasets, read at `retrievedAt`. */
export function sourceOf(
  dataset: DatasetDescription,
  configuredUrl: string | undefined,
  retrievedAt: string | null,
): SourceInfo {
  return describeSource(dataset, configuredUrl ?? '', retrievedAt);
}
