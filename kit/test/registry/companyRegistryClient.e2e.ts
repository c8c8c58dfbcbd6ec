// The company registry client against a recorded real answer of API Recherche d'entreprises
// (kit/test/mirror/fixtures/recherche_entreprises_search_response.json, provenance in PROVENANCE.md)
// served byte for byte, and against its simulator: every mapped field, the Paris arrondissement
// folded into the city, unknown and invalid ids, failures in their own slot, and the pace.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompanyRegistryClient,
  RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS,
  type RegistryAnswer,
} from '../../src/registry/companyRegistryClient.js';
import { UpstreamClient } from '../../src/upstream/upstreamClient.js';
import type { RunningServer } from '../../src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createRechercheEntreprisesSimulator } from '../../../sim/recherche-entreprises/rechercheEntreprisesSimulator.js';
import { readRechercheEntreprisesSimulatorConfig } from '../../../sim/recherche-entreprises/config.js';
import { loadWorld } from '../../../sim/world.js';

const FIXTURE = readFileSync(
  new URL('../mirror/fixtures/recherche_entreprises_search_response.json', import.meta.url),
  'utf8',
);

function clientOf(baseUrl: string, minIntervalMs = 0, retries = 0): CompanyRegistryClient {
  return new CompanyRegistryClient(
    new UpstreamClient({
      operator: 'recherche-entreprises',
      baseUrl,
      timeoutMs: 3_000,
      retries,
      cache: new Keyv(),
      ttlMs: 60_000,
      minIntervalMs,
    }),
  );
}

function failureOf(answer: RegistryAnswer | undefined): Record<string, unknown> {
  if (!answer || !('error' in answer)) throw new Error(`expected a failure, got ${JSON.stringify(answer)}`);
  return answer.error.extensions;
}

function found(answer: RegistryAnswer | undefined) {
  if (!answer || !('found' in answer))
    throw new Error(`expected a found company, got ${JSON.stringify(answer)}`);
  return answer.found;
}

describe('CompanyRegistryClient on the recorded real answer', () => {
  let server: Server;
  let url: string;
  const asked: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
      asked.push(req.url ?? '');
      if (q === '130025265' || q === '13002526500013') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(FIXTURE);
      } else if (q === '552100554') {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      } else {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ results: [], total_results: 0, page: 1, per_page: 1, total_pages: 0 }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('maps every field of the head office, with the Paris arrondissement folded into Paris', async () => {
    const [answer] = await clientOf(url).lookup(['130025265']);
    expect(found(answer)).toEqual({
      record_key: '130025265',
      siren: '130025265',
      siret_siege: '13002526500013',
      nom_complet: 'DIRECTION INTERMINISTERIELLE DU NUMERIQUE (DINUM)',
      // The recording says 75107 (Paris 7e); the geography knows Paris as 75056.
      commune_code: '75056',
      code_postal: '75007',
      epci_siren: '200054781',
      department_code: '75',
      region_code: '11',
      latitude: 48.850699,
      longitude: 2.308628,
      etat_administratif: 'A',
    });
    expect(asked.at(-1)).toBe('/search?q=130025265&page=1&per_page=1');
  });

  it('answers in key order, one slot per id: a SIRET by its SIREN, unknown, invalid and failed ones', async () => {
    const answers = await clientOf(url).lookup(['13002526500013', '350555067', 'n/a', '552100554']);
    expect(answers.map((a) => a.id)).toEqual(['13002526500013', '350555067', 'n/a', '552100554']);
    expect(found(answers[0]).siren).toBe('130025265');
    expect(answers[1]).toEqual({ id: '350555067', notFound: true });
    expect(answers[2]).toMatchObject({ id: 'n/a', invalid: expect.stringContaining('"n/a"') });
    expect(failureOf(answers[3])).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      operator: 'recherche-entreprises',
    });
  });

  it('asks the same SIREN once, and the cache answers it afterwards', async () => {
    const client = clientOf(url);
    const before = asked.length;
    await client.lookup(['130025265', '13002526500013']);
    await client.lookup(['130025265']);
    expect(asked.length - before).toBe(1);
  });
});

describe('CompanyRegistryClient against the simulator', () => {
  const world = loadWorld();
  let simulator: Simulator;
  let running: RunningServer;
  beforeAll(async () => {
    simulator = createRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig({}));
    running = await listenSimulator(simulator, 0);
  });
  afterAll(() => running.close());

  it("finds world companies' head offices and stays under the API's 7 requests a second", async () => {
    const companies = world.companies.slice(0, 12);
    const started = Date.now();
    const answers = await clientOf(running.url, RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS, 2).lookup(
      companies.map((c) => c.siren),
    );
    const elapsed = Date.now() - started;
    expect(answers.map((a) => found(a).commune_code)).toEqual(
      companies.map((c) => c.establishments[0]!.commune.code),
    );
    // 12 calls paced at 154 ms: the simulator (7 a second) never had to refuse one.
    expect(simulator.stats().outcomes.throttled).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(11 * RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS - 20);
  });

  it('reports the simulator answering 429 as a failure in that slot, not a crash', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const [answer] = await clientOf(running.url).lookup([world.companies[20]!.siren]);
    expect(failureOf(answer).code).toBe('UPSTREAM_RATE_LIMITED');
  });
});
