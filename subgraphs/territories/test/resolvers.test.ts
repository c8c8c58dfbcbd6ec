// The territories subgraph through executeOperation, with no port: root fields, entities, bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import { readTerritoriesConfig } from '../src/config.js';
import type { TerritoriesContext } from '../src/context.js';
import { ProgrammeStore } from '../src/programmeStore.js';
import { createTerritoriesContext, createTerritoriesServer } from '../src/server.js';

let server: ApolloServer<TerritoriesContext>;
let store: ProgrammeStore;

beforeAll(async () => {
  store = ProgrammeStore.load(readTerritoriesConfig({ GATEWAY_SECRET: 'unused-in-process' }));
  server = createTerritoriesServer();
  await server.start();
});

/** The parts of `programmeFacts` the tests read field by field. */
type Facts = Record<string, unknown> & {
  governance: { statedIn: { quote: string } };
  industrialJobsCoverage: { populationShare: number };
  fondsAcceleration: { programme: string };
  fondsVert: { targetSectors: string[] };
  engineering: { kinds: { kind: string; missionCount: number }[]; examples: string[] };
  vte: { aidPerHire: { amount: number } };
};

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createTerritoriesContext(store) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('territories subgraph', () => {
  it('marks what is real and what is generated on every kind of record', async () => {
    const result = await run(
      `{ territory(id: "ti-4411") { name illustrative phasesIllustrative source { publisher dataset illustrative }
          binomes { illustrative source { illustrative } }
          projectLead { illustrative source { publisher illustrative } }
          actionSheets(first: 200) { nodes { illustrative source { illustrative } } }
          missions { kind illustrative source { illustrative } }
          sites { name illustrative source { publisher illustrative } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const t = (result.data as { territory: Record<string, unknown> }).territory as {
      binomes: { illustrative: boolean }[];
      actionSheets: { nodes: { illustrative: boolean }[] };
      sites: { name: string; illustrative: boolean; source: { publisher: string } }[];
    } & Record<string, unknown>;
    expect(t).toMatchObject({
      name: 'Pays de Châlons',
      illustrative: false,
      phasesIllustrative: true,
      source: { publisher: 'ANCT', dataset: 'programme-territoires-dindustrie', illustrative: false },
      projectLead: { illustrative: true, source: { illustrative: true } },
    });
    expect(t.binomes.length).toBeGreaterThan(0);
    expect(t.actionSheets.nodes.length).toBeGreaterThan(0);
    for (const record of [...t.binomes, ...t.actionSheets.nodes])
      expect(record).toMatchObject({ illustrative: true, source: { illustrative: true } });
    expect(t.sites).toContainEqual({
      name: 'ZAC de Vatry',
      illustrative: false,
      source: { publisher: 'DGE / ANCT', illustrative: false },
    });
  });

  it('places Pomacle-Bazancourt in the Grand Reims and gives phase-1-only territories their own ids', async () => {
    const result = await run(
      `{ reims: territory(id: "ti-4405") { name sites { name illustrative commune { inseeCode } } }
         phase1: territories(filter: { phase: 1 }, first: 200) { totalCount nodes { id illustrative phases source { illustrative } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      reims: {
        name: string;
        sites: { name: string; illustrative: boolean; commune: { inseeCode: string } }[];
      };
      phase1: { totalCount: number; nodes: { id: string; illustrative: boolean; phases: number[] }[] };
    };
    expect(data.reims.name).toBe('Grand Reims');
    expect(data.reims.sites).toContainEqual({
      name: 'Pomacle-Bazancourt',
      illustrative: false,
      commune: { inseeCode: '51439' },
    });
    const only = data.phase1.nodes.filter((t) => !t.phases.includes(2));
    expect(only.length).toBeGreaterThan(0);
    for (const t of only) {
      expect(t.id).toMatch(/^ti2018-\d{2}-\d{2}$/);
      expect(t).toMatchObject({ illustrative: true, source: { illustrative: true } });
    }
    const known = await run(`query ($id: ID!) { territory(id: $id) { id } }`, { id: only[0]!.id });
    expect(known.data).toEqual({ territory: { id: only[0]!.id } });
  });

  it('states the programme facts, each with the deck as its source', async () => {
    const result = await run(
      `{ programmeFacts {
          governance { coLeads { acronym } launched statedIn { slide quote source { publisher dataset } } }
          industrialJobsCoverage { national { percent atLeast } gainOverPhase1Points { percent } grandEst { percent atLeast } populationShare grandEstPopulationShare }
          fondsAcceleration { committed { amount } ofWhichStateRegion { amount statedIn { quote } } programme }
          fondsVert { nationalEnvelope { amount } grandEst2024 { amount } eligibleHolders targetSectors contact }
          ecolesDeProduction { target targetYear }
          engineering { kinds { kind label missionCount } examples }
          foncier { newSitesObjective { stated approximate computed agrees computedSource { illustrative } } applicationUrl }
          vte { aidPerHire { amount } }
          projectLeadOffer { stateCaps minimumTerritoryShare }
          phase1TerritoryCount { stated approximate computed agrees computedSource { illustrative } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const facts = (result.data as { programmeFacts: Facts }).programmeFacts;
    expect(facts.governance).toMatchObject({
      coLeads: [{ acronym: 'ANCT' }, { acronym: 'DGE' }],
      launched: '2018-11',
      statedIn: { source: { publisher: 'ANCT / DGE', dataset: "Présentation Territoires d'industrie 2024" } },
    });
    expect(facts.governance.statedIn.quote).toContain('co-porté ANCT et DGE');
    expect(facts.industrialJobsCoverage).toMatchObject({
      national: { percent: 68, atLeast: false },
      gainOverPhase1Points: { percent: 11 },
      grandEst: { percent: 75, atLeast: true },
    });
    // Population is not industrial jobs: the computed share is a different measure, below 1.
    expect(facts.industrialJobsCoverage.populationShare).toBeGreaterThan(0.3);
    expect(facts.industrialJobsCoverage.populationShare).toBeLessThan(1);
    expect(facts.fondsAcceleration).toMatchObject({
      committed: { amount: 1_300_000_000 },
      ofWhichStateRegion: { amount: 850_000_000 },
    });
    expect(facts.fondsAcceleration.programme).toMatch(/France Relance/);
    expect(facts.fondsVert).toMatchObject({
      nationalEnvelope: { amount: 100_000_000 },
      grandEst2024: { amount: 7_900_000 },
      eligibleHolders: ['personnes privées', 'groupements'],
      contact: 'Préfecture de région',
    });
    expect(facts.fondsVert.targetSectors).toHaveLength(6);
    expect(facts.ecolesDeProduction).toEqual({ target: 100, targetYear: 2027 });
    expect(facts.engineering.kinds.map((k) => k.kind)).toEqual(['SHORT_MISSION', 'COMPLEX_PROJECT']);
    expect(facts.engineering.kinds.every((k) => k.missionCount > 0)).toBe(true);
    expect(facts.engineering.examples).toHaveLength(3);
    expect(facts.foncier).toMatchObject({
      newSitesObjective: { stated: 50, approximate: true, computedSource: { illustrative: true } },
    });
    expect(facts.vte.aidPerHire.amount).toBe(4000);
    expect(facts.projectLeadOffer).toEqual({ stateCaps: [30000, 40000], minimumTerritoryShare: 0.3 });
    expect(facts.phase1TerritoryCount).toMatchObject({
      stated: 150,
      approximate: true,
      computed: 149,
      agrees: true,
    });
  });

  it('counts 183 phase-2 territories in 18 regions and 21 in Grand Est', async () => {
    const result = await run(
      `{ programme { territoryCount regionCount } region(code: "44") { p1: statistics(phase: 1) { territoryCount } p2: statistics { territoryCount } } }`,
    );
    expect(result.data).toEqual({
      programme: { territoryCount: 183, regionCount: 18 },
      region: { p1: { territoryCount: 15 }, p2: { territoryCount: 21 } },
    });
  });

  it('resolves Territory entities through _entities, null for an unknown id', async () => {
    const known = store.territoriesInPhase(2)[0]!;
    const result = await run(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory { id name communeCodes } } }`,
      {
        reps: [
          { __typename: 'Territory', id: known.id },
          { __typename: 'Territory', id: 'ti-9999' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const entities = (result.data as { _entities: ({ id: string; communeCodes: string[] } | null)[] })
      ._entities;
    expect(entities[0]).toMatchObject({ id: known.id, communeCodes: known.communeCodes });
    expect(entities[1]).toBeNull();
  });

  it('paginates territories with cursors until the last page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await run(
        `query ($after: String) { territories(filter: { regionCode: "44", phase: 2 }, first: 8, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const connection = (
        result.data as {
          territories: {
            totalCount: number;
            nodes: { id: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }
      ).territories;
      expect(connection.totalCount).toBe(21);
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
  });

  it('finds the territories of a commune by INSEE code', async () => {
    const territory = store.territoriesInPhase(2).find((t) => t.departmentCodes.includes('51'))!;
    const code = territory.communeCodes[0]!;
    const result = await run(`query ($code: String!) { territoriesOfCommune(inseeCode: $code) { id } }`, {
      code,
    });
    expect(
      (result.data as { territoriesOfCommune: { id: string }[] }).territoriesOfCommune.map((t) => t.id),
    ).toContain(territory.id);
  });

  it('returns null for an unknown territory and coded errors for bad arguments', async () => {
    const unknown = await run(`{ territory(id: "ti-9999") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ territory: null });

    const cases: [string, string][] = [
      [`{ territory(id: "Châlons") { id } }`, 'INVALID_ID'],
      [`{ territory(id: "ti2018-4401") { id } }`, 'INVALID_ID'],
      [`{ department(code: "51") { territories(attachment: MOSTLY) { id } } }`, 'GRAPHQL_VALIDATION_FAILED'],
      [`{ region(code: "99") { name } }`, 'UNKNOWN_REGION'],
      [`{ territories(filter: { regionCode: "ZZ" }) { totalCount } }`, 'UNKNOWN_REGION'],
      [`{ territories(first: 500) { totalCount } }`, 'PAGE_SIZE_OUT_OF_RANGE'],
      [`{ territories(first: -1) { totalCount } }`, 'PAGE_SIZE_OUT_OF_RANGE'],
      [`{ territories(after: "nope") { totalCount } }`, 'INVALID_CURSOR'],
      [`{ company(siren: "123456789") { siren } }`, 'INVALID_SIREN'],
      [`{ programme(phase: 3) { territoryCount } }`, 'BAD_USER_INPUT'],
    ];
    for (const [query, code] of cases) {
      const result = await run(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(result.errors?.[0]?.message, query).not.toMatch(/at .*\.ts/);
    }
  });

  it('keeps the project lead co-financing within the programme rules', async () => {
    const result = await run(
      `{ territories(filter: { phase: 2 }, first: 200) { nodes { projectLead { cofinancing { state stateCap territoryShare } } } } }`,
    );
    const leads = (
      result.data as {
        territories: {
          nodes: {
            projectLead: {
              cofinancing: { state: number; stateCap: number; territoryShare: number }[];
            } | null;
          }[];
        };
      }
    ).territories.nodes;
    expect(leads.length).toBe(183);
    for (const lead of leads) {
      expect(lead.projectLead).not.toBeNull();
      for (const year of lead.projectLead!.cofinancing) {
        expect([30000, 40000]).toContain(year.stateCap);
        expect(year.state).toBeLessThanOrEqual(year.stateCap);
        expect(year.territoryShare).toBeGreaterThanOrEqual(0.3);
      }
    }
  });
});
