// The State's territorial actors of a territory, by its region(s): the préfecture de région (the
// State in the region; its SGAR instructs the Fonds Vert and the foncier industriel applications)
// and the regional council (co-steering, sites clés en main). Names come from the real region
// list (INSEE COG 2024, data/geo/regions.csv); roles and the application link from the
// programme's 2024 presentation. Contact persons are not published: the ones here are generated,
// marked illustrative, with ids and e-mail domains (`.invalid`) that cannot be taken for real.
import { randomFor, pick } from '../../../kit/src/prng.js';
import type { Geography, RegionRecord } from '../../../kit/src/reference/programme.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';

/** The link the programme gives for foncier industriel / sites clés en main applications. */
export const FONCIER_INDUSTRIEL_APPLICATION_URL =
  'http://www.demarches-simplifiees.fr/commencer/candidature-foncier-industriel';

/** What an actor is. */
export type ActorKind = 'PREFECTURE_DE_REGION' | 'CONSEIL_REGIONAL';
/** What an actor is the contact for. */
export type ActorRole = 'FONDS_VERT' | 'FONCIER_INDUSTRIEL' | 'REGIONAL_STEERING';

/** An application procedure an actor receives. */
export interface ApplicationLink {
  role: ActorRole;
  label: string;
  url: string;
}

/** A generated contact person (never a real one). */
export interface ActorContact {
  id: string;
  name: string;
  position: string;
  email: string;
  illustrative: true;
}

/** One actor of a territory. */
export interface TerritorialActor {
  id: string;
  kind: ActorKind;
  name: string;
  regionCode: string;
  regionName: string;
  /** True for the region that steers the territory (the one in its ANCT id). */
  steeringRegion: boolean;
  seatCommuneCode: string | null;
  seatCommuneName: string | null;
  roles: ActorRole[];
  steering: string;
  applications: ApplicationLink[];
  contact: ActorContact;
  source: SourceInfo;
}

/** Where the names come from (real). */
export const REGIONS_SOURCE: SourceInfo = {
  publisher: 'INSEE',
  dataset: 'Code officiel géographique 2024 — régions (regions.csv)',
  url: 'https://www.insee.fr/fr/information/2560452',
  retrievedAt: null,
  illustrative: false,
};

// Regions whose regional competences belong to another kind of authority.
const SPECIAL_COUNCILS: Record<string, string> = {
  '02': 'Collectivité territoriale de Martinique',
  '03': 'Collectivité territoriale de Guyane',
  '06': 'Conseil départemental de Mayotte',
  '94': 'Collectivité de Corse',
};

const FIRST_NAMES = ['Camille', 'Dominique', 'Claude', 'Alix', 'Sacha', 'Morgan', 'Yannick', 'Maxime'];
const LAST_NAMES = ['Exemple', 'Fictif', 'Modèle', 'Témoin', 'Specimen', 'Illustre'];

/** The actors of a territory: both bodies of its steering region first, then those of any other region it reaches. */
export function territorialActors(
  geography: Geography,
  territoryId: string,
  departmentCodes: readonly string[],
): TerritorialActor[] {
  const regions: string[] = [];
  const fromId = /^ti-(\d{2})/.exec(territoryId)?.[1];
  if (fromId && geography.regions.has(fromId)) regions.push(fromId);
  for (const code of departmentCodes) {
    const region = geography.departments.get(code)?.regionCode;
    if (region && !regions.includes(region)) regions.push(region);
  }
  return regions.flatMap((code, index) => {
    const region = geography.regions.get(code)!;
    return [prefecture(geography, region, index === 0), council(region, index === 0)];
  });
}

function prefecture(geography: Geography, region: RegionRecord, steeringRegion: boolean): TerritorialActor {
  const seat = geography.communes.get(region.capitalCommune);
  return {
    id: `prefecture-region-${region.code}`,
    kind: 'PREFECTURE_DE_REGION',
    name: `Préfecture de la région ${region.name}`,
    regionCode: region.code,
    regionName: region.name,
    steeringRegion,
    seatCommuneCode: region.capitalCommune,
    seatCommuneName: seat?.name ?? null,
    roles: ['FONDS_VERT', 'FONCIER_INDUSTRIEL', 'REGIONAL_STEERING'],
    steering:
      'Le préfet de région co-pilote le programme en région avec le conseil régional; l’enveloppe Fonds Vert « Territoires d’industrie en transition écologique » est déconcentrée à son échelle (instruction par le SGAR).',
    applications: [
      {
        role: 'FONCIER_INDUSTRIEL',
        label: 'Candidature foncier industriel / sites clés en main (démarches simplifiées)',
        url: FONCIER_INDUSTRIEL_APPLICATION_URL,
      },
    ],
    contact: contactFor(region, 'pref', 'Chargé·e de mission Territoires d’industrie, SGAR'),
    source: REGIONS_SOURCE,
  };
}

function council(region: RegionRecord, steeringRegion: boolean): TerritorialActor {
  return {
    id: `conseil-regional-${region.code}`,
    kind: 'CONSEIL_REGIONAL',
    name: SPECIAL_COUNCILS[region.code] ?? `Conseil régional ${articleFor(region)}${region.name}`,
    regionCode: region.code,
    regionName: region.name,
    steeringRegion,
    seatCommuneCode: null,
    seatCommuneName: null,
    roles: ['FONCIER_INDUSTRIEL', 'REGIONAL_STEERING'],
    steering:
      'La région co-pilote le programme avec le préfet de région (comité de pilotage régional) et reçoit avec lui les candidatures sites clés en main.',
    applications: [
      {
        role: 'FONCIER_INDUSTRIEL',
        label: 'Candidature foncier industriel / sites clés en main (démarches simplifiées)',
        url: FONCIER_INDUSTRIEL_APPLICATION_URL,
      },
    ],
    contact: contactFor(
      region,
      'region',
      'Référent·e Territoires d’industrie, direction du développement économique',
    ),
    source: REGIONS_SOURCE,
  };
}

// The article the region's name takes after "de" (the COG's TNCC types 0 to 4, for the 14
// regions that have a conseil régional): du Grand Est, des Hauts-de-France, d'Occitanie…
function articleFor(region: RegionRecord): string {
  const name = region.name;
  if (/^(Grand |Centre-)/.test(name)) return 'du ';
  if (/^(Hauts-|Pays )/.test(name)) return 'des ';
  if (/^(Nouvelle-|Guadeloupe)/.test(name)) return 'de la ';
  if (/^[AEIOUYÎÉ]/.test(name)) return 'd’';
  return 'de ';
}

function contactFor(region: RegionRecord, body: string, position: string): ActorContact {
  const random = randomFor(`etat:contact:${region.code}:${body}`);
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
  return {
    id: `ILLUSTRATIF-${body.toUpperCase()}-${region.code}`,
    name: `${first} ${last} (illustratif)`,
    position,
    email: `${slug(first)}.${slug(last)}@${body}-${region.code}.illustratif.invalid`,
    illustrative: true,
  };
}
