// Places a record by its published postcode and commune name (France Relance publishes no INSEE
// code): the commune of that name in the postcode's department. Both must agree: a name found in
// no candidate department (the real file has 40100 → "SAINT-MALO") places nothing.
import { loadGeography } from '../reference/geography.js';

/** A commune as the index needs it (the kit's geography CommuneRecord fits). */
export interface PlaceCommune {
  code: string;
  name: string;
  departmentCode: string;
  epciSiren: string | null;
}

/** Where a record was placed. */
export interface Place {
  communeCode: string;
  departmentCode: string;
  epciSiren: string | null;
}

/** Looks communes up by department and normalised name. */
export interface PlaceIndex {
  /** The one commune named `name` in the postcode's (or the given) department; null when none or several. */
  placeOf(postcode: string | null, name: string | null, department: string | null): Place | null;
}

/** Builds the index over the geography's communes. */
export function placeIndex(communes: Iterable<PlaceCommune>): PlaceIndex {
  // department → name key → communes of that name (two communes of one name make it ambiguous)
  const byDepartment = new Map<string, Map<string, PlaceCommune[]>>();
  for (const commune of communes) {
    let names = byDepartment.get(commune.departmentCode);
    if (!names) byDepartment.set(commune.departmentCode, (names = new Map()));
    const key = nameKey(commune.name);
    names.set(key, [...(names.get(key) ?? []), commune]);
  }
  return {
    placeOf(postcode, name, department) {
      if (!name) return null;
      const key = nameKey(name);
      const found = new Map<string, PlaceCommune>();
      for (const d of new Set([...departmentsOfPostcode(postcode), ...(department ? [department] : [])])) {
        for (const commune of byDepartment.get(d)?.get(key) ?? []) found.set(commune.code, commune);
      }
      if (found.size !== 1) return null;
      const [commune] = found.values();
      return {
        communeCode: commune!.code,
        departmentCode: commune!.departmentCode,
        epciSiren: commune!.epciSiren,
      };
    },
  };
}

/** Departments a postcode can belong to: its first two digits; Corsica's 20 is 2A or 2B; 97x overseas. */
export function departmentsOfPostcode(postcode: string | null): string[] {
  if (!postcode || !/^\d{5}$/.test(postcode)) return [];
  if (postcode.startsWith('20')) return ['2A', '2B'];
  if (postcode.startsWith('97') || postcode.startsWith('98')) return [postcode.slice(0, 3)];
  return [postcode.slice(0, 2)];
}

/**
 * A commune name reduced to what survives the exports' spellings: no accents, upper case, words
 * only, "ST"/"STE" spelled out, and no leading article ("PLESSIS-BELLEVILLE" is "Le Plessis-Belleville").
 */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => (w === 'ST' ? 'SAINT' : w === 'STE' ? 'SAINTE' : w));
  if (words.length > 1 && ['LE', 'LA', 'LES', 'L'].includes(words[0]!)) words.shift();
  return words.join(' ');
}

/** The index over the real geography in `geoDir` (data/geo: INSEE communes, BANATIC EPCIs). */
export function loadPlaceIndex(geoDir: string): PlaceIndex {
  return placeIndex(loadGeography(geoDir).communes.values());
}
