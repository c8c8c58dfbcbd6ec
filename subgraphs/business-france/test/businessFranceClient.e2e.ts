// The Business France client against its simulated backend (VIE-like search): projects and
// promoted sites by commune, projects by company.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { readBusinessFranceSimulatorConfig } from '../../../sim/business-france/config.js';
import { buildBusinessFranceRecords } from '../../../sim/business-france/records.js';
import { createBusinessFranceSimulator } from '../../../sim/business-france/businessFranceSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { BusinessFranceClient } from '../src/businessFranceClient.js';

const world = loadWorld();
const config = readBusinessFranceSimulatorConfig({});
const published = buildBusinessFranceRecords(world, config.programmeFile);
const allCommunes = [...new Set(world.territories.flatMap((t) => t.communeCodes))];

let simulator: Simulator;
let server: RunningServer;
let client: BusinessFranceClient;

beforeAll(async () => {
  simulator = createBusinessFranceSimulator(config);
  server = await listenSimulator(simulator, 0);
  const upstream = new UpstreamClient({
    operator: 'business-france',
    baseUrl: server.url,
    timeoutMs: 5_000,
    retries: 2,
    cache: new Keyv(),
    ttlMs: 60_000,
    minIntervalMs: 110,
  });
  client = new BusinessFranceClient(new VieSearchClient(upstream, { maxLimit: 100 }), server.url);
});
afterAll(() => server.close());

describe('BusinessFranceClient against its simulator', () => {
  it('reads every project of every territory commune, one search per list of 1,000 codes', async () => {
    simulator.reset();
    const found = await client.projectsInCommunes(allCommunes);
    expect(found.items.length).toBe(published.projects.length);
    const lists = Math.ceil(allCommunes.length / 1_000);
    const calls = simulator.stats().calls['projects/search'] ?? 0;
    expect(calls).toBeGreaterThanOrEqual(lists);
    expect(calls).toBeLessThanOrEqual(lists + Math.ceil(found.items.length / 100));
  });

  it('reads the projects of many companies over several pages of 100', async () => {
    simulator.reset();
    const sirens = published.projects.flatMap((p) => (p.siren ? [p.siren] : []));
    const found = await client.projectsOfCompanies(sirens);
    expect(found.items).toHaveLength(sirens.length);
    expect(sirens.length).toBeGreaterThan(100);
    expect(simulator.stats().calls['projects/search']).toBe(Math.ceil(sirens.length / 100));
  });

  it('finds the promoted sites clés en main, Vatry and Pomacle-Bazancourt among them', async () => {
    const found = await client.sitesInCommunes(['51595', '51439']);
    expect(found.items.map((s) => s.name).sort()).toEqual(['Pomacle-Bazancourt', 'ZAC de Vatry']);
  });

  it("finds a company's projects by SIREN", async () => {
    const project = published.projects.find((p) => p.siren !== null)!;
    const found = await client.projectsOfCompanies([project.siren!]);
    expect(found.items.map((p) => p.id)).toContain(project.projectReference);
    expect(new Set(found.items.map((p) => p.siren))).toEqual(new Set([project.siren]));
  });

  it('marks every record illustrative with its source, even pointed at another host', async () => {
    const found = await client.sitesInCommunes(['51595']);
    expect(found.items.length).toBeGreaterThan(0);
    for (const site of found.items)
      expect(site.source).toMatchObject({ publisher: 'Business France', illustrative: true });
    const elsewhere = new BusinessFranceClient(
      new VieSearchClient(
        new UpstreamClient({
          operator: 'bf',
          baseUrl: server.url,
          timeoutMs: 1,
          retries: 0,
          cache: new Keyv(),
          ttlMs: 0,
        }),
        { maxLimit: 100 },
      ),
      'https://civiweb-api-prd.azurewebsites.net',
    );
    expect(elsewhere.source('projects', null)).toMatchObject({ illustrative: true, retrievedAt: null });
  });
});
