import { describe, expect, it } from 'vitest';
import { answerRecords, type OdsDataset } from '../protocols/exploreApi.ts';
import type { OdsField, OdsRecord } from '../protocols/odsql.ts';

const fields: OdsField[] = [
  { name: 'code_commune', type: 'text' },
  { name: 'montant', type: 'double' },
  { name: 'dateconvention', type: 'date' },
  { name: 'objet', type: 'text' },
];
const records: OdsRecord[] = Array.from({ length: 250 }, (_, i) => ({
  code_commune: ['51108', '51454', '08105'][i % 3]!,
  montant: 1000 + i,
  dateconvention: `202${i % 5}-0${(i % 9) + 1}-15`,
  objet: i % 2 === 0 ? 'Prêt pour la rénovation énergétique' : 'Mission d’ingénierie foncière',
}));
const datasets = new Map<string, OdsDataset>([['financements', { id: 'financements', fields, records }]]);

function ask(query: Record<string, string>) {
  return answerRecords(datasets, 'financements', new URLSearchParams(query));
}

describe('Opendatasoft records endpoint', () => {
  it('filters with an in-list and a date comparison joined by and', () => {
    const answer = ask({
      where: 'code_commune in ("51108", "51454") and dateconvention >= date\'2023-01-01\'',
      limit: '100',
    });
    expect(answer.status).toBe(200);
    const body = answer.body as { total_count: number; results: OdsRecord[] };
    const expected = records.filter(
      (r) =>
        ['51108', '51454'].includes(r.code_commune as string) && (r.dateconvention as string) >= '2023-01-01',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(body.total_count).toBe(expected.length);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => r.code_commune !== '08105')).toBe(true);
  });

  it('honours or, not, parentheses, equality and like', () => {
    const body = ask({
      where: 'not (code_commune = "08105" or montant < 1100) and objet like "Prêt*"',
      limit: '100',
    }).body as { total_count: number };
    const expected = records.filter(
      (r) =>
        !(r.code_commune === '08105' || (r.montant as number) < 1100) &&
        (r.objet as string).startsWith('Prêt'),
    );
    expect(body.total_count).toBe(expected.length);
  });

  it('pages with offset and limit in the order asked', () => {
    const first = ask({ order_by: 'montant desc', limit: '100', offset: '0' }).body as {
      results: OdsRecord[];
    };
    const third = ask({ order_by: 'montant desc', limit: '100', offset: '200' }).body as {
      results: OdsRecord[];
    };
    expect(first.results[0]?.montant).toBe(1249);
    expect(third.results).toHaveLength(50);
    expect(third.results.at(-1)?.montant).toBe(1000);
  });

  it('keeps only the selected fields', () => {
    const body = ask({ select: 'montant, objet', limit: '1' }).body as { results: OdsRecord[] };
    expect(Object.keys(body.results[0]!)).toEqual(['montant', 'objet']);
  });

  it('refuses a limit over 100 with its own error body', () => {
    const answer = ask({ limit: '101' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error_code: 'InvalidRESTParameterError',
      message: expect.stringContaining('limit <= 100'),
    });
  });

  it('refuses offset + limit over 10,000 and accepts exactly 10,000', () => {
    expect(ask({ limit: '100', offset: '9900' }).status).toBe(200);
    const answer = ask({ limit: '100', offset: '9901' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_code: 'InvalidRESTParameterError' });
  });

  it.each([
    ['an unclosed list', 'code_commune in ("51108"'],
    ['an unknown field', 'commune = "51108"'],
    ['a dangling and', 'code_commune = "51108" and'],
    ['a bad date', "dateconvention > date'hier'"],
    ['a text where a number is expected', 'montant > "beaucoup"'],
  ])('refuses %s with ODSQLError', (_, where) => {
    const answer = ask({ where });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error_code: 'ODSQLError',
      message: expect.stringContaining('where'),
    });
  });

  it('answers 404 for a dataset it does not publish', () => {
    expect(answerRecords(datasets, 'inconnu', new URLSearchParams()).status).toBe(404);
  });
});
