// The seed's figures checked against ANCT's real list: the test recomputes them from the data files
// themselves (data/anct/ and data/geo/, read here with nothing but a CSV parser) and compares with
// what the subgraph answers. Fixture fixtures/anct-real/ is a real 23-row extract of ANCT's
// liste-ti-com2023 file (provenance in its .source.txt).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServer } from '@apollo/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../kit/src/csv.ts';
import { readTerritoriesConfig } from '../src/config.js';
import type { TerritoriesContext } from '../src/context.js';
import { ProgrammeStore } from '../src/programmeStore.js';
import { createTerritoriesContext, createTerritoriesServer } from '../src/server.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const LIST = join(root, 'data', 'anct', 'anct_territoires_industrie_2023-2027_from_superposeur.json');

interface Raw {
  id: string;
  label: string;
  sirens: string[];
}
let raw: Raw[];
/** INSEE codes by groupement SIREN, read straight from epcicom.csv. */
const communesOfSiren = new Map<string, Set<string>>();
const departmentOf = new Map<string, string>();
let server: ApolloServer<TerritoriesContext>;
let store: ProgrammeStore;

beforeAll(async () => {
  const json = JSON.parse(readFileSync(LIST, 'utf8')) as {
    properties: { id_territoire: string; lib_territoire: string; liste_geo: string }[];
  };
  raw = json.properties.map((p) => ({
    id: p.id_territoire,
    label: p.lib_territoire,
    sirens: [...p.liste_geo.matchAll(/\((\d{9})\)/g)].map((m) => m[1]!),
  }));
  for (const row of parseCsvRecords(readFileSync(join(root, 'data', 'geo', 'epcicom.csv'), 'utf8'))) {
    for (const key of [row.siren!, row.siren_membre!]) {
      const set = communesOfSiren.get(key) ?? new Set<string>();
      // A member commune's own SIREN resolves to itself only; an EPCI's to all its members.
      if (key === row.siren || set.size === 0) set.add(row.insee!);
      communesOfSiren.set(key, set);
    }
  }
  for (const row of parseCsvRecords(readFileSync(join(root, 'data', 'geo', 'communes.csv'), 'utf8')))
    if (row.TYPECOM === 'COM') departmentOf.set(row.COM!, row.DEP!);

  store = ProgrammeStore.load(readTerritoriesConfig({ GATEWAY_SECRET: 'unused-in-process' }));
  server = createTerritoriesServer();
  await server.start();
});

async function run<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createTerritoriesContext(store) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  if (errors) throw new Error(JSON.stringify(errors));
  return data as T;
}

/** The communes of a raw territory, recomputed from epcicom.csv. */
function communesOf(t: Raw): Set<string> {
  const out = new Set<string>();
  for (const siren of t.sirens) for (const code of communesOfSiren.get(siren) ?? []) out.add(code);
  return out;
}

describe("ANCT's real list, recomputed from the files", () => {
  it('gives 183 territories in 18/18 regions and 21 in Grand Est, as the subgraph computes', async () => {
    const regions = new Set(raw.map((t) => t.id.slice(3, 5)));
    const grandEst = raw.filter((t) => t.id.startsWith('ti-44')).length;
    expect([raw.length, regions.size, grandEst]).toEqual([183, 18, 21]);

    const data = await run<{
      programmeFacts: Record<string, { stated: number; computed: number; agrees: boolean }>;
    }>(
      `{ programmeFacts {
          phase2TerritoryCount { stated computed agrees computedSource { illustrative } }
          phase2RegionCount { stated computed agrees }
          grandEstTerritoryCount { stated computed agrees } } }`,
    );
    const facts = data.programmeFacts;
    expect(facts.phase2TerritoryCount).toMatchObject({ stated: 183, computed: raw.length, agrees: true });
    expect(facts.phase2TerritoryCount).toMatchObject({ computedSource: { illustrative: false } });
    expect(facts.phase2RegionCount).toMatchObject({ stated: 18, computed: regions.size, agrees: true });
    expect(facts.grandEstTerritoryCount).toMatchObject({ stated: 21, computed: grandEst, agrees: true });
  });

  it('keeps every real id and label, the trailing no-break spaces trimmed', async () => {
    const withNbsp = raw.filter((t) => t.label.endsWith('\u00a0'));
    expect(withNbsp.length).toBeGreaterThan(0);
    const data = await run<{ territories: { nodes: { id: string; name: string; illustrative: boolean }[] } }>(
      `{ territories(filter: { phase: 2 }, first: 200) { nodes { id name illustrative } } }`,
    );
    const expected = raw.map((t) => ({ id: t.id, name: t.label.trim(), illustrative: false }));
    expect(data.territories.nodes).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
    expect(data.territories.nodes.find((t) => t.id === 'ti-4411')!.name).toBe('Pays de Châlons');
  });

  it('derives each territory’s communes through BANATIC, single-commune groupements included', () => {
    const singleCommune = raw.flatMap((t) => t.sirens.filter((s) => s.startsWith('21')));
    expect(singleCommune).toHaveLength(12);
    for (const t of raw)
      expect([...store.territory(t.id)!.communeCodes].sort(), t.id).toEqual([...communesOf(t)].sort());
    // Cercy-la-Tour (58046) is in the Nevers territory as a commune groupement; the other communes
    // of its EPCI (CC Bazois Loire Morvan, 200067882) are not.
    const nevers = store.territory('ti-2707')!.communeCodes;
    expect(nevers).toContain('58046');
    const bazois = [...communesOfSiren.get('200067882')!].filter((code) => code !== '58046');
    expect(bazois.length).toBeGreaterThan(0);
    for (const code of bazois) expect(nevers).not.toContain(code);
  });

  it('keeps the three EPT groupements absent from BANATIC, flagged, and counts them', async () => {
    const missing = raw.flatMap((t) => t.sirens.filter((s) => !communesOfSiren.has(s)).map((s) => [t.id, s]));
    expect(missing).toEqual([
      ['ti-1101', '200057990'],
      ['ti-1104', '200058097'],
      ['ti-1105', '200058014'],
    ]);
    const data = await run<{
      territories: {
        nodes: {
          id: string;
          communesComplete: boolean;
          groupements: { siren: string; kind: string; communesKnown: boolean }[];
        }[];
      };
    }>(
      `{ territories(filter: { regionCode: "11" }, first: 50) { nodes { id communesComplete groupements { siren kind communesKnown } } } }`,
    );
    const incomplete = data.territories.nodes.filter((t) => !t.communesComplete);
    expect(incomplete.map((t) => t.id)).toEqual(['ti-1101', 'ti-1104', 'ti-1105']);
    const epts = data.territories.nodes.flatMap((t) => t.groupements.filter((g) => g.kind === 'EPT'));
    expect(epts.map((g) => g.siren).sort()).toEqual(['200057990', '200058014', '200058097']);
    expect(epts.every((g) => !g.communesKnown)).toBe(true);
    // Grand Roissy Le Bourget keeps the communes of its other groupements.
    expect(store.territory('ti-1104')!.communeCodes.length).toBeGreaterThan(0);
  });

  it('places every commune of the real liste-ti-com2023 extract in the territory ANCT gives', () => {
    const rows = parseCsvRecords(
      readFileSync(
        join(here, 'fixtures', 'anct-real', 'anct_liste-ti-com2023_extract_from_hf_viewer.csv'),
        'utf8',
      ),
    );
    expect(rows).toHaveLength(23);
    for (const row of rows) {
      const territories = store.territoriesOfCommune(row.insee_com!);
      expect(
        territories.map((t) => [t.id, t.name]),
        row.insee_com,
      ).toContainEqual([row.id_ti, row.lib_ti]);
    }
  });
});

describe('the Marne puzzle', () => {
  it('finds six territories reaching the Marne, four entirely, as the files say', async () => {
    const inMarne = (t: Raw) => [...communesOf(t)].filter((c) => departmentOf.get(c) === '51').length;
    const reaching = raw
      .filter((t) => inMarne(t) > 0)
      .map((t) => ({ id: t.id, inside: inMarne(t), all: communesOf(t).size }));
    expect(reaching).toEqual([
      { id: 'ti-4405', inside: 143, all: 143 },
      { id: 'ti-4409', inside: 62, all: 116 },
      { id: 'ti-4410', inside: 112, all: 112 },
      { id: 'ti-4411', inside: 90, all: 90 },
      { id: 'ti-4417', inside: 10, all: 203 },
      { id: 'ti-4421', inside: 100, all: 100 },
    ]);
    const data = await run<{
      department: {
        territoryReach: {
          territory: { id: string };
          communesInDepartment: number;
          communeCount: number;
          entirely: boolean;
        }[];
        statistics: Record<string, number>;
      };
    }>(
      `{ department(code: "51") {
          territoryReach { territory { id } communesInDepartment communeCount entirely }
          statistics { territoryCount territoriesEntirelyWithin territoriesWithMajorityOfCommunesWithin territoriesWithMajorityOfPopulationWithin } } }`,
    );
    expect(
      data.department.territoryReach.map((r) => ({
        id: r.territory.id,
        inside: r.communesInDepartment,
        all: r.communeCount,
      })),
    ).toEqual(reaching);
    expect(data.department.territoryReach.filter((r) => r.entirely).map((r) => r.territory.id)).toEqual(
      reaching.filter((r) => r.inside === r.all).map((r) => r.id),
    );
    expect(data.department.statistics).toEqual({
      territoryCount: 6,
      territoriesEntirelyWithin: 4,
      territoriesWithMajorityOfCommunesWithin: 5,
      territoriesWithMajorityOfPopulationWithin: 4,
    });
  });

  it("shows the deck's figures beside the data's and the rule that gives the deck's 5", async () => {
    const data = await run<{ department: { seedFigures: Record<string, unknown> } }>(
      `{ department(code: "51") { seedFigures {
          territoryCount territoriesEntirelyWithin binomeCount actionSheetCount byAxis { axis percent }
          territoriesReaching territoriesEntirelyWithinByData rulesMatchingTerritoryCount explanation
          statedIn { slide quote source { publisher dataset illustrative } } } } }`,
    );
    const seed = data.department.seedFigures;
    expect(seed).toMatchObject({
      territoryCount: 5,
      territoriesEntirelyWithin: 4,
      binomeCount: 14,
      actionSheetCount: 39,
      byAxis: [
        { axis: 'COMPETENCES', percent: 35 },
        { axis: 'FONCIER', percent: 24 },
        { axis: 'INNOVATION', percent: 15 },
        { axis: 'TRANSITION_ECOLOGIQUE', percent: 26 },
      ],
      territoriesReaching: 6,
      territoriesEntirelyWithinByData: 4,
      rulesMatchingTerritoryCount: ['MAJORITY_OF_COMMUNES'],
      statedIn: {
        source: {
          publisher: 'ANCT / DGE',
          dataset: "Présentation Territoires d'industrie 2024",
          illustrative: false,
        },
      },
    });
    expect(seed.explanation).toMatch(/ti-4409 Ouest Champenois \(62 of 116 communes/);
    expect(seed.explanation).toMatch(/ti-4417 Sud Meuse Nord Haute-Marne \(10 of 203 communes/);
    const other = await run<{ department: { seedFigures: unknown } }>(
      `{ department(code: "10") { seedFigures { territoryCount } } }`,
    );
    expect(other.department.seedFigures).toBeNull();
  });

  it('generates 14 binômes and 39 sheets over the 5 majority territories, split 14/9/6/10', async () => {
    const data = await run<{
      department: {
        statistics: {
          territoryCount: number;
          binomeCount: number;
          actionSheetCount: number;
          byAxis: { axis: string; count: number; percent: number }[];
        };
        territories: {
          id: string;
          binomes: { illustrative: boolean; source: { illustrative: boolean } }[];
        }[];
      };
    }>(
      `{ department(code: "51") {
          statistics(attachment: MAJORITY_OF_COMMUNES) { territoryCount binomeCount actionSheetCount byAxis { axis count percent } }
          territories(attachment: MAJORITY_OF_COMMUNES) { id binomes { illustrative source { illustrative } } } } }`,
    );
    const { statistics, territories } = data.department;
    expect(territories.map((t) => t.id)).toEqual(['ti-4405', 'ti-4409', 'ti-4410', 'ti-4411', 'ti-4421']);
    expect(statistics).toMatchObject({ territoryCount: 5, binomeCount: 14, actionSheetCount: 39 });
    expect(statistics.byAxis).toEqual([
      { axis: 'COMPETENCES', count: 14, percent: 35.9 },
      { axis: 'FONCIER', count: 9, percent: 23.1 },
      { axis: 'INNOVATION', count: 6, percent: 15.4 },
      { axis: 'TRANSITION_ECOLOGIQUE', count: 10, percent: 25.6 },
    ]);
    // No split of 39 reproduces 35/24/15/26 % once rounded to whole percents.
    const stated = [35, 24, 15, 26];
    let exact = false;
    for (let a = 0; a <= 39; a++)
      for (let b = 0; a + b <= 39; b++)
        for (let c = 0; a + b + c <= 39; c++) {
          const split = [a, b, c, 39 - a - b - c].map((n) => Math.round((100 * n) / 39));
          if (split.every((p, i) => p === stated[i])) exact = true;
        }
    expect(exact).toBe(false);
    const binomes = territories.flatMap((t) => t.binomes);
    expect(binomes).toHaveLength(14);
    for (const b of binomes) expect(b).toEqual({ illustrative: true, source: { illustrative: true } });
  });
});
