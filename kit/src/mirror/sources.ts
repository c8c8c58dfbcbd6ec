// The mirrored open datasets, each bound to its real protocol and parser. Hosts and ids are
// arguments (the callers' config modules default them to the real ones); nothing here reads env.
import { parseAdemeAid } from './parsers/parseAdemeAid.js';
import { parseBmoRow } from './parsers/parseBmoRow.js';
import { parseCdcSubsidy } from './parsers/parseCdcSubsidy.js';
import { parseFondsVertProject } from './parsers/parseFondsVertProject.js';
import { parseFrance2030Laureate } from './parsers/parseFrance2030Laureate.js';
import { parseFranceRelanceProject } from './parsers/parseFranceRelanceProject.js';
import { dataFairLinesReader } from './readers/dataFairLinesReader.js';
import { httpCsvReader } from './readers/httpCsvReader.js';
import { odsExportReader } from './readers/odsExportReader.js';
import type { SourceDefinition } from './sourceDefinition.js';

/** The real dataset ids, for config defaults. */
export const REAL_DATASETS = {
  cdcSubsidies: 'subventions-attribuees-par-la-caisse-des-depots-depuis-01012018',
  franceRelance: 'plan-de-relance',
  ademeAids: "les-aides-financieres-de-l'ademe",
  fondsVert2023:
    'https://static.data.gouv.fr/resources/fonds-vert-liste-des-projets-subventionnes-en-2023/20240731-110636/fonds-vert-2023-export.csv',
} as const;

/** Caisse des Dépôts subsidies from the Opendatasoft JSON export (no modification date: ETag only). */
export function cdcSubsidySource(
  baseUrl: string,
  datasetId: string = REAL_DATASETS.cdcSubsidies,
): SourceDefinition<'cdc_subsidy'> {
  return {
    name: 'cdc-subsidies',
    table: 'cdc_subsidy',
    read: odsExportReader({ baseUrl, datasetId, format: 'json' }),
    parse: parseCdcSubsidy,
    locateBySiren: true,
  };
}

/** France Relance projects from the Opendatasoft CSV export, incremental on `mise_a_jour`. */
export function franceRelanceSource(
  baseUrl: string,
  datasetId: string = REAL_DATASETS.franceRelance,
): SourceDefinition<'france_relance_project'> {
  return {
    name: 'france-relance',
    table: 'france_relance_project',
    read: odsExportReader({ baseUrl, datasetId, format: 'csv', modifiedField: 'mise_a_jour' }),
    parse: parseFranceRelanceProject,
    modifiedAt: (record) => record.mise_a_jour,
    locateBySiren: true,
  };
}

/**
 * Illustrative France 2030 laureates from the Opendatasoft CSV export, incremental on
 * `mise_a_jour` like France Relance. No real dataset exists, so the id has no default: only a
 * simulated portal serves one (`illustratif-laureats-france-2030`). Rows carry their commune.
 */
export function france2030Source(
  baseUrl: string,
  datasetId: string,
): SourceDefinition<'france_2030_laureate'> {
  return {
    name: 'france-2030',
    table: 'france_2030_laureate',
    read: odsExportReader({ baseUrl, datasetId, format: 'csv', modifiedField: 'mise_a_jour' }),
    parse: parseFrance2030Laureate,
    modifiedAt: (record) => record.mise_a_jour,
  };
}

/** ADEME aids through data-fair `lines` paging. */
export function ademeAidSource(
  baseUrl: string,
  datasetId: string = REAL_DATASETS.ademeAids,
): SourceDefinition<'ademe_aid'> {
  return {
    name: 'ademe-aids',
    table: 'ademe_aid',
    read: dataFairLinesReader({ baseUrl, datasetId }),
    parse: parseAdemeAid,
    locateBySiren: true,
  };
}

/** Fonds Vert projects from the national portal's CSV file (conditional GET). */
export function fondsVertSource(
  url: string = REAL_DATASETS.fondsVert2023,
): SourceDefinition<'fonds_vert_project'> {
  return {
    name: 'fonds-vert',
    table: 'fonds_vert_project',
    read: httpCsvReader({ url, separator: ',' }),
    parse: parseFondsVertProject,
    locateBySiren: true,
  };
}

/** France Travail BMO rows from a CSV rendering of the open-data file (conditional GET). */
export function bmoSource(url: string): SourceDefinition<'bmo_row'> {
  return { name: 'bmo', table: 'bmo_row', read: httpCsvReader({ url }), parse: parseBmoRow };
}
