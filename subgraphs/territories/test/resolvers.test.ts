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

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createTerritoriesContext(store) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('territories subgraph', () => {
  it('answers the Marne overview with the seed figures', async () => {
    const result = await run(
      `{ department(code: "51") { name statistics { territoryCount territoriesEntirelyWithin binomeCount actionSheetCount byAxis { axis count percent } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const stats = (result.data as { department: { statistics: Record<string, unknown> } }).department
      .statistics;
    expect(stats).toMatchObject({
      territoryCount: 5,
      territoriesEntirelyWithin: 4,
      binomeCount: 14,
      actionSheetCount: 39,
    });
    expect(stats.byAxis).toEqual([
      { axis: 'COMPETENCES', count: 14, percent: 35.9 },
      { axis: 'FONCIER', count: 9, percent: 23.1 },
      { axis: 'INNOVATION', count: 6, percent: 15.4 },
      { axis: 'TRANSITION_ECOLOGIQUE', count: 10, percent: 25.6 },
    ]);
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
