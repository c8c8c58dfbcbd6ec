// The Caisse des Dépôts portal's datasets, built from the shared world: Banque des Territoires
// financings in the SCDL subsidy columns (plus the portal's own location and theme columns), and
// the Écoles de production it supports. Deterministic; amounts and names are illustrative.
import { makeSiren, makeSiret } from '../../kit/src/reference/companyIds.js';
import { loadGeography } from '../../kit/src/reference/geography.js';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import type { OdsDataset } from '../protocols/exploreApi.js';
import type { OdsField, OdsRecord } from '../protocols/odsql.js';
import type { World, WorldCommune, WorldTerritory } from '../world.js';

export const FINANCINGS_DATASET_ID = 'financements-banque-des-territoires';
export const SCHOOLS_DATASET_ID = 'ecoles-de-production';

const CDC_SIREN = '180020026';
const THEMES = [
  'Foncier économique et friches',
  'Transition écologique et énergétique',
  'Compétences et formation',
  'Innovation et numérique',
  // Published by the portal but under no programme axis.
  'Attractivité et cadre de vie',
] as const;
type Theme = (typeof THEMES)[number];
type Kind = 'Prêt' | 'Ingénierie' | 'Investissement';

const OBJECTS: Record<Theme, Record<Kind, readonly string[]>> = {
  'Foncier économique et friches': {
    Prêt: [
      "Prêt pour l'aménagement de la zone d'activités de {C}",
      'Prêt GPI-AmbRE pour la requalification de la friche industrielle de {C}',
    ],
    Ingénierie: [
      'Étude de recyclage foncier des friches de {C}',
      "Mission d'assistance à maîtrise d'ouvrage foncier industriel",
    ],
    Investissement: [
      "Prise de participation dans la foncière d'activités de {C}",
      'Investissement dans un bâtiment industriel locatif à {C}',
    ],
  },
  'Transition écologique et énergétique': {
    Prêt: [
      'Prêt Relance Verte pour la rénovation énergétique des bâtiments publics de {C}',
      'Prêt pour le réseau de chaleur de {C}',
    ],
    Ingénierie: [
      'Étude de planification énergétique territoriale',
      "Mission d'écologie industrielle et territoriale à {C}",
    ],
    Investissement: [
      'Investissement dans la centrale photovoltaïque de {C}',
      "Participation dans l'unité de méthanisation de {C}",
    ],
  },
  'Compétences et formation': {
    Prêt: ['Prêt pour le campus des métiers de {C}', "Prêt pour l'extension du centre de formation de {C}"],
    Ingénierie: [
      'Étude de besoins en compétences industrielles du territoire',
      "Mission d'appui à la gestion prévisionnelle des emplois",
    ],
    Investissement: [
      'Investissement dans un tiers-lieu de formation à {C}',
      'Participation dans la résidence pour apprentis de {C}',
    ],
  },
  'Innovation et numérique': {
    Prêt: [
      'Prêt pour le déploiement de la fibre dans les zones d’activités de {C}',
      "Prêt pour l'hôtel d'entreprises innovantes de {C}",
    ],
    Ingénierie: [
      "Étude de préfiguration d'un démonstrateur industriel",
      "Mission d'appui à la structuration d'une filière innovante",
    ],
    Investissement: [
      "Investissement dans l'accélérateur industriel de {C}",
      'Participation dans une plateforme technologique à {C}',
    ],
  },
  'Attractivité et cadre de vie': {
    Prêt: [
      'Prêt pour la revitalisation du centre-bourg de {C}',
      'Prêt pour la rénovation des équipements sportifs de {C}',
    ],
    Ingénierie: [
      "Étude d'attractivité résidentielle pour les salariés de l'industrie",
      'Mission de marketing territorial',
    ],
    Investissement: [
      'Investissement dans une résidence pour jeunes actifs à {C}',
      'Participation dans la SEM de revitalisation de {C}',
    ],
  },
};

const AMOUNTS: Record<Kind, [number, number]> = {
  Prêt: [150_000, 5_000_000],
  Ingénierie: [15_000, 150_000],
  Investissement: [250_000, 8_000_000],
};

export const FINANCING_FIELDS: readonly OdsField[] = [
  { name: 'nomattribuant', type: 'text' },
  { name: 'idattribuant', type: 'text' },
  { name: 'dateconvention', type: 'date' },
  { name: 'referencedecision', type: 'text' },
  { name: 'nombeneficiaire', type: 'text' },
  { name: 'idbeneficiaire', type: 'text' },
  { name: 'objet', type: 'text' },
  { name: 'montant', type: 'double' },
  { name: 'nature', type: 'text' },
  { name: 'conditionsversement', type: 'text' },
  { name: 'datesperiodeversement', type: 'text' },
  { name: 'notificationue', type: 'text' },
  { name: 'pourcentagesubvention', type: 'double' },
  { name: 'type_financement', type: 'text' },
  { name: 'type_beneficiaire', type: 'text' },
  { name: 'siren_epci', type: 'text' },
  { name: 'code_commune', type: 'text' },
  { name: 'nom_commune', type: 'text' },
  { name: 'code_departement', type: 'text' },
  { name: 'thematique', type: 'text' },
];

export const SCHOOL_FIELDS: readonly OdsField[] = [
  { name: 'identifiant', type: 'text' },
  { name: 'nom_ecole', type: 'text' },
  { name: 'siret', type: 'text' },
  { name: 'code_commune', type: 'text' },
  { name: 'nom_commune', type: 'text' },
  { name: 'code_departement', type: 'text' },
  { name: 'metiers', type: 'text' },
  { name: 'annee_ouverture', type: 'int' },
  { name: 'nombre_places', type: 'int' },
  { name: 'montant_soutien', type: 'double' },
];

const TRADES = [
  'Usinage',
  'Chaudronnerie',
  'Soudure',
  'Maintenance industrielle',
  'Menuiserie',
  'Plasturgie',
  'Électrotechnique',
  'Conduite de lignes automatisées',
];

/** Builds both datasets of the portal from the world (and the geography, for EPCI names). */
export function buildBanqueDesTerritoiresRecords(world: World, geoDir?: string): OdsDataset[] {
  const geography = geoDir ? loadGeography(geoDir) : undefined;
  const financings: OdsRecord[] = [];
  const schools: OdsRecord[] = [];
  let sequence = 0;
  for (const territory of world.territories) {
    const random = randomFor(`caisse-des-depots:${territory.id}`);
    const communes = territory.communeCodes.map((c) => world.communes.get(c)).filter((c) => c !== undefined);
    if (communes.length === 0) continue;
    const count = Math.min(24, 5 + Math.round(communes.length / 12));
    for (let i = 0; i < count; i++) {
      financings.push(financing(random, world, territory, communes, ++sequence, geography));
    }
    // About one territory in two has an École de production (100 targeted by 2027).
    if (random() < 0.5) schools.push(school(random, communes, territory, schools.length + 1));
  }
  return [
    { id: FINANCINGS_DATASET_ID, fields: FINANCING_FIELDS, records: financings },
    { id: SCHOOLS_DATASET_ID, fields: SCHOOL_FIELDS, records: schools },
  ];
}

function financing(
  random: Random,
  world: World,
  territory: WorldTerritory,
  communes: WorldCommune[],
  sequence: number,
  geography: ReturnType<typeof loadGeography> | undefined,
): OdsRecord {
  const theme = pick(random, THEMES);
  const draw = random();
  const beneficiaryKind = draw < 0.4 ? 'EPCI' : draw < 0.75 ? 'Commune' : 'Porteur de projet';
  let commune = pick(random, communes);
  let name: string;
  let siret: string;
  let epciSiren: string | null = null;
  if (beneficiaryKind === 'EPCI') {
    epciSiren = pick(random, territory.epciSirens);
    const epci = geography?.epcis.get(epciSiren);
    name = epci?.name ?? `EPCI ${epciSiren}`;
    siret = makeSiret(epciSiren, '0001');
    // The financing is located in a commune of that EPCI inside the territory.
    const member = communes.find((c) => epci?.communeCodes.includes(c.code));
    if (member) commune = member;
  } else if (beneficiaryKind === 'Commune') {
    name = `Commune de ${commune.name}`;
    siret = makeSiret(communeSiren(commune), '0001');
  } else {
    const companies = world.companies.filter((c) => c.territoryId === territory.id);
    const company = companies.length > 0 ? pick(random, companies) : undefined;
    const establishment = company?.establishments[0];
    name = company?.name ?? `SAS Projets de ${commune.name}`;
    siret = establishment?.siret ?? makeSiret(communeSiren(commune), '0099');
    if (establishment) commune = world.communes.get(establishment.commune.code) ?? commune;
  }
  const kind: Kind =
    beneficiaryKind === 'Porteur de projet'
      ? random() < 0.7
        ? 'Investissement'
        : 'Prêt'
      : pick(random, ['Prêt', 'Prêt', 'Ingénierie', 'Ingénierie', 'Investissement'] as const);
  const [low, high] = AMOUNTS[kind];
  const amount = Math.round((low + random() * (high - low)) * 100) / 100;
  const year = randomInt(random, 2023, 2025);
  const date = `${year}-${pad(randomInt(random, 1, 12))}-${pad(randomInt(random, 1, 28))}`;
  // A project company's financing is about its own project; local authorities' follow the theme.
  const object =
    beneficiaryKind === 'Porteur de projet'
      ? kind === 'Prêt'
        ? `Prêt pour le projet de ${name} à ${commune.name}`
        : `Prise de participation dans la société de projet de ${name} à ${commune.name}`
      : pick(random, OBJECTS[theme][kind]).replace('{C}', commune.name);
  return {
    nomattribuant: 'Caisse des dépôts et consignations',
    idattribuant: makeSiret(CDC_SIREN, '0001'),
    dateconvention: date,
    referencedecision: `BDT-${year}-${String(sequence).padStart(5, '0')}`,
    nombeneficiaire: name,
    idbeneficiaire: siret,
    objet: object,
    montant: amount,
    nature: kind === 'Ingénierie' ? 'aide en nature' : 'aide en numéraire',
    conditionsversement: random() < 0.6 ? 'échelonné' : 'unique',
    datesperiodeversement: `${date}/${year + 2}${date.slice(4)}`,
    notificationue: 'non',
    pourcentagesubvention: kind === 'Ingénierie' ? Math.round(random() * 50 + 30) / 100 : null,
    type_financement: kind,
    type_beneficiaire: beneficiaryKind,
    siren_epci: epciSiren,
    code_commune: commune.code,
    nom_commune: commune.name,
    code_departement: commune.departmentCode,
    thematique: theme,
  };
}

function school(
  random: Random,
  communes: WorldCommune[],
  territory: WorldTerritory,
  rank: number,
): OdsRecord {
  const commune = communes.reduce((a, b) => (b.population > a.population ? b : a));
  const trades = [...new Set([pick(random, TRADES), pick(random, TRADES)])];
  const siren = makeSiren(`77${String(rank).padStart(3, '0')}${territory.id.slice(3, 6).padEnd(3, '0')}`);
  return {
    identifiant: `EDP-${String(rank).padStart(3, '0')}`,
    nom_ecole: `École de production de ${commune.name}`,
    siret: makeSiret(siren, '0001'),
    code_commune: commune.code,
    nom_commune: commune.name,
    code_departement: commune.departmentCode,
    metiers: trades.join('; '),
    annee_ouverture: randomInt(random, 2019, 2025),
    nombre_places: randomInt(random, 12, 48),
    montant_soutien: randomInt(random, 40, 400) * 1_000,
  };
}

/** A commune's SIREN follows INSEE's pattern: 21, the department, 0, the commune number, a check digit. */
function communeSiren(commune: WorldCommune): string {
  const department = commune.departmentCode.replace(/^2[AB]$/, '20').slice(0, 2);
  return makeSiren(`21${department}0${commune.code.slice(-3)}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
