// ANCT's list of the 183 Territoires d'industrie of 2023-2027 as shipped in data/anct/: the
// properties of ANCT's own cartography file (anct-carto/superposeur-anct, ti_geom.geojson), built
// by ANCT from liste-ti-20240704.csv and liste-ti-grpt2023-20240704.csv (provenance in the file's
// `_source` and in data/README.md). Each entry gives `id_territoire`, `lib_territoire` (some end
// with a stray U+00A0) and `liste_geo` = "lib_groupement (siren_groupement); …".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Geography, TerritoryRecord } from './programme.ts';
import { resolvePerimeter } from './geography.ts';

/** The shipped list, relative to the repository root. */
export const ANCT_TERRITORY_LIST_PATH = fileURLToPath(
  new URL('../../../data/anct/anct_territoires_industrie_2023-2027_from_superposeur.json', import.meta.url),
);

/** Where the real list comes from, for `Source` values. */
export const ANCT_TERRITORY_LIST_SOURCE = {
  publisher: 'ANCT',
  dataset: 'programme-territoires-dindustrie',
  url: 'https://www.data.gouv.fr/fr/datasets/programme-territoires-dindustrie/',
  /** The ANCT cartography file was last changed on this day ('maj data 2024'). */
  retrievedAt: '2024-09-16T00:00:00.000Z',
} as const;

/** A real ANCT id: `ti-` then the region code and a two-digit rank. */
export const ANCT_TERRITORY_ID = /^ti-\d{4}$/;

/** One territory of the list, labels trimmed, groupements parsed. */
export interface AnctTerritory {
  id: string;
  label: string;
  groupements: { siren: string; name: string }[];
}

const GROUPEMENT = /^(.+) \((\d{9})\)$/;

/** Trims ordinary and no-break spaces (ANCT's labels sometimes end with U+00A0). */
export function trimLabel(text: string): string {
  return text.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
}

/** Parses `liste_geo` ("lib (siren); lib (siren)"); throws naming `where` and the bad part. */
export function parseGroupementList(text: string, where: string): { siren: string; name: string }[] {
  return text.split(';').map((part) => {
    const match = GROUPEMENT.exec(trimLabel(part));
    if (!match) throw new Error(`${where}: groupement "${part}" is not "label (9-digit SIREN)"`);
    return { name: trimLabel(match[1]!), siren: match[2]! };
  });
}

/** Validates and parses the list's JSON; errors name `origin` and the entry. */
export function parseAnctTerritoryList(json: unknown, origin: string): AnctTerritory[] {
  const properties = (json as { properties?: unknown } | null)?.properties;
  if (!Array.isArray(properties)) throw new Error(`${origin}: expected a "properties" array`);
  const seen = new Set<string>();
  return properties.map((entry: unknown, index) => {
    const where = `${origin}, properties[${index}]`;
    const {
      id_territoire: id,
      lib_territoire: label,
      liste_geo: list,
    } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !ANCT_TERRITORY_ID.test(id))
      throw new Error(`${where}: id_territoire ${JSON.stringify(id)} is not ti-NNNN`);
    if (seen.has(id)) throw new Error(`${where}: id_territoire ${id} appears twice`);
    seen.add(id);
    if (typeof label !== 'string' || trimLabel(label) === '')
      throw new Error(`${where}: lib_territoire is missing`);
    if (typeof list !== 'string') throw new Error(`${where}: liste_geo is missing`);
    return { id, label: trimLabel(label), groupements: parseGroupementList(list, `${where} (${id})`) };
  });
}

/** Reads and parses the list file. */
export function loadAnctTerritoryList(path: string = ANCT_TERRITORY_LIST_PATH): AnctTerritory[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`ANCT territory list ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`ANCT territory list ${path}: not JSON (${(error as Error).message})`);
  }
  return parseAnctTerritoryList(json, `ANCT territory list ${path}`);
}

/** The perimeter part of a territory record: what ANCT publishes, laid on the geography. */
export type RealPerimeter = Pick<
  TerritoryRecord,
  | 'id'
  | 'name'
  | 'regionCode'
  | 'departmentCodes'
  | 'epciSirens'
  | 'groupements'
  | 'communeCodes'
  | 'communesComplete'
>;

/**
 * Lays one ANCT territory on the geography: communes through BANATIC, departments by population,
 * and the steering region from the id (`ti-44…` is steered by Grand Est), which must be one of the
 * regions of its communes when any is known.
 */
export function realPerimeter(geo: Geography, territory: AnctTerritory, where: string): RealPerimeter {
  const perimeter = resolvePerimeter(geo, territory.groupements, `${where} (${territory.id})`);
  const regionCode = territory.id.slice(3, 5);
  if (!geo.regions.has(regionCode))
    throw new Error(`${where}: ${territory.id} names region ${regionCode}, which does not exist`);
  const regions = new Set(perimeter.communeCodes.map((code) => geo.communes.get(code)!.regionCode));
  if (regions.size > 0 && !regions.has(regionCode))
    throw new Error(`${where}: ${territory.id} has no commune in its region ${regionCode}`);
  return {
    id: territory.id,
    name: territory.label,
    regionCode,
    departmentCodes: perimeter.departmentCodes,
    epciSirens: perimeter.epciSirens,
    groupements: perimeter.groupements,
    communeCodes: perimeter.communeCodes,
    communesComplete: perimeter.communesComplete,
  };
}
