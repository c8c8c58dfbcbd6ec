// Checks that data/programme/programme.json reproduces the programme's published figures
// (DESIGN.md) on the real geography, and that it is exactly what the generator produces.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidSiren } from '../../kit/src/reference/companyIds.ts';
import { generateProgramme } from '../programme/generateProgramme.ts';
import { loadGeography } from '../../kit/src/reference/geography.ts';
import type {
  Axis,
  Geography,
  ProgrammeDataset,
  TerritoryRecord,
} from '../../kit/src/reference/programme.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'data', 'programme', 'programme.json');
let geo: Geography;
let data: ProgrammeDataset;

const inPhase = (phase: 1 | 2): TerritoryRecord[] => data.territories.filter((t) => t.phases.includes(phase));
const departmentsOf = (t: TerritoryRecord): Set<string> =>
  new Set(t.communeCodes.map((code) => geo.communes.get(code)!.departmentCode));
const marne = (): TerritoryRecord[] => data.territories.filter((t) => departmentsOf(t).has('51'));
const byId = (id: string): TerritoryRecord => data.territories.find((t) => t.id === id)!;

beforeAll(() => {
  geo = loadGeography(join(root, 'data', 'geo'));
  data = JSON.parse(readFileSync(file, 'utf8')) as ProgrammeDataset;
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

  it('reads quoted EPCI names that contain commas', () => {
    expect(geo.epcis.get('200067684')!.name).toBe('CA Epernay, Coteaux et Plaine de Champagne');
  });

  it('names the missing file when a folder lacks the geography', () => {
    expect(() => loadGeography(join(root, 'no-such-folder'))).toThrow(/regions\.csv: file not found/);
  });
});

describe('the generated programme', () => {
  it('is exactly what the generator produces today', () => {
    expect(generateProgramme(geo)).toEqual(data);
  });

  it('is the same on two runs of the generator', () => {
    expect(generateProgramme(geo)).toEqual(generateProgramme(geo));
  });

  it('stays under 4 MB', () => {
    expect(statSync(file).size).toBeLessThan(4_000_000);
  });

  it('has 183 phase-2 territories in all 18 regions', () => {
    const phase2 = inPhase(2);
    expect(phase2).toHaveLength(183);
    expect(new Set(phase2.map((t) => t.regionCode)).size).toBe(18);
    for (const overseas of ['01', '02', '03', '04', '06']) {
      expect(phase2.filter((t) => t.regionCode === overseas)).toHaveLength(1);
    }
  });

  it('has 150 phase-1 territories carrying 1,800 phase-1 action sheets', () => {
    const phase1 = inPhase(1);
    expect(phase1).toHaveLength(150);
    const sheets = data.territories.flatMap((t) => t.actionSheets.filter((s) => s.phase === 1));
    expect(sheets).toHaveLength(1800);
    expect(phase1.every((t) => t.actionSheets.some((s) => s.phase === 1))).toBe(true);
    expect(new Set(sheets.map((s) => s.axis))).toEqual(
      new Set(['ATTIRER', 'RECRUTER', 'INNOVER', 'SIMPLIFIER']),
    );
    expect(sheets.every((s) => s.status === 'DONE' || s.status === 'ABANDONED')).toBe(true);
  });

  it('dates territories by their first phase', () => {
    for (const t of data.territories) expect(t.labelledYear).toBe(t.phases.includes(1) ? 2018 : 2023);
    expect(data.territories.filter((t) => t.phases.length === 1 && t.phases[0] === 1).length).toBeGreaterThan(
      0,
    );
  });

  it('gives Grand Est 21 territories in phase 2 and 15 in phase 1', () => {
    expect(inPhase(2).filter((t) => t.regionCode === '44')).toHaveLength(21);
    expect(inPhase(1).filter((t) => t.regionCode === '44')).toHaveLength(15);
  });

  it('keeps over 80 % of the Grand Est communes labelled in 2018 in a phase-2 territory', () => {
    const labelled2018 = new Set(
      inPhase(1)
        .filter((t) => t.regionCode === '44')
        .flatMap((t) => t.communeCodes),
    );
    const phase2 = new Set(inPhase(2).flatMap((t) => t.communeCodes));
    const renewed = [...labelled2018].filter((code) => phase2.has(code)).length;
    expect(renewed / labelled2018.size).toBeGreaterThan(0.8);
  });

  it('gives the Marne 5 territories, 4 of them entirely in the department', () => {
    const territories = marne();
    expect(territories.map((t) => t.id).sort()).toEqual([
      'ti-4403',
      'ti-4405',
      'ti-4409',
      'ti-4412',
      'ti-4418',
    ]);
    const entirely = territories.filter((t) => [...departmentsOf(t)].every((d) => d === '51'));
    expect(entirely).toHaveLength(4);
    expect(territories.find((t) => !entirely.includes(t))!.name).toBe('Sud Meuse Nord Haute-Marne');
  });

  it('gives the Marne 14 binômes and 39 actions typed 14 / 9 / 6 / 10', () => {
    const territories = marne();
    expect(territories.reduce((n, t) => n + t.binomes.length, 0)).toBe(14);
    const sheets = territories.flatMap((t) => t.actionSheets.filter((s) => s.phase === 2));
    expect(sheets).toHaveLength(39);
    const count = (axis: Axis): number => sheets.filter((s) => s.axis === axis).length;
    expect([
      count('COMPETENCES'),
      count('FONCIER'),
      count('INNOVATION'),
      count('TRANSITION_ECOLOGIQUE'),
    ]).toEqual([14, 9, 6, 10]);
  });

  it('keeps the real territories with their real EPCIs', () => {
    expect(byId('ti-4405')).toMatchObject({ name: 'Pays de Châlons', phases: [2], illustrative: false });
    expect(byId('ti-4405').epciSirens).toEqual(['200066876', '200042620', '200043438']);
    expect(byId('ti-4403')).toMatchObject({
      name: 'Bazancourt-Pomacle',
      phases: [1, 2],
      epciSirens: ['200067213'],
    });
    expect([...byId('ti-4418').epciSirens].sort()).toEqual([
      '200033025',
      '200044253',
      '200066108',
      '200068666',
    ]);
    expect([...byId('ti-4418').departmentCodes].sort()).toEqual(['51', '52', '55']);
    expect(byId('ti-8402').name).toBe('Bassin de Bourg-en-Bresse');
    expect(byId('ti-8413').name).toBe('Plastics Vallée – Oyonnax');
    const real = data.territories
      .filter((t) => !t.illustrative)
      .map((t) => t.id)
      .sort();
    expect(real).toEqual(['ti-4403', 'ti-4405', 'ti-4418', 'ti-8402', 'ti-8413']);
  });

  it('lists 50 labelled sites clés en main, Vatry and Pomacle-Bazancourt among them', () => {
    const sites = inPhase(2).flatMap((t) => t.sites.map((s) => ({ ...s, territory: t })));
    expect(sites.filter((s) => s.applicationStatus === 'LABELLED')).toHaveLength(50);
    expect(sites.some((s) => s.applicationStatus === 'UNDER_REVIEW')).toBe(true);
    expect(byId('ti-4405').sites.map((s) => s.name)).toContain('ZAC de Vatry');
    expect(byId('ti-4403').sites.map((s) => s.name)).toContain('Pomacle-Bazancourt');
    for (const s of sites) {
      expect(s.territory.communeCodes).toContain(s.communeCode);
      expect(s.territory.sites.length).toBeLessThanOrEqual(2);
    }
  });

  it('uses ANCT-style ids for territories and their sheets', () => {
    for (const t of data.territories) {
      expect(t.id).toMatch(/^ti-\d{4}$/);
      expect(geo.regions.has(t.id.slice(3, 5))).toBe(true);
      expect(t.id.slice(3, 5)).toBe(t.regionCode);
      for (const s of t.actionSheets)
        expect(s.id).toMatch(s.phase === 1 ? /^ti-\d{4}-p1-fa-\d{2}$/ : /^ti-\d{4}-fa-\d{2}$/);
    }
    const ids = data.territories.flatMap((t) => [t.id, ...t.actionSheets.map((s) => s.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every phase-2 territory 4 to 12 phase-2 sheets, about 10 % under review', () => {
    const sheets = inPhase(2).flatMap((t) => t.actionSheets.filter((s) => s.phase === 2));
    for (const t of inPhase(2)) {
      const n = t.actionSheets.filter((s) => s.phase === 2).length;
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(12);
    }
    const underReview = sheets.filter((s) => s.status === 'UNDER_REVIEW').length / sheets.length;
    expect(underReview).toBeGreaterThan(0.05);
    expect(underReview).toBeLessThan(0.15);
    for (const s of data.territories.flatMap((t) => t.actionSheets)) {
      expect(Number.isInteger(s.budgetEuros)).toBe(true);
      expect(s.budgetEuros).toBeGreaterThanOrEqual(20_000);
      expect(s.budgetEuros).toBeLessThanOrEqual(3_000_000);
    }
  });

  it('gives every phase-2 territory 1 to 5 binômes and a co-financed project lead', () => {
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
    for (const t of data.territories.filter((t) => !t.phases.includes(2))) expect(t.projectLead).toBeNull();
  });

  it('gives every company a SIREN that passes the Luhn checksum, and French contact details', () => {
    const binomes = data.territories.flatMap((t) => t.binomes);
    expect(binomes.length).toBeGreaterThan(183);
    for (const b of binomes) {
      expect(isValidSiren(b.companySiren)).toBe(true);
      expect(b.phone).toMatch(/^0\d( \d{2}){4}$/);
      expect(b.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
    }
  });

  it('keeps the EPCIs of the territories of one phase disjoint, on the real geography', () => {
    for (const phase of [1, 2] as const) {
      const sirens = inPhase(phase).flatMap((t) => t.epciSirens);
      expect(new Set(sirens).size).toBe(sirens.length);
    }
    for (const t of data.territories) {
      expect(t.epciSirens.length).toBeGreaterThanOrEqual(1);
      expect(t.epciSirens.length).toBeLessThanOrEqual(4);
      const expected = t.epciSirens.flatMap((s) => geo.epcis.get(s)!.communeCodes).sort();
      expect(t.communeCodes).toEqual(expected);
      expect([...t.departmentCodes].sort()).toEqual([...departmentsOf(t)].sort());
    }
  });

  it('says where the figures come from and which are illustrative', () => {
    expect(data.provenance).toMatch(/COG 2024/);
    expect(data.provenance).toMatch(/BANATIC/);
    expect(data.provenance).toMatch(/Licence Ouverte 2\.0/);
    expect(data.provenance).toMatch(/liste-ti-grpt2023/);
  });
});
