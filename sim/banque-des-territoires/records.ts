// The Caisse des Dépôts portal's subsidies dataset, built from the shared world in the REAL shape
// of `subventions-attribuees-par-la-caisse-des-depots-depuis-01012018` (SCDL): exactly its fields,
// with its formats — dateconvention `YYYY-MM`, conditionsversement `UNIQUE`/`ECHELONNE`,
// notificationue `Oui`/`Non`, a SIRET in idbeneficiaire, referencedecision and idrae mostly empty —
// as recorded in kit/test/mirror/fixtures/caissedesdepots_subventions_records_v2.0.json.
// Beneficiaries are the territories' real communes and EPCIs (their SIRENs from BANATIC) and the
// world's companies and associations; amounts, objects and dates are illustrative. Deterministic.
import { fileURLToPath } from 'node:url';
import { loadPublicBodyLocator } from '../../kit/src/mirror/publicBodyLocator.js';
import { REAL_DATASETS } from '../../kit/src/mirror/sources.js';
import { makeSiret } from '../../kit/src/reference/companyIds.js';
import { loadGeography } from '../../kit/src/reference/geography.js';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import type { OdsDataset } from '../protocols/exploreApi.js';
import type { OdsField, OdsRecord } from '../protocols/odsql.js';
import type { World, WorldTerritory } from '../world.js';

/** The real dataset id, served under the same id. */
export const SUBSIDIES_DATASET_ID = REAL_DATASETS.cdcSubsidies;

const DEFAULT_GEO_DIR = fileURLToPath(new URL('../../data/geo', import.meta.url));

/** The dataset's fields, in the portal's order (real names; types as the values show them). */
export const SUBSIDY_FIELDS: readonly OdsField[] = [
  { name: 'nomattribuant', type: 'text' },
  { name: 'idattribuant', type: 'text' },
  { name: 'dateconvention', type: 'text' },
  { name: 'referencedecision', type: 'text' },
  { name: 'idbeneficiaire', type: 'text' },
  { name: 'nombeneficiaire', type: 'text' },
  { name: 'objet', type: 'text' },
  { name: 'montant', type: 'double' },
  { name: 'nature', type: 'text' },
  { name: 'conditionsversement', type: 'text' },
  { name: 'datesversement_debut', type: 'text' },
  { name: 'datesversement_fin', type: 'text' },
  { name: 'idrae', type: 'text' },
  { name: 'notificationue', type: 'text' },
  { name: 'pourcentagesubvention', type: 'double' },
];

// The grantor as the recorded rows name it, with the Caisse des Dépôts' own SIRET.
const GRANTOR = 'Caisse des dépôts et Consignations';
const GRANTOR_SIRET = '18002002600019';

// Objects in the dataset's style (capitals, quotes); some match a programme axis, some none.
const OBJECTS = [
  'ETUDE "IMPACTS DE LA TRANSITION AGRICOLE ET ALIMENTAIRE SUR L’EMPLOI"',
  'ETUDE DE RECONVERSION DE LA FRICHE INDUSTRIELLE DE {C}',
  "AMENAGEMENT DE LA ZONE D'ACTIVITE DE {C}",
  'PLAN DE RENOVATION ENERGETIQUE DES BATIMENTS PUBLICS DE {C}',
  'ETUDE DE FAISABILITE D’UN RESEAU DE CHALEUR RENOUVELABLE',
  'PROGRAMME DE FORMATION AUX METIERS DE L’INDUSTRIE',
  'SOUTIEN A L’INSERTION PROFESSIONNELLE DES JEUNES',
  'ACCOMPAGNEMENT DE L’INNOVATION DES ENTREPRISES DU TERRITOIRE',
  'DEPLOIEMENT D’UN TIERS-LIEU NUMERIQUE A {C}',
  'ASSISTANCE A MAITRISE D’OUVRAGE POUR LA REVITALISATION DU CENTRE-BOURG',
  'ETUDE DE PROGRAMMATION D’UN EQUIPEMENT CULTUREL',
  'MISSION D’INGENIERIE TERRITORIALE',
] as const;

/** Builds the subsidies dataset from the world (and the BANATIC file, for commune SIRENs). */
export function buildBanqueDesTerritoiresRecords(
  world: World,
  geoDir: string = DEFAULT_GEO_DIR,
): OdsDataset[] {
  const communeSirens = new Map<string, string>();
  for (const body of loadPublicBodyLocator(geoDir).values()) {
    if (body.kind === 'commune') communeSirens.set(body.communeCode, body.siren);
  }
  const epciNames = new Map([...loadGeography(geoDir).epcis.values()].map((e) => [e.siren, e.name]));
  const records: OdsRecord[] = [];
  for (const territory of world.territories) {
    const random = randomFor(`caisse-des-depots:subventions:${territory.id}`);
    const count = Math.min(24, 5 + Math.round(territory.communeCodes.length / 12));
    for (let i = 0; i < count; i++) {
      const record = subsidy(random, world, territory, communeSirens, epciNames);
      if (record) records.push(record);
    }
  }
  // Two rows as a careless export has them, so syncs meet what they must reject: no amount, and a
  // date in another format. (Deliberate; the recorded rows have neither.)
  const [first, second] = records;
  if (first) records.push({ ...first, objet: `${first.objet as string} (COMPLEMENT)`, montant: null });
  if (second)
    records.push({ ...second, objet: `${second.objet as string} (AVENANT)`, dateconvention: '07/2021' });
  return [{ id: SUBSIDIES_DATASET_ID, fields: SUBSIDY_FIELDS, records }];
}

function subsidy(
  random: Random,
  world: World,
  territory: WorldTerritory,
  communeSirens: ReadonlyMap<string, string>,
  epciNames: ReadonlyMap<string, string>,
): OdsRecord | undefined {
  const communes = territory.communeCodes.map((c) => world.communes.get(c)).filter((c) => c !== undefined);
  if (communes.length === 0) return undefined;
  const commune = pick(random, communes);
  const draw = random();
  let name: string;
  let siret: string;
  if (draw < 0.35 && territory.epciSirens.length > 0) {
    const epci = pick(random, territory.epciSirens);
    name = (epciNames.get(epci) ?? `COMMUNAUTE ${epci}`).toUpperCase();
    siret = makeSiret(epci, '0001');
  } else if (draw < 0.7 && communeSirens.has(commune.code)) {
    name = `COMMUNE DE ${commune.name.toUpperCase()}`;
    siret = makeSiret(communeSirens.get(commune.code)!, '0001');
  } else {
    const companies = world.companies.filter((c) => c.territoryId === territory.id);
    if (companies.length === 0) return undefined;
    const company = pick(random, companies);
    name = company.name.toUpperCase();
    siret = company.establishments[0]!.siret;
  }
  const year = randomInt(random, 2018, 2025);
  const month = String(randomInt(random, 1, 12)).padStart(2, '0');
  const amount = randomInt(random, 24, 600) * 1_000 + (random() < 0.3 ? randomInt(random, 1, 99) * 10 : 0);
  const staged = random() < 0.6;
  const rate = random() < 0.5 ? 1 : Math.round((0.2 + random() * 0.6) * 100) / 100;
  return {
    nomattribuant: GRANTOR,
    idattribuant: GRANTOR_SIRET,
    dateconvention: `${year}-${month}`,
    referencedecision: null,
    idbeneficiaire: siret,
    nombeneficiaire: name,
    objet: pick(random, OBJECTS).replace('{C}', commune.name.toUpperCase()),
    montant: amount,
    nature: 'Aide en numéraire',
    conditionsversement: staged ? 'ECHELONNE' : 'UNIQUE',
    datesversement_debut: `${year}-${month}`,
    datesversement_fin: staged ? `${Math.min(2026, year + 1)}-${month}-15` : null,
    idrae: null,
    notificationue: random() < 0.1 ? 'Oui' : 'Non',
    pourcentagesubvention: rate,
  };
}
