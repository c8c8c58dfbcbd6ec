// The backbone end to end: the stack on free ports, queried through the gateway over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let graphql: string;

beforeAll(async () => {
  stack = await startTestStack();
  graphql = `${stack.gatewayUrl}/graphql`;
});
afterAll(() => stack?.stop());

describe('gateway over the territories subgraph', () => {
  it('answers /health', async () => {
    const response = await fetch(`${stack.gatewayUrl}/health`);
    expect(response.status).toBe(200);
  });

  it('answers the Marne overview with the real territories, the data beside the seed figures', async () => {
    const { status, body } = await postGraphQL<{
      department: {
        all: Record<string, number>;
        seedRule: Record<string, unknown>;
        territories: { id: string; name: string; departmentCodes: string[] }[];
        seedFigures: { territoryCount: number; rulesMatchingTerritoryCount: string[] };
      };
    }>(
      graphql,
      `{ department(code: "51") {
          all: statistics { territoryCount territoriesEntirelyWithin territoriesWithMajorityOfCommunesWithin territoriesWithMajorityOfPopulationWithin }
          seedRule: statistics(attachment: MAJORITY_OF_COMMUNES) { territoryCount binomeCount actionSheetCount byAxis { axis count } }
          territories { id name departmentCodes }
          seedFigures { territoryCount rulesMatchingTerritoryCount } } }`,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const department = body.data!.department;
    expect(department.all).toEqual({
      territoryCount: 6,
      territoriesEntirelyWithin: 4,
      territoriesWithMajorityOfCommunesWithin: 5,
      territoriesWithMajorityOfPopulationWithin: 4,
    });
    expect(department.seedRule).toEqual({
      territoryCount: 5,
      binomeCount: 14,
      actionSheetCount: 39,
      byAxis: [
        { axis: 'COMPETENCES', count: 14 },
        { axis: 'FONCIER', count: 9 },
        { axis: 'INNOVATION', count: 6 },
        { axis: 'TRANSITION_ECOLOGIQUE', count: 10 },
      ],
    });
    expect(department.territories.map((t) => [t.id, t.name])).toEqual([
      ['ti-4405', 'Grand Reims'],
      ['ti-4409', 'Ouest Champenois'],
      ['ti-4410', "Pays d'Epernay Terres de Champagne"],
      ['ti-4411', 'Pays de Châlons'],
      ['ti-4417', 'Sud Meuse Nord Haute-Marne'],
      ['ti-4421', 'Pays Vitryat'],
    ]);
    expect(department.territories.filter((t) => t.departmentCodes.length > 1).map((t) => t.id)).toEqual([
      'ti-4409',
      'ti-4417',
    ]);
    expect(department.seedFigures).toEqual({
      territoryCount: 5,
      rulesMatchingTerritoryCount: ['MAJORITY_OF_COMMUNES'],
    });
  });

  it('counts 183 territories in 18/18 regions, 21 in Grand Est, and states the facts with their source', async () => {
    const { body } = await postGraphQL(
      graphql,
      `{ programme { territoryCount regionCount } regions { code } region(code: "44") { statistics { territoryCount } }
         programmeFacts { phase2TerritoryCount { computed agrees } grandEstTerritoryCount { computed agrees }
           governance { coLeads { acronym } statedIn { source { publisher } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      programme: { territoryCount: 183, regionCount: 18 },
      region: { statistics: { territoryCount: 21 } },
      programmeFacts: {
        phase2TerritoryCount: { computed: 183, agrees: true },
        grandEstTerritoryCount: { computed: 21, agrees: true },
        governance: {
          coLeads: [{ acronym: 'ANCT' }, { acronym: 'DGE' }],
          statedIn: { source: { publisher: 'ANCT / DGE' } },
        },
      },
    });
    expect((body.data as { regions: unknown[] }).regions).toHaveLength(18);
  });

  it('gives null for an unknown territory and keeps serving after bad input', async () => {
    const unknown = await postGraphQL(graphql, `{ territory(id: "ti-9999") { id } }`);
    expect(unknown.body).toEqual({ data: { territory: null } });
    const bad = await postGraphQL(graphql, `{ territories(first: 100000) { totalCount } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
    expect(JSON.stringify(bad.body)).not.toMatch(/\.ts:\d+/);
    const region = await postGraphQL(graphql, `{ region(code: "ZZ") { name } }`);
    expect(region.body.errors?.[0]?.extensions?.code).toBe('UNKNOWN_REGION');
    const after = await postGraphQL(graphql, `{ territory(id: "ti-4411") { name } }`);
    expect(after.body).toEqual({ data: { territory: { name: 'Pays de Châlons' } } });
  });

  it('propagates the caller request id and sets one when absent', async () => {
    const given = await postGraphQL(graphql, `{ regions { code } }`, {}, { 'x-request-id': 'test-req-1' });
    expect(given.headers.get('x-request-id')).toBe('test-req-1');
    const generated = await postGraphQL(graphql, `{ regions { code } }`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL and its assets from the gateway itself', async () => {
    const page = await fetch(`${stack.gatewayUrl}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('/graphiql/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|jsdelivr)/);
    expect(html).toContain('MarneOverview');
    const browserGet = await fetch(`${stack.gatewayUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await browserGet.text()).toContain('<div id="graphiql">');
    for (const asset of ['graphiql.js', 'graphiql.css', 'react.js', 'react-dom.js']) {
      const response = await fetch(`${stack.gatewayUrl}/graphiql/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
    expect((await fetch(`${stack.gatewayUrl}/graphiql/../../package.json`)).status).toBe(404);
  });
});
