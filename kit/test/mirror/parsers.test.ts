// Contract tests: each source's parser on the REAL recorded rows in ./fixtures (see
// PROVENANCE.md), every field mapped, every documented quirk handled, bad rows rejected with a code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAdemeAid } from '../../src/mirror/parsers/parseAdemeAid.js';
import { parseBmoRow } from '../../src/mirror/parsers/parseBmoRow.js';
import { parseCdcSubsidy } from '../../src/mirror/parsers/parseCdcSubsidy.js';
import { parseCompanyLocation } from '../../src/mirror/parsers/parseCompanyLocation.js';
import { parseFondsVertProject } from '../../src/mirror/parsers/parseFondsVertProject.js';
import { parseFrance2030Laureate } from '../../src/mirror/parsers/parseFrance2030Laureate.js';
import { parseFranceRelanceProject } from '../../src/mirror/parsers/parseFranceRelanceProject.js';
import type { ParseResult, RawRow } from '../../src/mirror/parsers/parseResult.js';
import { csvRecords } from '../../src/mirror/readers/csvRows.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

async function csvFixture(name: string, chunkSize = 97): Promise<RawRow[]> {
  const text = fixture(name);
  // Fed in small chunks, as a network stream would, so quotes and line ends straddle chunks.
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const rows: RawRow[] = [];
  for await (const row of csvRecords(chunks())) {
    expect(row.malformed, row.ref).toBeUndefined();
    rows.push(row.raw);
  }
  return rows;
}

function ok<T>(result: ParseResult<T>): T {
  if ('rejected' in result) throw new Error(`rejected: ${result.rejected.reason} ${result.rejected.detail}`);
  return result.ok;
}

function reason<T>(result: ParseResult<T>): string {
  return 'rejected' in result ? result.rejected.reason : 'accepted';
}

const UNLOCATED = { commune_code: null, epci_siren: null, axis: null };

describe('Caisse des Dépôts subsidies (Opendatasoft v2.0 recorded records)', () => {
  const body = JSON.parse(fixture('caissedesdepots_subventions_records_v2.0.json')) as { records: RawRow[] };

  it('maps every field of a v2.0 record, keeping the record id and the YYYY-MM dates', () => {
    expect(ok(parseCdcSubsidy(body.records[0]!))).toEqual({
      record_key: 'f84f45a69fca47a7f8a36665b94db7719208abdf',
      nomattribuant: 'Caisse des dépôts et Consignations',
      idattribuant: '99000000000001',
      dateconvention: '2018-05',
      referencedecision: null,
      idbeneficiaire: '10000000000001',
      siren: '100000000',
      nombeneficiaire: 'NOM_BENEFICIAIRE',
      objet: 'ETUDE "IMPACTS DE LA TRANSITION AGRICOLE ET ALIMENTAIRE SUR L’EMPLOI"',
      montant_cents: 4_000_000,
      nature: 'Aide en numéraire',
      conditionsversement: 'ECHELONNE',
      datesversement_debut: '2022-05',
      datesversement_fin: '2023-05-15',
      idrae: null,
      notificationue: 'Non',
      pourcentagesubvention: 1,
      department_code: null,
      ...UNLOCATED,
    });
  });

  it('reads the same fields from a v2.1 flat row, keyed by its content', () => {
    const v20 = ok(parseCdcSubsidy(body.records[1]!));
    const flat = (body.records[1] as { record: { fields: RawRow } }).record.fields;
    const v21 = ok(parseCdcSubsidy(flat));
    expect({ ...v21, record_key: v20.record_key }).toEqual(v20);
    expect(v21.record_key).toMatch(/^[0-9a-f]{40}$/);
    expect(v21.montant_cents).toBe(3_500_000);
    expect(v21.conditionsversement).toBe('UNIQUE');
  });

  it('rejects a row with no amount or a malformed date, saying which field', () => {
    const flat = (body.records[1] as { record: { fields: RawRow } }).record.fields;
    expect(reason(parseCdcSubsidy({ ...flat, montant: null }))).toBe('MISSING_FIELD');
    expect(reason(parseCdcSubsidy({ ...flat, montant: 'beaucoup' }))).toBe('INVALID_AMOUNT');
    expect(reason(parseCdcSubsidy({ ...flat, dateconvention: '06/2021' }))).toBe('INVALID_DATE');
    expect(reason(parseCdcSubsidy({ record: { id: 'x' } }))).toBe('NOT_AN_OBJECT');
  });
});

describe('France Relance projects (plan-de-relance CSV export, real rows)', () => {
  it('maps every column of the first real row', async () => {
    const [first] = await csvFixture('francerelance_plan-de-relance_projets_industriels_extract.csv');
    const record = ok(parseFranceRelanceProject(first!));
    expect(record).toEqual({
      record_key: expect.stringMatching(/^[0-9a-f]{40}$/),
      entreprise: "MATERR'UP",
      type_entreprise: 'TPE / PME',
      siren_raw: '842959249',
      siren: '842959249',
      siret: null,
      volet_relance: 'Indépendance / Compétitivité',
      mesure: 'Soutien à l’investissement industriel dans les territoires',
      nom_departement: 'LANDES',
      nom_commune: 'SAINT-MALO',
      code_postal: '40100',
      latitude: 43.7110151136161,
      longitude: -1.2354621179200804,
      description_projet: expect.stringContaining('bétons terre bas carbone'),
      mesure_light: 'Projets territoriaux',
      mise_a_jour: '2021-05-05',
      filiere: 'Construction',
      tonnes_equivalent_co2_pour_les_projets_decarbonation: null,
      code_departement_raw: '40.0',
      nom_region: 'NOUVELLE-AQUITAINE',
      department_code: '40',
      ...UNLOCATED,
    });
  });

  it('handles SIRETs in the siren column, "8.0" departments, zero-stripped postcodes and multi-line quoted text', async () => {
    const rows = (await csvFixture('francerelance_plan-de-relance_projets_industriels_extract.csv')).map(
      (r) => ok(parseFranceRelanceProject(r)),
    );
    expect(rows).toHaveLength(7);
    const valeo = rows.find((r) => r.entreprise === 'VALEO MATERIAUX DE FRICTION')!;
    expect([valeo.siren, valeo.siret, valeo.department_code]).toEqual(['438810129', '43881012900025', '87']);
    expect(valeo.description_projet).toContain('\n');
    const hanon = rows.find((r) => r.entreprise === 'SAS HANON SYSTEMS CHARLEVILLE')!;
    expect([hanon.code_postal, hanon.department_code, hanon.code_departement_raw]).toEqual([
      '08000',
      '08',
      '8.0',
    ]);
    const bouyer = rows.find((r) => r.entreprise === 'BOUYER LEROUX')!;
    expect(bouyer.tonnes_equivalent_co2_pour_les_projets_decarbonation).toBe(8368.665555555555);
  });

  it('rejects a row whose siren column holds neither a SIREN nor a SIRET', async () => {
    const [first] = await csvFixture('francerelance_plan-de-relance_projets_industriels_extract.csv');
    expect(reason(parseFranceRelanceProject({ ...first!, siren: 'n/a' }))).toBe('INVALID_COMPANY_ID');
    expect(reason(parseFranceRelanceProject({ ...first!, code_departement: '123.0' }))).toBe(
      'INVALID_DEPARTMENT',
    );
    expect(reason(parseFranceRelanceProject({ ...first!, coordonnees_gps: 'somewhere' }))).toBe(
      'INVALID_COORDINATES',
    );
  });
});

describe('ADEME aids (real CSV rows; data-fair `lines` keys)', () => {
  it('maps every column of a real row, splitting datesPeriodeVersement', async () => {
    const [first] = await csvFixture('ademe_aides_sample_from_DataEtatBretagne-back.csv');
    expect(ok(parseAdemeAid(first!))).toEqual({
      record_key: expect.stringMatching(/^[0-9a-f]{40}$/),
      nom_attribuant: 'ADEME',
      idattribuant: '38529030900454',
      dateconvention: '2021-05-05',
      referencedecision: '21BRD0090',
      nombeneficiaire: 'MEGO ! - MEGO',
      idbeneficiaire: '82815371800014',
      siren: '828153718',
      objet: 'TREMPLIN pour la transition écologique des PME',
      montant_cents: 500_000,
      nature: 'aide en numéraire',
      conditionsversement: 'Echelonné',
      versement_debut: '2021-05-11',
      versement_fin: '2023-01-05',
      idrae: null,
      notificationue: 'NON',
      pourcentagesubvention: 1,
      dispositifaide: null,
      department_code: null,
      ...UNLOCATED,
    });
  });

  it('reads the data-fair key spelling, a numeric SIRET and the _id, the same way', async () => {
    const [first] = await csvFixture('ademe_aides_sample_from_DataEtatBretagne-back.csv');
    const { ['Nom de l attribuant']: attribuant, ...rest } = first!;
    const lines = {
      ...rest,
      Nom_de_l_attribuant: attribuant,
      idBeneficiaire: 82815371800014,
      montant: 5000,
      _id: 'abc',
    };
    const record = ok(parseAdemeAid(lines));
    expect(record.record_key).toBe('abc');
    expect(record.nom_attribuant).toBe('ADEME');
    expect(record.idbeneficiaire).toBe('82815371800014');
    // A SIRET that lost its leading zero as a bare number gets it back.
    expect(ok(parseAdemeAid({ ...lines, idBeneficiaire: 3881012900025 })).idbeneficiaire).toBe(
      '03881012900025',
    );
    expect(reason(parseAdemeAid({ ...lines, datesPeriodeVersement: '2021-05-11_x' }))).toBe('INVALID_DATE');
  });
});

describe('Fonds Vert 2023 (national portal CSV, verbatim bytes)', () => {
  it('maps every column of a real row', async () => {
    const [first] = await csvFixture('fondsvert_2023_projets_subventionnes_extract.csv');
    expect(ok(parseFondsVertProject(first!))).toEqual({
      record_key: '12487592',
      nom_region: 'Auvergne-Rhône-Alpes',
      nom_departement: 'Ain',
      code_commune: '01004',
      nom_commune: 'AMBERIEU EN BUGEY',
      axe: '3',
      numero_demarche_ds: '69282',
      nom_demarche_ds: 'Accompagnement de la stratégie nationale biodiversité 2030',
      numero_dossier_ds: '12487592',
      nom_du_projet:
        "Etude de caractérisation d'une ancienne décharge en bord de rivière d'Ain (Villette-sur-Ain)",
      nom_beneficiaire_principal: 'SYND RIVIERE AIN AVAL ET SES AFFLUENTS',
      siren_raw: '200078004',
      siren: '200078004',
      siret: null,
      montant_engage_cents: 2_166_700,
      commune_code: '01004',
      department_code: '01',
      epci_siren: null,
      axis: null,
    });
  });

  it('keeps the literal NULL commune as unlocated, decimals in cents, float-string SIRENs', async () => {
    const rows = (await csvFixture('fondsvert_2023_projets_subventionnes_extract.csv')).map((r) =>
      ok(parseFondsVertProject(r)),
    );
    expect(rows).toHaveLength(14);
    const nulls = rows.filter((r) => r.commune_code === null);
    expect(nulls.map((r) => [r.numero_dossier_ds, r.nom_commune])).toEqual([
      ['12330734', null],
      ['12143192', null],
    ]);
    expect(rows.find((r) => r.numero_dossier_ds === '11932742')!.montant_engage_cents).toBe(2_382_890);
    expect(rows.find((r) => r.numero_dossier_ds === '13757997')!.montant_engage_cents).toBe(17_032_055);
    // The beneficiary seat may sit in another department than the project (Annemasse, 74).
    expect(rows.find((r) => r.numero_dossier_ds === '11932742')).toMatchObject({
      commune_code: '74012',
      department_code: '01',
    });
    const [first] = await csvFixture('fondsvert_2023_projets_subventionnes_extract.csv');
    expect(ok(parseFondsVertProject({ ...first!, siren: '200071892.0' })).siren).toBe('200071892');
    expect(ok(parseFondsVertProject({ ...first!, siren: '21010376800017' })).siret).toBe('21010376800017');
    expect(ok(parseFondsVertProject({ ...first!, siren: 'ABC' })).siren).toBeNull();
    expect(reason(parseFondsVertProject({ ...first!, montant_engage: '' }))).toBe('MISSING_FIELD');
    expect(reason(parseFondsVertProject({ ...first!, code_commune: '1A' }))).toBe('INVALID_COMMUNE');
  });
});

describe('France Travail BMO 2024 (open-data file, real rows)', () => {
  it('maps every column, with "*" as a secret count, not a number and not a plain null', async () => {
    const rows = await csvFixture('francetravail_bmo_2024_open_data_extract.csv');
    expect(ok(parseBmoRow(rows[2]!))).toEqual({
      record_key: '2024|A0X40|103',
      annee: 2024,
      code_metier_bmo: 'A0X40',
      nom_metier_bmo: 'Agriculteurs',
      famille_met: 'Z',
      lbl_fam_met: 'Autres métiers',
      reg: '01',
      nom_reg: 'Guadeloupe',
      nom_dept: 'Guadeloupe',
      bassin_code: '103',
      bassin_nom: 'BASSIN MARIE-GALANTE',
      met: 17,
      xmet: null,
      smet: null,
      met_secret: 0,
      xmet_secret: 1,
      smet_secret: 1,
      commune_code: null,
      department_code: '971',
      epci_siren: null,
      axis: null,
    });
    const parsed = rows.map((r) => ok(parseBmoRow(r)));
    expect(parsed).toHaveLength(11);
    // Bassin 8402 is OYONNAX in the Ain, whatever Territoire d'industrie ti-8402 is.
    expect(parsed.filter((r) => r.bassin_code === '8402').every((r) => r.department_code === '01')).toBe(
      true,
    );
    expect(reason(parseBmoRow({ ...rows[0]!, met: 'n.d.' }))).toBe('INVALID_COUNT');
  });
});

describe("API Recherche d'entreprises (recorded search answer)", () => {
  it("maps the head office's location, the Paris arrondissement to Paris", () => {
    const body = JSON.parse(fixture('recherche_entreprises_search_response.json')) as { results: RawRow[] };
    expect(ok(parseCompanyLocation(body.results[0]!))).toEqual({
      record_key: '130025265',
      siren: '130025265',
      siret_siege: '13002526500013',
      nom_complet: 'DIRECTION INTERMINISTERIELLE DU NUMERIQUE (DINUM)',
      commune_code: '75056',
      code_postal: '75007',
      epci_siren: '200054781',
      department_code: '75',
      region_code: '11',
      latitude: 48.850699,
      longitude: 2.308628,
      etat_administratif: 'A',
    });
    expect(reason(parseCompanyLocation({ siren: '130025265' }))).toBe('MISSING_FIELD');
  });
});

describe("France 2030 laureates (illustrative: the simulated portal's CSV export; no real dataset exists)", () => {
  // A row as the economie simulator's export writes it (doubles with `.0`, text everywhere else).
  const row: RawRow = {
    identifiant: 'ILLUSTRATIF-F2030-00007',
    entreprise: 'ATELIERS DE LA MARNE',
    siren: '552100554',
    siret: '55210055400021',
    mesure: 'AMI Rebond industriel',
    programme: 'France 2030',
    description_projet: "Extension de l'usine",
    filiere: 'Métallurgie',
    code_region: '44',
    code_departement: '51',
    code_commune: '51108',
    nom_commune: 'Châlons-en-Champagne',
    code_postal: '51000',
    coordonnees_gps: '',
    annee: '2023',
    montant_investissement: '2500000.0',
    montant_aide: '612345.5',
    mise_a_jour: '2023-06-14',
  };

  it('maps every column, amounts in cents, located by its own commune', () => {
    expect(parseFrance2030Laureate(row)).toEqual({
      ok: {
        record_key: 'ILLUSTRATIF-F2030-00007',
        entreprise: 'ATELIERS DE LA MARNE',
        siren: '552100554',
        siret: '55210055400021',
        mesure: 'AMI Rebond industriel',
        programme: 'France 2030',
        description_projet: "Extension de l'usine",
        filiere: 'Métallurgie',
        code_region: '44',
        nom_commune: 'Châlons-en-Champagne',
        code_postal: '51000',
        latitude: null,
        longitude: null,
        annee: 2023,
        montant_investissement_cents: 250_000_000,
        montant_aide_cents: 61_234_550,
        mise_a_jour: '2023-06-14',
        commune_code: '51108',
        department_code: '51',
        epci_siren: null,
        axis: null,
      },
    });
  });

  it('rejects a row with no commune, a SIRET of another company or a bad year, saying which field', () => {
    expect(parseFrance2030Laureate({ ...row, code_commune: '' })).toEqual({
      rejected: { reason: 'MISSING_FIELD', detail: '"code_commune" is empty' },
    });
    expect(reason(parseFrance2030Laureate({ ...row, siret: '12345678900011' }))).toBe('INVALID_COMPANY_ID');
    expect(reason(parseFrance2030Laureate({ ...row, siren: '55210055400021' }))).toBe('INVALID_COMPANY_ID');
    expect(reason(parseFrance2030Laureate({ ...row, annee: '2023.5' }))).toBe('INVALID_DATE');
    expect(reason(parseFrance2030Laureate({ ...row, identifiant: ' ' }))).toBe('MISSING_FIELD');
  });
});
