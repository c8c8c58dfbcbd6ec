// The mirror's public surface: open a store, sync sources into it, read it in batches.
export {
  DEFAULT_MIRROR_FILE,
  migrateMirror,
  openMirror,
  type MirrorEngine,
  type MirrorOptions,
  type MirrorStore,
} from './openMirror.js';
export { guardMirror, isMirrorUnavailable } from './mirrorError.js';
export { locatedColumnOf, runSync, type SyncOptions, type SyncProgress, type SyncResult } from './runSync.js';
export {
  locateCompanies,
  type LocatableSource,
  type LocateOptions,
  type LocateResult,
  type SourceLocation,
  type UnlocatedReason,
} from './locateCompanies.js';
export {
  departmentsOfPostcode,
  loadPlaceIndex,
  nameKey,
  placeIndex,
  type Place,
  type PlaceIndex,
} from './placeIndex.js';
export { acquireLease, newHolderId, releaseLease, renewLease } from './syncLock.js';
export { progressBar, formatProgress } from './progressBar.js';
export {
  readRejects,
  readSyncStates,
  recordsByCommune,
  recordsByDepartment,
  recordsByKey,
  recordsBySiren,
  summarizeByAxis,
  unlocatedByDepartment,
  unlocatedSirens,
  type AxisTotal,
  type CommuneTable,
  type TerritoryCommunes,
  type TerritorySummary,
} from './queries.js';
export type * from './schema.js';
export type * from './sourceDefinition.js';
export type { ParseResult, RawRow, RejectReason, Rejection } from './parsers/parseResult.js';
export { parseAdemeAid } from './parsers/parseAdemeAid.js';
export { parseBmoRow } from './parsers/parseBmoRow.js';
export { parseCdcSubsidy, unwrapOdsRecord } from './parsers/parseCdcSubsidy.js';
export { parseCompanyLocation } from './parsers/parseCompanyLocation.js';
export { parseFondsVertProject } from './parsers/parseFondsVertProject.js';
export { parseFrance2030Laureate } from './parsers/parseFrance2030Laureate.js';
export { parseFranceRelanceProject } from './parsers/parseFranceRelanceProject.js';
export { dataFairLinesReader, type DataFairLinesOptions } from './readers/dataFairLinesReader.js';
export { httpCsvReader, type HttpCsvOptions } from './readers/httpCsvReader.js';
export { odsExportReader, odsExportUrl, type OdsExportOptions } from './readers/odsExportReader.js';
export {
  ademeAidSource,
  bmoSource,
  cdcSubsidySource,
  fondsVertSource,
  france2030Source,
  franceRelanceSource,
  REAL_DATASETS,
} from './sources.js';
// The plumbing services use: settings, one shared store per process, the scheduler, freshness.
export {
  DEFAULT_SYNC_INTERVAL,
  describeMirrorLocation,
  parseDuration,
  readMirrorSettings,
  type MirrorSettings,
} from './mirrorSettings.js';
export { openMirrorFromSettings, type MirrorHandle } from './sharedMirror.js';
export {
  SyncScheduler,
  syncSources,
  type SyncSchedulerOptions,
  type AfterSource,
  type SyncSourcesOptions,
  type TimedSyncResult,
} from './syncService.js';
export { readFreshness, requireSynced, type SourceFreshness } from './freshness.js';
export {
  formatSourceReport,
  rejectsByReason,
  unlocatedByReason,
  type ReasonCount,
  type SourceReportDetails,
} from './syncReport.js';
export {
  loadPublicBodyLocator,
  locatingPublicBodies,
  type PublicBody,
  type PublicBodyLocator,
} from './publicBodyLocator.js';
export { recordsByTerritory, summarizeTerritories, type TerritoryScope } from './territoryQueries.js';
