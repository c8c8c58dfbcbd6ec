import { describe, expect, it } from 'vitest';
import { answerVieSearch, vieSearchRoutes, type VieCollection } from '../protocols/vieSearch.ts';

interface Offer {
  id: number;
  title: string;
  zone: string;
  siren: number;
}
const collection: VieCollection<Offer> = {
  records: [
    { id: 1, title: 'Ingénieur méthodes', zone: '51108', siren: 552_100_554 },
    { id: 2, title: 'Chargée de développement', zone: '51454', siren: 552_100_554 },
    { id: 3, title: 'Ingenieur qualité', zone: '51108', siren: 775_670_417 },
  ],
  filters: { geographicZones: (o) => o.zone, entreprisesIds: (o) => o.siren },
  maxLimit: 2,
  idOf: (o) => o.id,
};
const search = (body: unknown) => answerVieSearch(collection, JSON.stringify(body));

describe('the VIE-like search route', () => {
  it('answers {count, result} with count over all pages', () => {
    expect(search({ limit: 2, skip: 0 })).toMatchObject({
      status: 200,
      json: { count: 3, result: [{ id: 1 }, { id: 2 }] },
    });
    expect(search({ limit: 2, skip: 2 })).toMatchObject({ json: { count: 3, result: [{ id: 3 }] } });
  });

  it('filters by zone (strings) and company (integers); empty lists and [0] mean any', () => {
    expect(search({ geographicZones: ['51108'] })).toMatchObject({ json: { count: 2 } });
    expect(search({ geographicZones: ['51108'], entreprisesIds: [775670417] })).toMatchObject({
      json: { count: 1, result: [{ id: 3 }] },
    });
    expect(search({ geographicZones: [], entreprisesIds: [0] })).toMatchObject({ json: { count: 3 } });
  });

  it('refuses an over-large page, a negative skip and wrong JSON types with a validation problem', () => {
    for (const body of [
      { limit: 3 },
      { skip: -1 },
      { limit: '2' },
      { geographicZones: '51108' },
      { geographicZones: [51108] },
      { entreprisesIds: ['552100554'] },
    ]) {
      const answer = search(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ title: 'One or more validation errors occurred.', status: 400 });
    }
    expect(answerVieSearch(collection, '{"limit": ').status).toBe(400);
  });

  it('ignores properties and filters it does not map, as an ASP.NET Core backend does', () => {
    expect(search({ limit: 1, query: 'x', missionsTypesIds: ['1'] })).toMatchObject({
      status: 200,
      json: { count: 3 },
    });
  });

  it('serves one record by id on the details route, 404 for an unknown one, 400 for a bad id', async () => {
    const details = vieSearchRoutes('offers', '/api/Offers', collection).find((r) => r.method === 'GET')!;
    const call = (id: string) =>
      details.handle({
        method: 'GET',
        path: '',
        query: new URLSearchParams(),
        headers: {},
        body: '',
        params: [id],
      });
    expect(await call('2')).toMatchObject({ status: 200, json: { id: 2, zone: '51454' } });
    expect(await call('9')).toMatchObject({ status: 404 });
    expect(await call('abc')).toMatchObject({ status: 400 });
    expect(details.path.test('/api/Offers/details/2')).toBe(true);
  });
});
