// The simulated API Recherche d'entreprises serves the recorded real shape: the same keys at every
// level (envelope, company, siege, matching_etablissements, complements) with the same value
// types, so a client tested against it is tested against the real protocol.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createRechercheEntreprisesSimulator } from '../recherche-entreprises/rechercheEntreprisesSimulator.js';
import { readRechercheEntreprisesSimulatorConfig } from '../recherche-entreprises/config.js';
import { registryCommune } from '../recherche-entreprises/records.js';
import { loadWorld } from '../world.js';

type Json = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(
    new URL('../../kit/test/mirror/fixtures/recherche_entreprises_search_response.json', import.meta.url),
    'utf8',
  ),
) as Json;
const world = loadWorld();
const simulator = createRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig({}));

// Calls the simulator in-process, without a port.
async function get(path: string): Promise<{ status: number; body: Json }> {
  let status = 0;
  let text = '';
  const res = {
    writeHead(code: number) {
      status = code;
      return this;
    },
    end(payload?: string) {
      text = payload ?? '';
    },
  } as unknown as ServerResponse;
  const req = {
    url: path,
    method: 'GET',
    headers: {},
    socket: { destroy() {} },
  } as unknown as IncomingMessage;
  await simulator.handle(req, res);
  return { status, body: JSON.parse(text) as Json };
}

/** Each key with the JSON type of its value (null kept apart: the world leaves unknowns null). */
function shape(value: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]),
  );
}

function sameShape(simulated: Json, real: Json): void {
  expect(Object.keys(simulated).sort()).toEqual(Object.keys(real).sort());
  const s = shape(simulated);
  for (const [key, type] of Object.entries(shape(real))) {
    // A value the world does not know may be null where the recording has one; never another type.
    if (s[key] !== 'null' && type !== 'null') expect(`${key}: ${s[key]}`).toBe(`${key}: ${type}`);
  }
}

describe('the recherche-entreprises simulator', () => {
  const company = world.companies.find((c) => c.establishments.length > 1)!;

  it('answers a SIREN with the recorded envelope and company shape', async () => {
    const { status, body } = await get(`/search?q=${company.siren}&page=1&per_page=1`);
    expect(status).toBe(200);
    const { _source, ...realEnvelope } = recorded;
    expect(_source).toBeDefined();
    sameShape({ ...body, results: [] }, { ...realEnvelope, results: [] });
    expect(body).toMatchObject({ total_results: 1, page: 1, per_page: 1, total_pages: 1 });
    const [result] = body.results as Json[];
    const [real] = recorded.results as Json[];
    sameShape(result!, real!);
    sameShape(result!.siege as Json, real!.siege as Json);
    sameShape(result!.complements as Json, real!.complements as Json);
    sameShape((result!.matching_etablissements as Json[])[0]!, (real!.matching_etablissements as Json[])[0]!);
    expect(result).toMatchObject({
      siren: company.siren,
      siege: { siret: company.establishments[0]!.siret, est_siege: true },
    });
  });

  it('answers a SIRET with that establishment in matching_etablissements', async () => {
    const second = company.establishments[1]!;
    const { body } = await get(`/search?q=${second.siret}`);
    const [result] = body.results as Json[];
    expect((result!.matching_etablissements as Json[]).map((e) => e.siret)).toEqual([second.siret]);
    expect((result!.siege as Json).siret).toBe(company.establishments[0]!.siret);
  });

  it('finds nothing for an unknown SIREN, and refuses a short query or a page size over 25', async () => {
    expect((await get('/search?q=350555067')).body).toEqual({
      results: [],
      total_results: 0,
      page: 1,
      per_page: 10,
      total_pages: 0,
    });
    expect((await get('/search?q=ab')).status).toBe(400);
    expect((await get(`/search?q=${company.siren}&per_page=26`)).status).toBe(400);
  });

  it('gives Paris, Lyon and Marseille establishments an arrondissement code, as the real API does', () => {
    expect(registryCommune('75056', '13002526500013')).toMatch(/^751(0[1-9]|1\d|20)$/);
    expect(registryCommune('69123', '12345678900017')).toMatch(/^6938[1-9]$/);
    expect(registryCommune('13055', '12345678900017')).toMatch(/^132(0[1-9]|1[0-6])$/);
    expect(registryCommune('51108', '12345678900017')).toBe('51108');
  });
});
