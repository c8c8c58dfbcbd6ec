// CSV export rules: which items become rows, how nested fields become columns, and how cells are
// written so that a spreadsheet reads them back exactly (RFC 4180, BOM, French conventions).
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../kit/src/csv.js';
import { formatValue, itemsAt, listPaths, toCsv, toTable } from '../src/pages/csvExport.js';

const result = {
  department: {
    name: 'Marne',
    territories: [
      {
        id: 'ti-4405',
        name: 'Pays de Châlons',
        region: { code: '44', name: 'Grand Est' },
        departmentCodes: ['51'],
        epcis: [
          { siren: '200066876', name: 'CA de Châlons-en-Champagne' },
          { siren: '200042620', name: 'CC de la Région de Suippes' },
        ],
        budget: 1234.5,
        since: '2023-03-09',
      },
      {
        id: 'ti-4418',
        name: 'Sud Meuse Nord Haute-Marne',
        region: null,
        departmentCodes: ['52', '55', '51'],
        epcis: [],
        budget: 7,
        since: null,
      },
    ],
  },
};

describe('CSV export: rows and columns', () => {
  it('makes one row per item of the chosen list and one dotted column per nested field', () => {
    const table = toTable(itemsAt(result, 'department.territories')!);
    expect(table.columns).toEqual([
      'id',
      'name',
      'region.code',
      'region.name',
      'departmentCodes',
      'epcis.siren',
      'epcis.name',
      'budget',
      'since',
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]).toEqual([
      'ti-4418',
      'Sud Meuse Nord Haute-Marne',
      '',
      '',
      '52 | 55 | 51',
      '',
      '',
      '7',
      '',
    ]);
  });

  it('joins lists of scalars, and each field of a list of objects, within one cell', () => {
    const [first] = toTable(itemsAt(result, 'department.territories')!).rows;
    expect(first?.[4]).toBe('51');
    expect(first?.[5]).toBe('200066876 | 200042620');
    expect(first?.[6]).toBe('CA de Châlons-en-Champagne | CC de la Région de Suippes');
  });

  it('follows a path through lists, flattening them', () => {
    const regions = {
      regions: [{ territories: [{ id: 'a' }, { id: 'b' }] }, { territories: [{ id: 'c' }] }],
    };
    expect(itemsAt(regions, 'regions.territories')).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });

  it('exports a list of scalars as one column named after the list', () => {
    expect(toCsv({ territory: { communeCodes: ['51108', '51001'] } }, 'territory.communeCodes')).toBe(
      '\uFEFFcommuneCodes\r\n51108\r\n51001\r\n',
    );
  });

  it('says there is no list at a path that does not exist or is not a list, and gives no rows under a null', () => {
    expect(itemsAt(result, 'department.nothing')).toBeUndefined();
    expect(itemsAt(result, 'department.name')).toBeUndefined();
    expect(itemsAt({ territory: null }, 'territory.actionSheets.nodes')).toEqual([]);
    expect(() => toCsv(result, 'department.name')).toThrow(/does not lead to a list/);
  });

  it('lists the paths a result offers for export, in document order', () => {
    expect(listPaths(result)).toEqual([
      'department.territories',
      'department.territories.departmentCodes',
      'department.territories.epcis',
    ]);
    expect(listPaths({ territory: { name: 'x' } })).toEqual([]);
  });
});

describe('CSV export: escaping (RFC 4180) and encoding', () => {
  const tricky = [
    { text: 'plain' },
    { text: 'Bazancourt, Pomacle' },
    { text: 'the "binôme" élu-industriel' },
    { text: 'line one\nline two' },
    { text: 'Épernay — Châlons; Vitry' },
  ];

  it('quotes cells holding the separator, a quote or a line break, doubles quotes, and reads back exactly', () => {
    const csv = toCsv({ items: tricky }, 'items');
    expect(csv).toBe(
      '\uFEFFtext\r\nplain\r\n"Bazancourt, Pomacle"\r\n"the ""binôme"" élu-industriel"\r\n"line one\nline two"\r\nÉpernay — Châlons; Vitry\r\n',
    );
    expect(
      parseCsv(csv)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(tricky.map((t) => t.text));
  });

  it('starts with a UTF-8 BOM and keeps accents as they are', () => {
    const bytes = Buffer.from(toCsv({ items: [{ name: 'Châlons-en-Champagne' }] }, 'items'), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Châlons-en-Champagne');
  });

  it('writes French conventions on request: semicolons, decimal commas, dd/mm/yyyy dates', () => {
    const csv = toCsv(result, 'department.territories', { locale: 'fr' });
    const rows = parseCsv(csv, ';');
    expect(rows[0]).toContain('region.name');
    expect(rows[1]).toContain('1234,5');
    expect(rows[1]).toContain('09/03/2023');
    expect(csv.split('\r\n')[1]).toContain(';');
    expect(
      parseCsv(toCsv({ items: tricky }, 'items', { locale: 'fr' }), ';')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(tricky.map((t) => t.text));
  });

  it('keeps ISO dates and decimal points by default', () => {
    expect(formatValue('2023-03-09', 'en')).toBe('2023-03-09');
    expect(formatValue(0.35, 'en')).toBe('0.35');
    expect(formatValue(0.35, 'fr')).toBe('0,35');
    expect(formatValue('2024-06-01T08:30:00Z', 'fr')).toBe('01/06/2024 08:30:00');
    expect(formatValue('2024-13', 'fr')).toBe('2024-13');
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(formatValue('=HYPERLINK("http://x")', 'en')).toBe('\'=HYPERLINK("http://x")');
    expect(formatValue('+33 3 26 00 00 00', 'en')).toBe("'+33 3 26 00 00 00");
    expect(formatValue('-12.5', 'en')).toBe('-12.5');
    expect(formatValue(-12.5, 'fr')).toBe('-12,5');
  });
});

describe('CSV export: provenance columns', () => {
  const territories = [
    {
      id: 'ti-4411',
      illustrative: false,
      vte: {
        source: {
          dataset: 'Offres et aides VTE',
          retrievedAt: '2025-01-02T03:04:05.000Z',
          illustrative: true,
        },
        summary: { amount: 8000 },
      },
      businessFrance: {
        source: { dataset: 'Investissements', retrievedAt: '2025-01-02T03:04:06.000Z', illustrative: true },
      },
    },
    { id: 'ti-4405', illustrative: false, vte: null, businessFrance: null },
  ];

  it('says per row whether any of its values is illustrative, and lists its datasets and read times', () => {
    const table = toTable(territories);
    const column = (name: string) => table.rows.map((row) => row[table.columns.indexOf(name)]);
    expect(
      table.columns.filter((c) => ['illustrative', 'source.dataset', 'source.retrievedAt'].includes(c)),
    ).toEqual(['illustrative', 'source.dataset', 'source.retrievedAt']);
    // The first row holds simulated operator figures: true, though the territory itself is real.
    expect(column('illustrative')).toEqual(['true', 'false']);
    expect(column('source.dataset')).toEqual(['Offres et aides VTE | Investissements', '']);
    expect(column('source.retrievedAt')).toEqual(['2025-01-02T03:04:05.000Z | 2025-01-02T03:04:06.000Z', '']);
    // The nested columns stay as they were asked.
    expect(column('vte.source.illustrative')).toEqual(['true', '']);
  });

  it('adds the columns to records that carry their own source', () => {
    const table = toTable([{ title: 'a', source: { dataset: 'd', retrievedAt: 't', illustrative: true } }]);
    expect(table.columns).toEqual([
      'title',
      'source.dataset',
      'source.retrievedAt',
      'source.illustrative',
      'illustrative',
    ]);
    expect(table.rows).toEqual([['a', 'd', 't', 'true', 'true']]);
  });

  it('leaves a table without provenance as it is', () => {
    expect(toTable([{ code: '44', name: 'Grand Est' }]).columns).toEqual(['code', 'name']);
  });
});
