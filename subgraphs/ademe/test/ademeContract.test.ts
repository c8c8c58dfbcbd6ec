// Contract tests on the real recorded ADEME rows: the parser maps every published column, the
// simulator serves the same columns in the same formats (so a test against it is a test against
// the real protocol), and bad input from the real source gives a counted, coded outcome.
import { describe, expect, it } from 'vitest';
import {
  openMirror,
  parseAdemeAid,
  readRejects,
  runSync,
  type ParseResult,
  type RawRow,
} from '../../../kit/src/mirror/index.js';
import { dataFairDatasetPath } from '../../../kit/src/mirror/readers/dataFairLinesReader.js';
import { answerDataset, answerLines, type DataFairDataset } from '../../../sim/protocols/dataFair.js';
import { AID_COLUMNS, AIDS_DATASET, buildAdemeRecords } from '../../../sim/ademe/records.js';
import { loadWorld } from '../../../sim/world.js';
import { AdemeMirror } from '../src/ademeMirror.js';
import { csvRows, dataFairKey, linesResults, PUBLISHED_HEADER } from './fixtures/ademeLines.js';

const datasets = buildAdemeRecords(loadWorld());
const simLines = datasets.get(AIDS_DATASET)!.lines;

function ok<T>(result: ParseResult<T>): T {
  if ('rejected' in result) throw new Error(`rejected: ${result.rejected.reason} ${result.rejected.detail}`);
  return result.ok;
}
const reason = <T>(result: ParseResult<T>) => ('rejected' in result ? result.rejected.reason : 'accepted');

/** The JSON body of a simulator answer. */
function jsonOf(answer: ReturnType<typeof answerLines>): { total: number; results: RawRow[]; next?: string } {
  expect(answer.status, answer.text).toBe(200);
  return answer.json as { total: number; results: RawRow[]; next?: string };
}

const base = 'http://sim.test';
const linesUrl = (segment: string, query = '') =>
  new URL(`${base}/data-fair/api/v1/datasets/${segment}/lines${query}`);

describe('the real ADEME rows (contract)', () => {
  it('have exactly the published header, and the parser maps every column of each row', async () => {
    const rows = await csvRows();
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual([...PUBLISHED_HEADER]);
    const parsed = rows.map((row) => ok(parseAdemeAid(row)));
    expect(parsed.map((p) => [p.referencedecision, p.idbeneficiaire, p.siren, p.nombeneficiaire])).toEqual([
      ['21BRD0090', '82815371800014', '828153718', 'MEGO ! - MEGO'],
      ['21BRD0169', '49972556200023', '499725562', 'LACTEUS'],
      ['21BRD0202', '50537107000036', '505371070', 'ATIS'],
    ]);
    expect(parsed[1]).toMatchObject({
      nom_attribuant: 'ADEME',
      idattribuant: '38529030900454',
      dateconvention: '2021-04-30',
      objet: 'TREMPLIN pour la transition écologique des PME',
      montant_cents: 500_000,
      nature: 'aide en numéraire',
      conditionsversement: 'Echelonné',
      versement_debut: '2021-05-07',
      versement_fin: '2022-09-30',
      idrae: null,
      notificationue: 'NON',
      pourcentagesubvention: 1,
      dispositifaide: null,
      // No commune is published: located later through the SIRET, counted as unlocated until then.
      commune_code: null,
    });
  });

  it('parse the same from a data-fair `lines` page (documented keys) as from the CSV', async () => {
    const fromCsv = (await csvRows()).map((row) => ok(parseAdemeAid(row)));
    const fromLines = (await linesResults()).map((row) => ok(parseAdemeAid(row)));
    expect(fromLines[0]!.record_key).toBe('fixture-0');
    expect({ ...fromLines[0]!, record_key: null }).toEqual({ ...fromCsv[0]!, record_key: null });
  });
});

describe('the ADEME simulator serves the real shape', () => {
  it('serves every published column under its data-fair key, plus dispositifAide and the SIRET enrichment, nothing invented', () => {
    const { results } = jsonOf(
      answerLines(datasets, encodeURIComponent(AIDS_DATASET), linesUrl('x', '?size=5')),
    );
    expect(results).toHaveLength(5);
    const expected = [...PUBLISHED_HEADER.map(dataFairKey), 'dispositifAide'];
    for (const line of results) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(expected));
      expect(Object.keys(line).filter((k) => !k.startsWith('_'))).toEqual(expected);
      expect(line).not.toHaveProperty('sirenBeneficiaire');
      expect(line).not.toHaveProperty('codeCommuneBeneficiaire');
    }
    expect([...AID_COLUMNS]).toEqual([
      ...expected,
      '_siret_infos._infos_commune.code_departement',
      '_siret_infos._infos_commune.nom_departement',
    ]);
  });

  it('uses the formats of the real rows in every line', () => {
    expect(simLines.length).toBeGreaterThan(100);
    for (const line of simLines) {
      // The dataset holds exactly its declared columns: no invented one hides behind `select`.
      expect(Object.keys(line)).toEqual([...AID_COLUMNS]);
      expect(line.Nom_de_l_attribuant).toBe('ADEME');
      expect(line.idAttribuant).toBe('38529030900454');
      expect(String(line.dateConvention)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(line.referenceDecision)).toMatch(/^\d{2}[A-Z]{3}\d{4}$/);
      expect(String(line.idBeneficiaire)).toMatch(/^\d{13,14}$/);
      if (line.datesPeriodeVersement !== null)
        expect(String(line.datesPeriodeVersement)).toMatch(/^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$/);
      expect(['OUI', 'NON']).toContain(line.notificationUE);
      expect(line.pourcentageSubvention).toBeGreaterThan(0);
      expect(line.pourcentageSubvention).toBeLessThanOrEqual(1);
      expect(typeof line.montant).toBe('number');
      expect(String(line['_siret_infos._infos_commune.code_departement'])).toMatch(/^(\d{2}|2[AB]|97\d)$/);
    }
    // The quirks are there to be handled: bare-number SIRETs and aids without a payment period.
    expect(simLines.filter((l) => typeof l.idBeneficiaire === 'number').length).toBeGreaterThan(0);
    expect(simLines.filter((l) => l.datesPeriodeVersement === null).length).toBeGreaterThan(0);
  });

  it('serves lines every one of which the mirror parser accepts', () => {
    const rejected = simLines.map((l) => parseAdemeAid(l)).filter((r) => 'rejected' in r);
    expect(rejected).toEqual([]);
  });

  it('finds the dataset whether its apostrophe comes raw or as %27, and answers text/plain errors', () => {
    const encoded = dataFairDatasetPath(AIDS_DATASET).split('/').pop()!;
    expect(encoded).toBe('les-aides-financieres-de-l%27ademe');
    const raw = jsonOf(answerLines(datasets, "les-aides-financieres-de-l'ademe", linesUrl('x', '?size=3')));
    const pct = jsonOf(answerLines(datasets, encoded, linesUrl('x', '?size=3')));
    expect(pct).toEqual(raw);
    expect(raw.total).toBe(simLines.length);
    // data.gouv.fr's slug of the same dataset is not a data-fair id: unknown to the portal.
    const slug = answerLines(datasets, 'les-aides-financieres-de-lademe-1', linesUrl('x'));
    expect(slug.status).toBe(404);
    expect(slug.headers?.['content-type']).toMatch(/^text\/plain/);
    const badSize = answerLines(datasets, encoded, linesUrl('x', '?size=10001'));
    expect(badSize.status).toBe(400);
    expect(badSize.text).toContain('10000');
    expect(answerLines(datasets, 'les-aides%E0', linesUrl('x')).status).toBe(400);
    const meta = answerDataset(datasets, encoded);
    expect(meta.json).toMatchObject({ id: AIDS_DATASET, count: simLines.length });
    expect(Date.parse((meta.json as { dataUpdatedAt: string }).dataUpdatedAt)).not.toBeNaN();
  });

  it('pages by `next` until an empty page whose total is 0, every line exactly once', () => {
    let url: URL | undefined = linesUrl(encodeURIComponent(AIDS_DATASET), '?size=250');
    const seen: RawRow[] = [];
    const totals: number[] = [];
    while (url) {
      const page = jsonOf(answerLines(datasets, encodeURIComponent(AIDS_DATASET), url));
      totals.push(page.total);
      seen.push(...page.results);
      url = page.next ? new URL(page.next) : undefined;
      if (page.results.length === 0) expect(page.next).toBeUndefined();
    }
    expect(totals.at(-1)).toBe(0);
    expect(totals.slice(0, -1).every((t) => t === simLines.length)).toBe(true);
    expect(totals.length).toBe(Math.ceil(simLines.length / 250) + 1);
    expect(new Set(seen.map((l) => l._id)).size).toBe(simLines.length);
  });
});

describe('bad input from the real source', () => {
  it('restores a SIRET that lost its leading zero, reads a `start_end` period, and rejects with a reason', async () => {
    const [row] = await linesResults();
    // 13 digits: a SIRET whose leading zero a spreadsheet dropped.
    expect(ok(parseAdemeAid({ ...row, idBeneficiaire: 3881012900025 }))).toMatchObject({
      idbeneficiaire: '03881012900025',
      siren: '038810129',
    });
    expect(ok(parseAdemeAid({ ...row, datesPeriodeVersement: null }))).toMatchObject({
      versement_debut: null,
      versement_fin: null,
    });
    expect(reason(parseAdemeAid({ ...row, datesPeriodeVersement: '2021-05-11' }))).toBe('accepted');
    expect(reason(parseAdemeAid({ ...row, datesPeriodeVersement: '2021-05-11_2023-13-01' }))).toBe(
      'INVALID_DATE',
    );
    expect(reason(parseAdemeAid({ ...row, datesPeriodeVersement: '2021-05-11_2022-01-01_2023-01-01' }))).toBe(
      'INVALID_DATE',
    );
    expect(reason(parseAdemeAid({ ...row, montant: null }))).toBe('MISSING_FIELD');
    expect(reason(parseAdemeAid({ ...row, montant: '5 000 €' }))).toBe('INVALID_AMOUNT');
    expect(reason(parseAdemeAid({ ...row, nomBeneficiaire: null }))).toBe('MISSING_FIELD');
    expect(reason(parseAdemeAid({ ...row, dateConvention: '05/05/2021' }))).toBe('INVALID_DATE');
    // An id that is neither a SIREN nor a SIRET is kept as published, with no company.
    expect(ok(parseAdemeAid({ ...row, idBeneficiaire: 'NULL' }))).toMatchObject({ siren: null });
  });

  it('counts every rejected line of a sync with its reason, and loads the rest', async () => {
    const good = await linesResults();
    const bad: RawRow[] = [
      { ...good[0]!, _id: 'bad-amount', montant: 'cinq mille' },
      { ...good[1]!, _id: 'bad-period', datesPeriodeVersement: '2021-05-07_' + 'x' },
      { ...good[2]!, _id: 'no-name', nomBeneficiaire: '' },
    ];
    const dataset: DataFairDataset = {
      id: AIDS_DATASET,
      title: 'fixture',
      dataUpdatedAt: '2021-06-01T00:00:00.000Z',
      columns: Object.keys(good[0]!).filter((k) => k !== '_id'),
      lines: [...good, ...bad].map((l) =>
        Object.fromEntries(Object.entries(l).filter(([k]) => k !== '_id')),
      ) as never,
    };
    const fixtures = new Map([[AIDS_DATASET, dataset]]);
    // The simulator's pure answers behind a fetch, so the sync runs the real reader.
    const fakeFetch = (async (input: string | URL) => {
      const url = new URL(String(input));
      const lines = /\/datasets\/([^/]+)\/lines$/.exec(url.pathname);
      const meta = /\/datasets\/([^/]+)$/.exec(url.pathname);
      const answer = lines
        ? answerLines(fixtures, lines[1]!, url)
        : meta
          ? answerDataset(fixtures, meta[1]!)
          : { status: 404, text: 'no' };
      return new Response(answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? null), {
        status: answer.status,
      });
    }) as typeof fetch;
    const store = await openMirror({ file: ':memory:' });
    try {
      const mirror = new AdemeMirror({ store, baseUrl: base, datasetId: AIDS_DATASET });
      const result = await runSync(store, mirror.syncSource, { fetch: fakeFetch });
      expect(result).toMatchObject({ status: 'loaded', read: 6, loaded: 3, rejected: 3, recordCount: 3 });
      // Nothing locates these aids yet (no company registry entry): counted, not dropped.
      expect(result.unlocatedCount).toBe(3);
      const rejects = await readRejects(store, mirror.syncSource.name);
      expect(rejects.map((r) => r.reason).sort()).toEqual([
        'INVALID_AMOUNT',
        'INVALID_DATE',
        'MISSING_FIELD',
      ]);
      expect(rejects.find((r) => r.reason === 'INVALID_AMOUNT')!.detail).toContain('cinq mille');
      const freshness = await mirror.freshness();
      expect(freshness).toMatchObject({ status: 'loaded', recordCount: 3, unlocatedCount: 3 });
      expect(freshness.source).toMatchObject({
        dataset: AIDS_DATASET,
        illustrative: true,
        publisher: 'ADEME',
      });
      expect(freshness.source.url).toBe(
        'https://data.ademe.fr/data-fair/api/v1/datasets/les-aides-financieres-de-l%27ademe/lines',
      );
      expect(freshness.source.retrievedAt).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
