// Per-request DataLoaders of the bpifrance subgraph, made by one factory. Every territory (or
// company) of a query asks in the same tick: one batch is ONE SQL query on the mirror, for the
// France Relance projects and for the illustrative France 2030 laureates alike; no portal call.
import DataLoader from 'dataloader';
import { keysLoader } from '../../../kit/src/keysLoader.js';
import type { TerritoryCommunes } from '../../../kit/src/mirror/index.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import { fromFrance2030, fromFranceRelance, type AidValue, type France2030Row } from './aid.js';
import type { BpifranceMirror, MeasureCount, ProjectsFreshness } from './bpifranceMirror.js';

/** Where the subgraph reads: the mirror, for both sources. */
export interface BpifranceSources {
  mirror: BpifranceMirror;
}

/** The loaders one request uses. */
export interface Loaders {
  /** France Relance projects and illustrative France 2030 laureates, apart. */
  /** Keyed by a territory's communes: their projects (laureates), in commune order. */
  projectsInCommunes: DataLoader<readonly string[], AidValue[], readonly string[]>;
  laureatesInCommunes: DataLoader<readonly string[], AidValue[], readonly string[]>;
  projectsBySiren: DataLoader<string, AidValue[]>;
  laureatesBySiren: DataLoader<string, AidValue[]>;
  /** France Relance counts per measure, keyed by territory id (the communes travel with the key). */
  measureCountsByTerritory: DataLoader<TerritoryCommunes, MeasureCount[], string>;
  unlocatedByDepartment: DataLoader<string, number>;
  /** Read once per request: every `source` of the answer says the same sync. */
  freshness: () => Promise<ProjectsFreshness>;
  /** The France 2030 source (read once per request), or null when none is configured. */
  france2030Source: () => Promise<SourceInfo | null>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(sources: BpifranceSources): Loaders {
  const { mirror } = sources;
  let freshness: Promise<ProjectsFreshness> | undefined;
  const readFreshness = () => (freshness ??= mirror.freshness());
  let laureateSource: Promise<SourceInfo | null> | undefined;
  const readLaureateSource = () => (laureateSource ??= mirror.france2030Freshness());
  const laureates = async (
    keys: readonly string[],
    read: (keys: readonly string[]) => Promise<France2030Row[][]>,
  ): Promise<AidValue[][]> => {
    const [rows, source] = await Promise.all([read(keys), readLaureateSource()]);
    return source === null
      ? keys.map(() => [])
      : rows.map((list) => list.map((r) => fromFrance2030(r, source)));
  };
  return {
    projectsInCommunes: keysLoader(async (communes) => {
      const [projects, { source }] = await Promise.all([mirror.projectsByCommune(communes), readFreshness()]);
      return projects.map((rows) => rows.map((row) => fromFranceRelance(row, source)));
    }),
    laureatesInCommunes: keysLoader((communes) =>
      laureates(communes, (keys) => mirror.laureatesByCommune(keys)),
    ),
    projectsBySiren: new DataLoader(async (sirens) => {
      const [projects, { source }] = await Promise.all([mirror.projectsBySiren(sirens), readFreshness()]);
      return projects.map((rows) => rows.map((row) => fromFranceRelance(row, source)));
    }),
    laureatesBySiren: new DataLoader((sirens) => laureates(sirens, (keys) => mirror.laureatesBySiren(keys))),
    measureCountsByTerritory: new DataLoader((territories) => mirror.measureCounts(territories), {
      cacheKeyFn: (t) => t.key,
    }),
    unlocatedByDepartment: new DataLoader((departments) => mirror.unlocatedByDepartment(departments)),
    freshness: readFreshness,
    france2030Source: readLaureateSource,
  };
}
