// The France Travail client against its simulator: token life cycle, range pagination and its
// caps, 206/204, 429 then success, the upstream's own refusals, and garbage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { listenSimulator } from '../../../sim/kit/simulator.js';
import {
  SEARCH_PATH,
  createFranceTravailSimulator,
  type FranceTravailSimulator,
} from '../../../sim/france-travail/franceTravailSimulator.js';
import { buildOffers } from '../../../sim/france-travail/records.js';
import { loadWorld } from '../../../sim/world.js';
import { DEFAULT_SCOPE } from '../src/config.js';
import { FranceTravailClient } from '../src/franceTravailClient.js';

const world = loadWorld();
const offers = buildOffers(world);
let clock = Date.parse('2025-01-01T00:00:00Z');
let simulator: FranceTravailSimulator;
let server: RunningServer;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  simulator = createFranceTravailSimulator({
    clientId: 'id',
    clientSecret: 'secret',
    world,
    now: () => clock,
  });
  server = await listenSimulator(simulator, 0);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});
beforeEach(() => simulator.reset());

function makeClient(options: { communesPerCall?: number; secret?: string; scope?: string } = {}) {
  const common = {
    operator: 'france-travail',
    label: 'France Travail',
    baseUrl: server.url,
    timeoutMs: 2_000,
  };
  const api = new UpstreamClient({ ...common, retries: 2, retryBaseMs: 1, cache: new Keyv(), ttlMs: 60_000 });
  const auth = new UpstreamClient({ ...common, retries: 0, cache: new Keyv(), ttlMs: 0 });
  clients.push(api, auth);
  const client = new FranceTravailClient({
    api,
    auth,
    clientId: 'id',
    clientSecret: options.secret ?? 'secret',
    scope: options.scope ?? DEFAULT_SCOPE,
    communesPerCall: options.communesPerCall ?? 50,
    renewMarginMs: 60_000,
    now: () => clock,
  });
  return { client, api };
}

const calls = (route: string) => simulator.stats().calls[route] ?? 0;
const inDepartment = (code: string) => offers.filter((o) => o.lieuTravail.libelle.startsWith(`${code} - `));

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    return error as CodedError;
  }
  throw new Error('expected a failure');
}

describe('FranceTravailClient', () => {
  it('reads every page of a search with range p-d, 150 offers at a time', async () => {
    const expected = inDepartment('51');
    expect(expected.length).toBeGreaterThan(300);
    const found = await makeClient().client.searchOffers({ departments: ['51'] });
    expect(found.total).toBe(expected.length);
    expect(found.offers.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(calls('offres/search')).toBe(Math.ceil(expected.length / 150));
    expect(calls('access_token')).toBe(1);
  });

  it('splits a long list of communes into several calls and merges the offers', async () => {
    const territory = world.territoryById.get('ti-4418')!;
    const communes = new Set(territory.communeCodes);
    const expected = offers.filter((o) => communes.has(o.lieuTravail.commune));
    const found = await makeClient({ communesPerCall: 50 }).client.searchOffers({
      communes: territory.communeCodes,
    });
    expect(found.offers.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(calls('offres/search')).toBe(Math.ceil(territory.communeCodes.length / 50));
  });

  it('stops at the 3,150th offer and says the rest was out of reach', async () => {
    const found = await makeClient().client.searchOffers({});
    expect(found.total).toBe(offers.length);
    expect(found.offers).toHaveLength(3150);
    expect(found.truncated).toBe(true);
    // 21 pages answered (0-149 … 3000-3149); a burst past 10 calls/s was throttled and retried.
    const { outcomes } = simulator.stats();
    expect(outcomes.ok - calls('access_token')).toBe(21);
    expect(calls('offres/search')).toBe(21 + outcomes.throttled);
  });

  it('reads a 200 without Content-Range paging, and a 204 as no offers', async () => {
    const one = offers[0]!.lieuTravail.commune;
    const { client, api } = makeClient();
    const raw = await api.request({
      method: 'GET',
      path: SEARCH_PATH,
      params: { commune: one },
      headers: { authorization: `Bearer ${await freshToken()}` },
      parse: (_body, status, headers) => ({ status, range: headers['content-range'] }),
    });
    expect(raw.value.status).toBe(200);
    expect((await client.searchOffers({ communes: [one] })).offers.length).toBe(
      offers.filter((o) => o.lieuTravail.commune === one).length,
    );
    const none = await client.searchOffers({ communes: ['75056'] });
    expect(none).toMatchObject({ offers: [], total: 0, truncated: false });
  });

  it('waits out a 429 and returns the answer that follows', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const found = await makeClient().client.searchOffers({ departments: ['08'] });
    expect(found.total).toBe(inDepartment('08').length);
    expect(simulator.stats().outcomes.throttled).toBe(1);
  });

  it('renews the token shortly before it expires, without waiting for a 401', async () => {
    const { client } = makeClient();
    await client.searchOffers({ departments: ['10'] });
    clock += 1_450_000; // 1,450 s of a 1,499 s token: inside the renewal margin
    await client.searchOffers({ departments: ['52'] });
    expect(calls('access_token')).toBe(2);
    expect(simulator.stats().outcomes.ok).toBe(calls('access_token') + calls('offres/search'));
  });

  it('renews the token on a 401 and repeats the call once', async () => {
    const { client } = makeClient();
    await client.searchOffers({ departments: ['55'] });
    simulator.revokeTokens();
    const found = await client.searchOffers({ departments: ['57'] });
    expect(found.total).toBe(inDepartment('57').length);
    expect(calls('access_token')).toBe(2);
  });

  it('reports refused credentials with the token endpoint’s own words', async () => {
    const error = await failure(makeClient({ secret: 'wrong' }).client.searchOffers({ departments: ['51'] }));
    expect(error.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(error.message).toContain('Client authentication failed');
    expect(calls('offres/search')).toBe(0);
  });

  it('passes on the search’s own 400 for a range over 150, a start past 3,000, or too many communes', async () => {
    const { api } = makeClient();
    const token = await freshToken();
    const search = (params: Record<string, string>) =>
      api.request({
        method: 'GET',
        path: SEARCH_PATH,
        params,
        headers: { authorization: `Bearer ${token}` },
        parse: () => 0,
      });
    const wide = await failure(search({ range: '0-199' }));
    expect(wide).toMatchObject({ code: ErrorCode.UPSTREAM_REJECTED, details: { status: 400 } });
    expect(wide.message).toContain('La plage de résultats demandée est trop importante');
    expect((await failure(search({ range: '3001-3010' }))).message).toContain('inférieure ou égale à 3000');
    const many = await failure(
      makeClient({ communesPerCall: 60 }).client.searchOffers({
        communes: world.territoryById.get('ti-4418')!.communeCodes,
      }),
    );
    expect(many.message).toContain('au plus 50 codes INSEE');
  });

  it('turns truncated JSON and numbers sent as text into UPSTREAM_BAD_RESPONSE', async () => {
    simulator.setFaults({ garbage: 'malformed' });
    expect((await failure(makeClient().client.searchOffers({ departments: ['51'] }))).code).toBe(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
    );
    simulator.setFaults({ garbage: 'wrong-types' });
    const drifted = await failure(makeClient().client.searchOffers({ departments: ['51'] }));
    expect(drifted).toMatchObject({
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
      details: { operator: 'france-travail' },
    });
  });

  it('reads a Marché du travail indicator in its documented shape, one department per call', async () => {
    const answer = await makeClient().client.indicator('stat-demandeurs', '51');
    expect(answer.indicator.values.length).toBeGreaterThan(0);
    expect(new Set(answer.indicator.values.map((v) => v.territoryCode))).toEqual(new Set(['51']));
    expect(answer.indicator.values.every((v) => typeof v.value === 'number')).toBe(true);
    expect(calls('indicateur')).toBe(1);
  });

  it('gets the empty 403 of the Marché du travail API when the token lacks offresetdemandesemploi', async () => {
    const { client } = makeClient({
      scope: 'api_offresdemploiv2 o2dsoffre api_stats-offres-demandes-emploiv1',
    });
    const error = await failure(client.indicator('stat-demandeurs', '51'));
    expect(error).toMatchObject({ code: ErrorCode.UPSTREAM_REJECTED, details: { status: 403 } });
  });
});

/** A valid token straight from the simulator's token endpoint. */
async function freshToken(): Promise<string> {
  const answer = await fetch(`${server.url}/connexion/oauth2/access_token?realm=/partenaire`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'secret' }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}
