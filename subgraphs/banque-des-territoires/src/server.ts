// The banque-des-territoires subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import type { MirrorHandle } from '../../../kit/src/mirror/sharedMirror.js';
import { describeSource } from '../../../kit/src/provenance.js';
import type { Geography } from '../../../kit/src/reference/programme.js';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { BanqueDesTerritoiresClient } from './banqueDesTerritoiresClient.js';
import { CAISSE_DES_DEPOTS_PORTAL, type CaisseDesDepotsSourceSettings } from './config.js';
import type { BanqueDesTerritoiresContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the banque-des-territoires subgraph. */
export function createBanqueDesTerritoiresServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<BanqueDesTerritoiresContext>({
    name: 'banque-des-territoires',
    schemaPath: SCHEMA_PATH,
    resolvers,
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** What every request's context is built from. */
export interface BanqueDesTerritoiresDeps {
  mirror: MirrorHandle;
  geography: Geography;
  source: CaisseDesDepotsSourceSettings;
}

/** Makes a context factory: one client for the service, fresh loaders per request. */
export function banqueDesTerritoiresContexts(deps: BanqueDesTerritoiresDeps) {
  const client = new BanqueDesTerritoiresClient(deps.mirror, deps.geography);
  const dataset = deps.source.subsidiesDataset;
  const description = {
    publisher: 'Caisse des Dépôts',
    dataset,
    url: `${CAISSE_DES_DEPOTS_PORTAL}/explore/dataset/${encodeURIComponent(dataset)}/`,
    realBaseUrl: CAISSE_DES_DEPOTS_PORTAL,
  };
  const generatedSource = {
    publisher: 'Territoires Graph (generated: no open data on Écoles de production)',
    dataset: 'ecoles-de-production (generated)',
    url: 'https://www.ecoles-de-production.com/',
    retrievedAt: null,
    illustrative: true,
  };
  return (requestId?: string): BanqueDesTerritoiresContext => ({
    client,
    loaders: createLoaders(client),
    geography: deps.geography,
    subsidySource: (retrievedAt) => describeSource(description, deps.source.baseUrl, retrievedAt),
    generatedSource,
    requestId,
  });
}
