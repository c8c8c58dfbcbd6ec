// Per-request DataLoaders of the bpifrance subgraph, made by one factory. Every territory (or
// company) of a query asks in the same tick: one batch is ONE SQL query on the mirror for France
// Relance, and `in (…)` lists on the portal for the illustrative France 2030 laureates.
import DataLoader from 'dataloader';
import type { TerritoryCommunes } from '../../../kit/src/mirror/index.js';
import { describeSource, type SourceInfo } from '../../../kit/src/provenance.js';
import type { OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import { fromFrance2030, fromFranceRelance, type AidValue } from './aid.js';
import type { BpifranceClient, France2030Record } from './bpifranceClient.js';
import type { BpifranceMirror, MeasureCount, ProjectsFreshness } from './bpifranceMirror.js';
import { OPERATOR_ID, REAL_BASE_URL } from './config.js';

/** Where the subgraph reads: the mirror always, the France 2030 client when configured. */
export interface BpifranceSources {
  mirror: BpifranceMirror;
  france2030?: { client: BpifranceClient; baseUrl: string };
}

/** The loaders one request uses. */
export interface Loaders {
  /** France Relance projects (the mirror) and illustrative France 2030 laureates (the portal), apart. */
  projectsByCommune: DataLoader<string, AidValue[]>;
  laureatesByCommune: DataLoader<string, AidValue[]>;
  projectsBySiren: DataLoader<string, AidValue[]>;
  laureatesBySiren: DataLoader<string, AidValue[]>;
  /** France Relance counts per measure, keyed by territory id (the communes travel with the key). */
  measureCountsByTerritory: DataLoader<TerritoryCommunes, MeasureCount[], string>;
  unlocatedByDepartment: DataLoader<string, number>;
  /** Read once per request: every `source` of the answer says the same sync. */
  freshness: () => Promise<ProjectsFreshness>;
  /** The France 2030 source, or null when none is configured. */
  france2030Source: SourceInfo | null;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(sources: BpifranceSources, stale: StaleCollector, requestId?: string): Loaders {
  const { mirror, france2030 } = sources;
  let freshness: Promise<ProjectsFreshness> | undefined;
  const readFreshness = () => (freshness ??= mirror.freshness());
  // The live read is timestamped when it is made (or when the cached copy was).
  const france2030Source = (since?: string): SourceInfo =>
    describeSource(
      {
        publisher: 'Bpifrance (France 2030), illustrative: no open dataset of the laureates exists',
        dataset: france2030!.client.datasetId,
        url: `${REAL_BASE_URL}/explore/?q=france+2030`,
        realBaseUrl: REAL_BASE_URL,
      },
      france2030!.baseUrl,
      since ?? new Date().toISOString(),
    );
  const laureates = async (
    keys: readonly string[],
    read: (c: BpifranceClient) => Promise<OdsRecords<France2030Record>>,
    keyOf: (r: France2030Record) => string,
  ): Promise<AidValue[][]> => {
    if (!france2030) return keys.map(() => []);
    const found = await read(france2030.client);
    if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
    const source = france2030Source(found.since);
    return group(keys, found.records, keyOf).map((list) => list.map((r) => fromFrance2030(r, source)));
  };
  return {
    projectsByCommune: new DataLoader(async (communes) => {
      const [projects, { source }] = await Promise.all([mirror.projectsByCommune(communes), readFreshness()]);
      return projects.map((rows) => rows.map((row) => fromFranceRelance(row, source)));
    }),
    laureatesByCommune: new DataLoader((communes) =>
      laureates(
        communes,
        (c) => c.laureatesInCommunes(communes, requestId),
        (r) => r.communeCode,
      ),
    ),
    projectsBySiren: new DataLoader(async (sirens) => {
      const [projects, { source }] = await Promise.all([mirror.projectsBySiren(sirens), readFreshness()]);
      return projects.map((rows) => rows.map((row) => fromFranceRelance(row, source)));
    }),
    laureatesBySiren: new DataLoader((sirens) =>
      laureates(
        sirens,
        (c) => c.laureatesOfCompanies(sirens, requestId),
        (r) => r.siren,
      ),
    ),
    measureCountsByTerritory: new DataLoader((territories) => mirror.measureCounts(territories), {
      cacheKeyFn: (t) => t.key,
    }),
    unlocatedByDepartment: new DataLoader((departments) => mirror.unlocatedByDepartment(departments)),
    freshness: readFreshness,
    france2030Source: france2030 ? france2030Source() : null,
  };
}

function group<T>(keys: readonly string[], records: readonly T[], keyOf: (r: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
