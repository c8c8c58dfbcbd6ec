// The Fonds Vert contract, in-process: the real recorded rows go through the mirror's parser with
// every field mapped; the simulator writes the real file's header, quoting and NULL literal, and
// every row it serves parses; the client reads a synced mirror in ONE query per batch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEvent } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMirror, parseFondsVertProject, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { csvRecords } from '../../../kit/src/mirror/readers/csvRows.js';
import type { RawRow } from '../../../kit/src/mirror/parsers/parseResult.js';
import { buildFondsVertRows, fondsVertCsv, FONDS_VERT_COLUMNS } from '../../../sim/etat/fondsVertRows.js';
import { loadWorld } from '../../../sim/world.js';
import { EtatClient } from '../src/etatClient.js';

const REAL = readFileSync(
  join(import.meta.dirname, 'fixtures/fondsvert_2023_projets_subventionnes_extract.csv'),
  'utf8',
);
const world = loadWorld();
const simulatedRows = buildFondsVertRows(world);
const SIMULATED = fondsVertCsv(simulatedRows);

async function rowsOf(text: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of csvRecords(
    (async function* () {
      yield text;
    })(),
    ',',
  )) {
    expect(row.malformed).toBeUndefined();
    rows.push(row.raw);
  }
  return rows;
}

describe('the real Fonds Vert 2023 rows', () => {
  it('parse, every field mapped, the NULL commune kept as unlocated', async () => {
    const rows = await rowsOf(REAL);
    expect(rows).toHaveLength(14);
    const parsed = rows.map((raw) => parseFondsVertProject(raw));
    const records = parsed.map((p) => ('ok' in p ? p.ok : null));
    expect(records.filter((r) => r === null)).toHaveLength(0);
    const first = records[0]!;
    expect(first).toMatchObject({
      record_key: '12487592',
      nom_region: 'Auvergne-Rhône-Alpes',
      department_code: '01',
      code_commune: '01004',
      commune_code: '01004',
      nom_commune: 'AMBERIEU EN BUGEY',
      axe: '3',
      numero_demarche_ds: '69282',
      nom_demarche_ds: 'Accompagnement de la stratégie nationale biodiversité 2030',
      nom_beneficiaire_principal: 'SYND RIVIERE AIN AVAL ET SES AFFLUENTS',
      siren_raw: '200078004',
      siren: '200078004',
      montant_engage_cents: 2_166_700,
    });
    // "23828.9" is 23,828.90 €, exactly.
    expect(records.find((r) => r!.record_key === '11932742')!.montant_engage_cents).toBe(2_382_890);
    // Booked at the beneficiary's seat (Annemasse, 74) while listed under the Ain (01).
    expect(records.find((r) => r!.record_key === '11932742')).toMatchObject({
      commune_code: '74012',
      department_code: '01',
    });
    const unlocated = records.filter((r) => r!.commune_code === null);
    expect(unlocated.map((r) => r!.record_key)).toEqual(['12330734', '12143192']);
    expect(unlocated.map((r) => r!.nom_commune)).toEqual([null, null]);
    expect(unlocated.map((r) => r!.siren)).toEqual(['200078004', '240100750']);
  });
});

describe('the simulated file', () => {
  it('has the real header, byte for byte, and the real quoting: every value quoted, NULL bare, LF ends', () => {
    const realHeader = REAL.slice(0, REAL.indexOf('\n'));
    expect(SIMULATED.slice(0, SIMULATED.indexOf('\n'))).toBe(realHeader);
    expect(SIMULATED.endsWith('\n')).toBe(true);
    expect(SIMULATED).not.toContain('\r');
    const lines = SIMULATED.trimEnd().split('\n').slice(1);
    expect(lines.length).toBe(simulatedRows.length);
    const nullLines = lines.filter((l) => l.includes(',NULL,NULL,'));
    expect(nullLines.length).toBe(simulatedRows.filter((r) => r.code_commune === null).length);
    expect(nullLines.length).toBeGreaterThan(0);
    // Outside the bare NULLs, every field opens with a quote (as in the real file).
    for (const line of lines.slice(0, 50)) expect(line.replace(/,NULL(?=,)/g, ',"x"')).toMatch(/^"(.*)"$/);
  });

  it('serves the real file’s quirks, and every row parses', async () => {
    const rows = await rowsOf(SIMULATED);
    expect(Object.keys(rows[0]!)).toEqual([...FONDS_VERT_COLUMNS]);
    const parsed = rows.map((raw) => parseFondsVertProject(raw));
    expect(parsed.filter((p) => 'rejected' in p)).toEqual([]);
    const ok = parsed.map((p) => ('ok' in p ? p.ok : null)!);
    // SIRETs and float strings in the "siren" column end up as a clean SIREN.
    const siret = ok.find((r) => r.siren_raw?.length === 14)!;
    expect(siret.siren).toBe(siret.siren_raw!.slice(0, 9));
    expect(siret.siret).toBe(siret.siren_raw);
    const float = ok.find((r) => r.siren_raw?.endsWith('.0'))!;
    expect(float.siren).toBe(float.siren_raw!.slice(0, 9));
    expect(ok.some((r) => r.department_code !== r.commune_code?.slice(0, 2) && r.commune_code !== null)).toBe(
      true,
    );
    expect(ok.some((r) => (r.montant_engage_cents ?? 0) % 100 !== 0)).toBe(true);
  });
});

describe('EtatClient on a synced mirror', () => {
  let store: MirrorStore;
  let client: EtatClient;
  const queries: string[] = [];

  beforeAll(async () => {
    store = await openMirror({ file: ':memory:', log: (e: LogEvent) => queries.push(e.query.sql) });
    client = new EtatClient(store, {
      fondsVertUrl: 'http://simulated.invalid/fonds-vert-2023-export.csv',
      syncTimeoutMs: 30_000,
      fetch: async () => new Response(SIMULATED, { headers: { etag: '"v1"' } }),
    });
    const result = await client.syncFondsVert();
    expect(result).toMatchObject({ status: 'loaded', recordCount: simulatedRows.length, rejected: 0 });
  });
  afterAll(() => store?.close());

  it('sums every territory of a batch by axe in ONE query, in the batch’s order', async () => {
    const batch = world.territories.slice(0, 20).map((t) => ({ key: t.id, communes: t.communeCodes }));
    queries.length = 0;
    const totals = await client.totalsByAxe(batch);
    expect(queries).toHaveLength(1);
    expect(totals.map((t) => t.key)).toEqual(batch.map((b) => b.key));
    for (const territory of batch) {
      const expected = simulatedRows.filter(
        (r) => r.code_commune !== null && territory.communes.includes(r.code_commune),
      );
      const got = totals.find((t) => t.key === territory.key)!.byAxe;
      expect(
        got.reduce((n, a) => n + a.count, 0),
        territory.key,
      ).toBe(expected.length);
      expect(got.reduce((n, a) => n + a.amountCents, 0)).toBe(
        expected.reduce((n, r) => n + Math.round(Number(r.montant_engage) * 100), 0),
      );
    }
  });

  it('lists projects and counts unlocated ones by department, one query each', async () => {
    const territory = world.territories.find((t) =>
      simulatedRows.some((r) => r.code_commune === null && t.departmentCodes.includes(r.code_departement!)),
    )!;
    queries.length = 0;
    const [projects] = await client.projects([{ key: territory.id, communes: territory.communeCodes }]);
    const unlocated = await client.unlocatedByDepartment(territory.departmentCodes);
    expect(queries).toHaveLength(2);
    const amounts = projects!.map((p) => p.montant_engage_cents!);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const expectedUnlocated = simulatedRows.filter(
      (r) => r.code_commune === null && territory.departmentCodes.includes(r.code_departement!),
    );
    expect(unlocated.reduce((n, d) => n + d.count, 0)).toBe(expectedUnlocated.length);
    expect(unlocated.map((d) => d.departmentCode)).toEqual([...territory.departmentCodes]);
  });
});
