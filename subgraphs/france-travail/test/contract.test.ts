// Contract tests: the client parses the REAL recorded answers of France Travail and maps every
// field it keeps; the simulator serves exactly their shape (fields, facets, status codes,
// headers); the BMO parser reads the real rows, secrets included. A field added to or dropped
// from a recorded body breaks these tests until the code says what it does with it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBmoRow } from '../../../kit/src/mirror/index.js';
import { csvRecords } from '../../../kit/src/mirror/readers/csvRows.js';
import { answerBmoFile, buildBmoFile } from '../../../sim/france-travail/bmoFile.js';
import { answerIndicator } from '../../../sim/france-travail/marcheDuTravail.js';
import { buildOffers } from '../../../sim/france-travail/records.js';
import { answerSearch } from '../../../sim/france-travail/search.js';
import { loadWorld } from '../../../sim/world.js';
import { parseSearchPage } from '../src/franceTravailClient.js';
import { checkIndicator } from '../src/franceTravailRecords.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const real206 = JSON.parse(readFileSync(fixture('offres_v2_search_206.json'), 'utf8')) as {
  resultats: Record<string, unknown>[];
  filtresPossibles: { filtre: string; agregation: { valeurPossible: string; nbResultats: number }[] }[];
};
const real2021 = JSON.parse(readFileSync(fixture('offres_search_2021_pass_emploi.json'), 'utf8')) as {
  resultats: Record<string, unknown>[];
};
const realOffer = real206.resultats[0]!;
const world = loadWorld();
const simulated = buildOffers(world);

/** Every key path of a JSON value (objects only; lists and scalars end a path). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

// What the simulator knowingly differs in (said in sim/france-travail/README.md).
const SIM_ADDS = ['entreprise.siret'];
const SIM_LACKS = ['lieuTravail.latitude', 'lieuTravail.longitude'];

describe('Offres d’emploi v2, against the real recorded search answer', () => {
  it('parses the real 206 with its Content-Range and maps every field it keeps', () => {
    const page = parseSearchPage(real206, 206, { 'content-range': 'offres 0-0/13295' });
    expect(page.total).toBe(13295);
    expect(page.offers).toEqual([
      {
        id: '201WLXK',
        title: 'Développeur backend Python/Django (H/F)',
        description: realOffer.description,
        createdAt: '2025-12-23T16:01:23.690Z',
        updatedAt: '2025-12-24T09:03:02.003Z',
        romeCode: 'M1855',
        romeLabel: 'Développeur / Développeuse web',
        jobTitle: 'Développeur / Développeuse back-end',
        contractType: 'CDI',
        contractLabel: 'CDI',
        contractNature: 'Contrat travail',
        communeCode: '72181',
        placeLabel: '72 - Le Mans',
        postalCode: '72000',
        latitude: 48.007462,
        longitude: 0.197404,
        companyName: 'HOLENEK INGENIERIE',
        siret: null,
        positions: 1,
        experience: '4 An(s)',
        qualification: 'Cadre',
        salaryLabel: 'Annuel de 38000.0 Euros à 45000.0 Euros sur 12.0 mois',
        workingTime: 'Temps plein',
        workStudy: false,
        nafCode: '62.02A',
        sectorLabel: 'Conseil en systèmes et logiciels informatiques',
        lacksCandidates: false,
        url: 'https://candidat.francetravail.fr/offres/recherche/detail/201WLXK',
        applyUrl:
          'https://taleez.com/apply/developpeur-backend-python-django-h-f-le-mans-holenek-ingenierie-cdi/applying',
      },
    ]);
  });

  it('parses the older body: an offer placed only by department, a salary given as a comment', () => {
    const page = parseSearchPage(real2021, 200, {});
    expect(page.total).toBe(2);
    const [reims, anjou] = page.offers;
    expect(reims).toMatchObject({ communeCode: '51454', postalCode: '51100', latitude: 49.250859 });
    expect(anjou).toMatchObject({
      communeCode: null,
      placeLabel: '49 - Maine et Loire',
      latitude: null,
      salaryLabel: 'A partir de 28 k€ brut annuel',
    });
  });

  it('refuses a Content-Range that disagrees with the offers, and a drifted field', () => {
    expect(() => parseSearchPage(real206, 206, { 'content-range': 'offres 0-149/13295' })).toThrow(
      /does not match the 1 offers/,
    );
    const drifted = { resultats: [{ ...realOffer, nombrePostes: '1' }] };
    expect(() => parseSearchPage(drifted, 200, {})).toThrow(/nombrePostes must be a whole number/);
  });

  it('simulated offers carry the real offer’s fields, and only the said differences', () => {
    const real = new Set(keyPaths(realOffer));
    expect(simulated.length).toBeGreaterThan(1000);
    for (const offer of [simulated[0]!, simulated[simulated.length - 1]!]) {
      const sim = new Set(keyPaths(offer));
      expect([...sim].filter((k) => !real.has(k)).sort()).toEqual(SIM_ADDS);
      expect([...real].filter((k) => !sim.has(k)).sort()).toEqual(SIM_LACKS);
    }
  });

  it('the simulated search answers 206 with Content-Range, filtresPossibles shaped like the real ones', () => {
    const answer = answerSearch(simulated, new URLSearchParams({ departement: '51', range: '0-149' }));
    const inMarne = simulated.filter((o) => o.lieuTravail.libelle.startsWith('51 - ')).length;
    expect(inMarne).toBeGreaterThan(150);
    expect(answer.status).toBe(206);
    expect(answer.headers?.['content-range']).toBe(`offres 0-149/${inMarne}`);
    const body = answer.json as typeof real206;
    expect(Object.keys(body).sort()).toEqual(
      Object.keys(real206)
        .filter((k) => k !== '_source')
        .sort(),
    );
    expect(body.filtresPossibles.map((f) => f.filtre)).toEqual(real206.filtresPossibles.map((f) => f.filtre));
    for (const facet of body.filtresPossibles) {
      expect(facet.agregation.length).toBeGreaterThan(0);
      for (const value of facet.agregation)
        expect(Object.keys(value).sort()).toEqual(['nbResultats', 'valeurPossible']);
    }
    const contracts = body.filtresPossibles.find((f) => f.filtre === 'typeContrat')!.agregation;
    expect(contracts.reduce((n, v) => n + v.nbResultats, 0)).toBe(inMarne);
    // And our own client reads what the simulator serves.
    expect(parseSearchPage(body, 206, answer.headers!).offers).toHaveLength(150);
  });

  it('the simulated search answers 204 with no body, and 400 {codeHttp, message}', () => {
    expect(answerSearch(simulated, new URLSearchParams({ commune: '75056' }))).toEqual({ status: 204 });
    const wide = answerSearch(simulated, new URLSearchParams({ range: '0-150' }));
    expect(wide.status).toBe(400);
    expect(Object.keys(wide.json as object).sort()).toEqual(['codeHttp', 'message']);
    expect(answerSearch(simulated, new URLSearchParams({ range: '3001-3010' })).status).toBe(400);
    expect(answerSearch(simulated, new URLSearchParams({ range: '2990-3150' })).status).toBe(400);
  });
});

describe('Marché du travail (documented shape only)', () => {
  it('the simulator answers the documented keys and the client reads them', () => {
    const answer = answerIndicator(
      world,
      'stat-demandeurs',
      JSON.stringify({
        codeTypeTerritoire: 'DEP',
        codeTerritoire: '51',
        codeTypeActivite: 'MOYENNE',
        codeActivite: 'MOYENNE',
        codeTypePeriode: 'TRIMESTRE',
      }),
    );
    expect(answer.status).toBe(200);
    const body = answer.json as Record<string, unknown> & {
      listeValeursParPeriode: Record<string, unknown>[];
    };
    // Keys the documentation lists (francetravail_marche_du_travail_fields.md).
    for (const key of ['codeIndicateur', 'codeFamille', 'libIndicateur', 'libTerritoire', 'datMaj'])
      expect(body).toHaveProperty(key);
    for (const key of [
      'codeTypeTerritoire',
      'codeTerritoire',
      'libTerritoire',
      'codeTypeActivite',
      'codeActivite',
      'libActivite',
      'codeNomenclature',
      'libNomenclature',
      'codeTypePeriode',
      'codePeriode',
      'libPeriode',
      'valeurPrincipaleNombre',
      'listeValeurParCaract',
    ])
      expect(body.listeValeursParPeriode[0]).toHaveProperty(key);
    const parsed = checkIndicator(body);
    expect(parsed.values.length).toBe(body.listeValeursParPeriode.length);
    expect(parsed.values[0]!.value).toBe(body.listeValeursParPeriode[0]!.valeurPrincipaleNombre);
  });

  it('refuses an unknown territory type with the API’s 400 shape', () => {
    const answer = answerIndicator(world, 'stat-offres', JSON.stringify({ codeTypeTerritoire: 'EPCI' }));
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ codeHttp: 400 });
  });
});

describe('BMO 2024 open data', () => {
  const realCsv = readFileSync(fixture('bmo_2024_open_data_extract.csv'), 'utf8');

  async function rowsOf(text: string) {
    const rows = [];
    for await (const row of csvRecords(
      (async function* () {
        yield text;
      })(),
      null,
    ))
      rows.push(row);
    return rows;
  }

  it('parses every real row: counts as text, "*" as secret, bassin 8402 kept apart from any TI id', async () => {
    const rows = await rowsOf(realCsv);
    expect(rows).toHaveLength(11);
    const parsed = rows.map((r) => parseBmoRow(r.raw));
    expect(parsed.every((p) => 'ok' in p)).toBe(true);
    const records = parsed.map((p) => ('ok' in p ? p.ok : null)!);
    expect(records[2]).toMatchObject({
      department_code: '971',
      bassin_code: '103',
      met: 17,
      xmet: null,
      xmet_secret: 1,
      smet_secret: 1,
    });
    const chaudronnerie = records.find((r) => r.code_metier_bmo === 'D1X30')!;
    expect(chaudronnerie).toMatchObject({
      bassin_code: '8402',
      bassin_nom: 'OYONNAX',
      met: null,
      met_secret: 1,
      department_code: '01',
    });
  });

  it('the simulator serves the real rows first, then illustrative ones with the same columns', async () => {
    const file = buildBmoFile();
    expect(file.text.startsWith(realCsv.replace(/\r?\n$/, ''))).toBe(true);
    const rows = await rowsOf(file.text);
    expect(rows.length).toBeGreaterThan(1000);
    const header = Object.keys((await rowsOf(realCsv))[0]!.raw);
    for (const row of [rows[0]!, rows[rows.length - 1]!]) expect(Object.keys(row.raw)).toEqual(header);
    const rejected = rows.map((r) => parseBmoRow(r.raw)).filter((p) => !('ok' in p));
    expect(rejected).toEqual([]);
    const conditional = answerBmoFile(file, {
      method: 'GET',
      path: '/',
      query: new URLSearchParams(),
      headers: { 'if-none-match': file.etag },
      body: '',
      params: [],
    });
    expect(conditional.status).toBe(304);
  });
});
