import { describe, expect, it } from 'vitest';
import { answerVieSearch, type VieCollection } from '../protocols/vieSearch.ts';

interface Offer {
  id: number;
  title: string;
  countryId: string;
  date: string;
}
const collection: VieCollection<Offer> = {
  records: [
    { id: 1, title: 'Ingénieur méthodes', countryId: '90', date: '2024-01-01' },
    { id: 2, title: 'Chargée de développement', countryId: '12', date: '2024-03-01' },
    { id: 3, title: 'Ingenieur qualité', countryId: '90', date: '2024-02-01' },
  ],
  text: (o) => o.title,
  filters: { countriesIds: (o) => o.countryId },
  sorts: { '0': (a, b) => b.date.localeCompare(a.date) },
  maxLimit: 2,
};
const search = (body: unknown) => answerVieSearch(collection, JSON.stringify(body));

describe('the VIE-like search route', () => {
  it('answers {result, count} with count over all pages', () => {
    expect(search({ limit: 2, skip: 0 })).toMatchObject({
      status: 200,
      json: { count: 3, result: [{ id: 1 }, { id: 2 }] },
    });
    expect(search({ limit: 2, skip: 2 })).toMatchObject({ json: { count: 3, result: [{ id: 3 }] } });
  });

  it('matches text without accents or case, and ids sent as numbers or strings', () => {
    expect(search({ query: 'INGENIEUR', countriesIds: [90] })).toMatchObject({ json: { count: 2 } });
    expect(search({ countriesIds: [] })).toMatchObject({ json: { count: 3 } });
  });

  it('sorts by a named order', () => {
    expect(search({ limit: 2, sort: ['0'] })).toMatchObject({ json: { result: [{ id: 2 }, { id: 3 }] } });
  });

  it('refuses an over-large page, a negative skip and wrong JSON types with a validation problem', () => {
    for (const body of [
      { limit: 3 },
      { skip: -1 },
      { limit: '2' },
      { countriesIds: 'FR' },
      { sort: ['9'] },
    ]) {
      const answer = search(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ title: 'One or more validation errors occurred.', status: 400 });
    }
    expect(answerVieSearch(collection, '{"limit": ').status).toBe(400);
  });

  it('ignores properties it does not know, as the real backend does', () => {
    expect(search({ limit: 1, missionsTypesIds: [1] })).toMatchObject({ status: 200, json: { count: 3 } });
  });
});
