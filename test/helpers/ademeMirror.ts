// The ADEME mirror of a test stack: a fresh SQLite file, with the company locations the company
// registry's locate step would store (each world company's head office), so the aids synced at
// start are placed in communes. ADEME publishes no commune: an aid is located by its SIRET.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMirror, type MirrorStore } from '../../kit/src/mirror/index.js';
import { AIDS_DATASET, buildAdemeRecords } from '../../sim/ademe/records.js';
import type { World } from '../../sim/world.js';

/** A line of the simulated aid dataset. */
export type AdemeLine =
  ReturnType<typeof buildAdemeRecords> extends Map<string, infer D>
    ? D extends { lines: readonly (infer L)[] }
      ? L
      : never
    : never;

/** The aid lines the ADEME simulator serves for `world`. */
export function ademeLinesOf(world: World): readonly AdemeLine[] {
  return buildAdemeRecords(world).get(AIDS_DATASET)!.lines;
}

/** The SIREN of an aid's beneficiary (a bare-number SIRET gets its leading zeros back). */
export function sirenOfAid(line: AdemeLine): string {
  return String(line.idBeneficiaire).padStart(14, '0').slice(0, 9);
}

/** Each company's head-office commune: where the registry places its aids. */
export function headOffices(world: World): Map<string, string> {
  return new Map(
    world.companies.map((c) => [c.siren, c.establishments.find((e) => e.headOffice)!.commune.code]),
  );
}

/**
 * Stores every world company's head office in company_location (what the registry would), except
 * the companies named in `unknown` (the registry does not know them).
 */
export async function seedCompanyLocations(
  store: MirrorStore,
  world: World,
  unknown: ReadonlySet<string> = new Set(),
): Promise<void> {
  const rows = world.companies
    .filter((c) => !unknown.has(c.siren))
    .map((c) => {
      const seat = c.establishments.find((e) => e.headOffice)!;
      return {
        record_key: c.siren,
        siren: c.siren,
        siret_siege: seat.siret,
        nom_complet: c.name,
        commune_code: seat.commune.code,
        code_postal: seat.commune.postalCode,
        epci_siren: null,
        department_code: seat.commune.departmentCode,
        region_code: seat.commune.regionCode,
        latitude: null,
        longitude: null,
        etat_administratif: 'A',
      };
    });
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto('company_location')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A fresh mirror file with company locations, for a test stack's MIRROR_FILE; remove() deletes it. */
export async function prepareTestMirror(world: World): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-mirror-'));
  const file = join(dir, 'mirror.sqlite');
  const store = await openMirror({ file });
  try {
    await seedCompanyLocations(store, world);
  } finally {
    await store.close();
  }
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
