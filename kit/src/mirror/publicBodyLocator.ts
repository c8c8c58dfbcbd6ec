// Locates records whose beneficiary is a local authority, from the real BANATIC composition file
// (data/geo/epcicom.csv: every EPCI's SIREN and each member commune's SIREN and INSEE code). Most
// subsidy beneficiaries of the open datasets are communes and intercommunalités, which the
// company registry also knows; this needs no call at all and runs inside the sync's parse step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../csv.js';
import type { ParseResult, RawRow } from './parsers/parseResult.js';

/** The columns the locator reads and fills (optional, as in a record about to be inserted). */
export interface LocatableRecord {
  siren?: string | null;
  commune_code?: string | null;
  department_code?: string | null;
  epci_siren?: string | null;
}

/** A commune or an EPCI known by its SIREN. */
export type PublicBody =
  | { kind: 'commune'; siren: string; communeCode: string; departmentCode: string; epciSiren: string }
  | { kind: 'epci'; siren: string; departmentCode: string };

/** SIREN → the commune or EPCI it names. */
export type PublicBodyLocator = ReadonlyMap<string, PublicBody>;

/** Reads the locator from `epcicom.csv` in the geography folder (data/geo). */
export function loadPublicBodyLocator(geoDir: string): PublicBodyLocator {
  const path = join(geoDir, 'epcicom.csv');
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const column = (name: string) => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`${path}: missing column ${name}`);
    return index;
  };
  const [dept, siren, depCom, insee, member] = ['dept', 'siren', 'dep_com', 'insee', 'siren_membre'].map(
    column,
  ) as [number, number, number, number, number];
  const bodies = new Map<string, PublicBody>();
  for (const row of rows) {
    const epci = row[siren];
    if (!epci) continue;
    if (!bodies.has(epci)) bodies.set(epci, { kind: 'epci', siren: epci, departmentCode: row[dept] ?? '' });
    const memberSiren = row[member];
    const communeCode = row[insee];
    if (memberSiren && communeCode && /^\d{9}$/.test(memberSiren)) {
      bodies.set(memberSiren, {
        kind: 'commune',
        siren: memberSiren,
        communeCode,
        departmentCode: row[depCom] ?? '',
        epciSiren: epci,
      });
    }
  }
  return bodies;
}

/**
 * Wraps a source's parser so that a record with no commune whose SIREN is a commune gets that
 * commune (and its EPCI), and one whose SIREN is an EPCI gets `epci_siren` and its department
 * (an EPCI spans communes: its commune stays null for the company registry's head office).
 */
export function locatingPublicBodies<R extends LocatableRecord>(
  parse: (raw: RawRow) => ParseResult<R>,
  locator: PublicBodyLocator,
): (raw: RawRow) => ParseResult<R> {
  return (raw) => {
    const parsed = parse(raw);
    if (!('ok' in parsed)) return parsed;
    const record = parsed.ok;
    if (record.commune_code != null || record.siren == null) return parsed;
    const body = locator.get(record.siren);
    if (!body) return parsed;
    if (body.kind === 'commune') {
      return {
        ok: {
          ...record,
          commune_code: body.communeCode,
          department_code: record.department_code ?? body.departmentCode,
          epci_siren: record.epci_siren ?? body.epciSiren,
        },
      };
    }
    return {
      ok: {
        ...record,
        epci_siren: body.siren,
        department_code: record.department_code ?? body.departmentCode,
      },
    };
  };
}
