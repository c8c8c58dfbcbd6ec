// Checks data/programme/programme.json: it is exactly what the generator writes (byte for byte),
// it keeps ANCT's real territories as ANCT lists them, and what it generates is marked and never
// takes a real id. The seed's real figures (183, 18, 21, the Marne) are checked against the raw
// files in subgraphs/territories/test/realProgramme.test.ts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadAnctTerritoryList,
  parseAnctTerritoryList,
  type AnctTerritory,
} from '../../kit/src/reference/anctTerritories.ts';
import { isValidSiren } from '../../kit/src/reference/companyIds.ts';
import { loadGeography } from '../../kit/src/reference/geography.ts';
import type { Geography, ProgrammeDataset, TerritoryRecord } from '../../kit/src/reference/programme.ts';
import { generateProgramme } from '../programme/generateProgramme.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'data', 'programme', 'programme.json');
let geo: Geography;
let list: AnctTerritory[];
let text: string;
let data: ProgrammeDataset;

const inPhase = (phase: 1 | 2): TerritoryRecord[] => data.territories.filter((t) => t.phases.includes(phase));
const byId = (id: string): TerritoryRecord => data.territories.find((t) => t.id === id)!;

beforeAll(() => {
  geo = loadGeography(join(root, 'data', 'geo'));
  list = loadAnctTerritoryList();
  text = readFileSync(file, 'utf8');
  data = JSON.parse(text) as ProgrammeDataset;
});

describe('the geography', () => {
  it('loads every region, department, current commune and EPCI', () => {
    expect(geo.regions.size).toBe(18);
    expect(geo.departments.size).toBe(101);
    expect(geo.communes.size).toBeGreaterThan(34_000);
    expect(geo.epcis.get('200066876')).toMatchObject({
      name: 'CA de Châlons-en-Champagne',
      legalNature: 'CA',
    });
    expect(geo.communes.get('51595')).toMatchObject({
      name: 'Vatry',
      departmentCode: '51',
      epciSiren: '200066876',
    });
  });

  it('finds a commune by its own SIREN (BANATIC siren_membre)', () => {
    // Cercy-la-Tour, a single-commune groupement of ti-2707 Nevers Val de Loire.
    expect(geo.communeBySiren.get('215800467')).toBe('58046');
  });

  it('reads quoted EPCI names that contain commas', () => {
    expect(geo.epcis.get('200067684')!.name).toBe('CA Epernay, Coteaux et Plaine de Champagne');
  });

  it('names the missing file when a folder lacks the geography', () => {
    expect(() => loadGeography(join(root, 'no-such-folder'))).toThrow(/regions\.csv: file not found/);
  });
});

describe("ANCT's list parser", () => {
  const entry = (over: Record<string, unknown>) => ({
    properties: [
      {
        id_territoire: 'ti-4411',
        lib_territoire: 'Pays de Châlons\u00a0',
        liste_geo: 'CA X (200066876)',
        ...over,
      },
    ],
  });

  it('trims the stray no-break space and splits the groupements', () => {
    expect(
      parseAnctTerritoryList(entry({ liste_geo: 'CA, de X (200066876); Cercy-la-Tour (215800467)' }), 'test'),
    ).toEqual([
      {
        id: 'ti-4411',
        label: 'Pays de Châlons',
        groupements: [
          { name: 'CA, de X', siren: '200066876' },
          { name: 'Cercy-la-Tour', siren: '215800467' },
        ],
      },
    ]);
  });

  it('names the entry and the fault of bad input', () => {
    expect(() => parseAnctTerritoryList({}, 'test')).toThrow(/test: expected a "properties" array/);
    expect(() => parseAnctTerritoryList(entry({ id_territoire: 'TI 44-11' }), 'test')).toThrow(
      /test, properties\[0\]: id_territoire "TI 44-11" is not ti-NNNN/,
    );
    expect(() => parseAnctTerritoryList(entry({ liste_geo: 'CA X (2000668)' }), 'test')).toThrow(
      /groupement "CA X \(2000668\)" is not "label \(9-digit SIREN\)"/,
    );
    const twice = { properties: [...entry({}).properties, ...entry({}).properties] };
    expect(() => parseAnctTerritoryList(twice, 'test')).toThrow(/ti-4411 appears twice/);
  });
});

describe('the programme dataset', () => {
  it('is byte for byte what the generator writes today', () => {
    expect(`${JSON.stringify(generateProgramme(geo), null, 2)}\n`).toBe(text);
  });

  it('is the same on two runs of the generator', () => {
    expect(generateProgramme(geo)).toEqual(generateProgramme(geo, list));
  });

  it('stays under 4 MB', () => {
    expect(statSync(file).size).toBeLessThan(4_000_000);
  });

  it("keeps ANCT's 183 territories with their ids, labels and groupements, as real", () => {
    const real = data.territories.filter((t) => !t.illustrative);
    expect(real.map((t) => t.id)).toEqual(list.map((t) => t.id));
    for (const [i, t] of real.entries()) {
      expect(t.name).toBe(list[i]!.label);
      expect(t.name).not.toMatch(/\u00a0/);
      expect(t.groupements.map((g) => g.siren)).toEqual(list[i]!.groupements.map((g) => g.siren));
      expect(t.phases).toContain(2);
      expect(t.regionCode).toBe(t.id.slice(3, 5));
    }
    expect(byId('ti-4405').name).toBe('Grand Reims');
    expect(byId('ti-4411').epciSirens).toEqual(['200042620', '200043438', '200066876']);
  });

  it('gives no generated record an id that is, or looks like, a real ANCT id', () => {
    const realIds = new Set(list.map((t) => t.id));
    const generated = data.territories.filter((t) => t.illustrative);
    expect(generated.length).toBeGreaterThan(0);
    for (const t of generated) {
      expect(t.id).toMatch(/^ti2018-\d{2}-\d{2}$/);
      expect(t.id).not.toMatch(/^ti-\d{4}$/);
    }
    const subIds = data.territories.flatMap((t) => [
      ...t.actionSheets.map((s) => s.id),
      ...t.binomes.map((b) => b.id),
      ...t.sites.map((s) => s.id),
      ...t.missions.map((m) => m.id),
    ]);
    for (const id of subIds) {
      expect(realIds.has(id)).toBe(false);
      expect(id).toMatch(/^ti(2018)?-[\d-]+-(p1-fa|fa|bn|site|mi)-\d{2}$/);
    }
    const all = [...data.territories.map((t) => t.id), ...subIds];
    expect(new Set(all).size).toBe(all.length);
  });

  it('generates phase 1 (illustrative): 149 territories, 15 in Grand Est, 1,800 sheets', () => {
    const phase1 = inPhase(1);
    expect(phase1).toHaveLength(149);
    expect(phase1.filter((t) => t.regionCode === '44')).toHaveLength(15);
    for (const t of data.territories) expect(t.phasesIllustrative).toBe(true);
    const sheets = data.territories.flatMap((t) => t.actionSheets.filter((s) => s.phase === 1));
    expect(sheets).toHaveLength(1800);
    expect(new Set(sheets.map((s) => s.axis))).toEqual(
      new Set(['ATTIRER', 'RECRUTER', 'INNOVER', 'SIMPLIFIER']),
    );
    for (const t of data.territories) expect(t.labelledYear).toBe(t.phases.includes(1) ? 2018 : 2023);
  });

  it('builds the phase-1-only territories on EPCIs no 2023 territory holds', () => {
    const phase2 = new Set(inPhase(2).flatMap((t) => t.groupements.map((g) => g.siren)));
    const only = data.territories.filter((t) => !t.phases.includes(2));
    expect(only.length).toBeGreaterThan(0);
    for (const t of only) {
      expect(t.illustrative).toBe(true);
      expect(t.projectLead).toBeNull();
      for (const siren of t.epciSirens) expect(phase2.has(siren)).toBe(false);
      expect(t.communeCodes).toEqual(t.epciSirens.flatMap((s) => geo.epcis.get(s)!.communeCodes).sort());
    }
  });

  it('places the real sites clés en main on their real territories, and 50 labelled in all', () => {
    const vatry = byId('ti-4411').sites.find((s) => s.name === 'ZAC de Vatry')!;
    const pomacle = byId('ti-4405').sites.find((s) => s.name === 'Pomacle-Bazancourt')!;
    expect(vatry).toMatchObject({ communeCode: '51595', illustrative: false });
    expect(pomacle).toMatchObject({ communeCode: '51439', illustrative: false });
    const sites = inPhase(2).flatMap((t) => t.sites.map((s) => ({ ...s, territory: t })));
    expect(sites.filter((s) => s.applicationStatus === 'LABELLED')).toHaveLength(50);
    expect(
      sites
        .filter((s) => !s.illustrative)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['Pomacle-Bazancourt', 'ZAC de Vatry']);
    for (const s of sites) expect(s.territory.communeCodes).toContain(s.communeCode);
  });

  it('gives every phase-2 territory 1 to 5 binômes and a project lead within the co-financing rules', () => {
    for (const t of inPhase(2)) {
      expect(t.binomes.length).toBeGreaterThanOrEqual(1);
      expect(t.binomes.length).toBeLessThanOrEqual(5);
      const lead = t.projectLead!;
      expect(lead.cofinancing.map((c) => c.year)).toEqual([2023, 2024, 2025, 2026]);
      for (const c of lead.cofinancing) {
        expect([30_000, 40_000]).toContain(c.stateCapEuros);
        expect(c.stateEuros).toBeLessThanOrEqual(c.stateCapEuros);
        expect(c.territoryEuros).toBeGreaterThanOrEqual(0.3 * (c.stateEuros + c.territoryEuros));
      }
    }
  });

  it('gives every company a SIREN that passes the Luhn checksum, and fictional contacts', () => {
    const binomes = data.territories.flatMap((t) => t.binomes);
    expect(binomes.length).toBeGreaterThan(183);
    for (const b of binomes) {
      expect(isValidSiren(b.companySiren)).toBe(true);
      expect(b.phone).toMatch(/^0\d( \d{2}){4}$/);
      expect(b.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
    }
  });

  it('generates missions of both kinds the deck names', () => {
    const missions = inPhase(2).flatMap((t) => t.missions);
    const short = missions.filter((m) => m.kind === 'SHORT_MISSION');
    const complex = missions.filter((m) => m.kind === 'COMPLEX_PROJECT');
    expect(short.length).toBeGreaterThan(0);
    expect(complex.length).toBeGreaterThan(0);
    expect(Math.max(...short.map((m) => m.totalEuros))).toBeLessThanOrEqual(60_000);
    expect(Math.min(...complex.map((m) => m.totalEuros))).toBeGreaterThanOrEqual(60_000);
  });

  it('says where the data comes from and which is illustrative', () => {
    expect(data.provenance).toMatch(/ANCT/);
    expect(data.provenance).toMatch(/BANATIC/);
    expect(data.provenance).toMatch(/COG 2024/);
    expect(data.provenance).toMatch(/Licence Ouverte/);
    expect(data.provenance).toMatch(/ILLUSTRATIVE/);
  });
});
