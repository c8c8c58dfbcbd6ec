// Word lists the programme generator draws names, titles and sectors from.
import type { Axis } from '../../kit/src/reference/programme.ts';

// Word lists as strings: one line each instead of hundreds once formatted.
const FEMALE_NAMES =
  'Camille Claire Sophie Nathalie Isabelle Émilie Julie Aurélie Sandrine Hélène Valérie Anne Marion Céline Laure Agnès Martine Élodie';
const MALE_NAMES =
  'Thomas Nicolas Julien Pierre François Philippe Laurent Olivier Stéphane Christophe Jérôme Antoine Benoît Didier Xavier Mathieu Sébastien Patrick';
export const FIRST_NAMES: readonly [string, 'f' | 'm'][] = [
  ...FEMALE_NAMES.split(' ').map((n): [string, 'f'] => [n, 'f']),
  ...MALE_NAMES.split(' ').map((n): [string, 'm'] => [n, 'm']),
];
export const LAST_NAMES = (
  'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia ' +
  'David Bertrand Roux Vincent Fournier Morel Girard Andre Lefèvre Mercier Dupont Lambert Bonnet François ' +
  'Martinez Legrand Garnier Faure Rousseau Blanc Guerin Muller Henry Roussel Nicolas Perrin Morin Mathieu ' +
  'Clément Gauthier Dumont Lopez Fontaine Chevalier Robin'
).split(' ');
export const COMPANY_STEMS = (
  'Métal Techni Plasti Méca Agro Chimi Électro Thermo Hydro Compo Textil Fibro Verre Lumi Roto Soudo Ferro ' +
  'Alu Cérami Nova Ondu Pneu Bois'
).split(' ');
export const COMPANY_ENDINGS = 'form lor nov tec val plast mat tech cast lab ys'.split(' ');
export const COMPANY_FORMS: readonly string[] = ['SAS', 'SA', 'SARL', 'SAS', 'Industries', 'Groupe'];
export const SECTORS: readonly string[] = [
  'Métallurgie',
  'Agroalimentaire',
  'Plasturgie',
  'Chimie verte',
  'Logistique industrielle',
  'Aéronautique',
  'Batteries et mobilité électrique',
  'Hydrogène',
  'Santé',
  'Bois et ameublement',
  'Recyclage',
  'Électronique',
];
export const SITE_KINDS: readonly string[] = [
  "Parc d'activités",
  "Zone d'activités",
  'ZAC',
  'Zone industrielle',
  'Parc industriel',
];

export const TITLES: Record<Axis, readonly string[]> = {
  ATTIRER: [
    "Marketing territorial de l'offre industrielle",
    'Accueil des porteurs de projets industriels à {town}',
    "Extension de la zone d'activités de {town}",
    "Guichet unique pour l'implantation d'entreprises",
    'Requalification de la friche industrielle de {town}',
    'Présence du territoire sur les salons professionnels',
    'Offre de logements pour les nouveaux salariés',
    "Amélioration de la desserte des zones d'activités",
  ],
  RECRUTER: [
    "Plateforme territoriale de l'emploi industriel",
    "Semaine de l'industrie : visites d'entreprises pour les collégiens",
    'Formation de soudeurs et de chaudronniers',
    "Développement de l'apprentissage dans les PME industrielles",
    "Mobilité des demandeurs d'emploi vers les sites industriels",
    'Gestion prévisionnelle des emplois et des compétences territoriale',
    "Forum des métiers de l'industrie à {town}",
    'Parcours de reconversion vers les métiers de la maintenance',
  ],
  INNOVER: [
    'Diagnostic industrie du futur des PME',
    'Plateforme technologique partagée à {town}',
    'Club des dirigeants industriels innovants',
    'Accompagnement à la robotisation des ateliers',
    'Rapprochement entreprises - laboratoires de recherche',
    "Programme d'accélération des PME industrielles",
    'Fab lab industriel à {town}',
    'Numérisation des entreprises de sous-traitance',
  ],
  SIMPLIFIER: [
    "Interlocuteur unique des services de l'État pour les industriels",
    "Accélération des procédures d'autorisation environnementale",
    'Revue de projets industriels en sous-préfecture',
    "Simplification des démarches d'urbanisme des zones d'activités",
    "Cellule d'appui aux entreprises en difficulté",
    "Guide des aides publiques à l'investissement industriel",
  ],
  COMPETENCES: [
    "Création d'une école de production à {town}",
    "Campus des métiers de l'industrie {of}",
    'Plateforme mutualisée de recrutement industriel',
    'Formation aux métiers de la maintenance industrielle',
    'Attractivité des métiers industriels auprès des jeunes',
    'Logements pour apprentis et alternants à {town}',
    'Gestion prévisionnelle des compétences du bassin {of}',
    "Parcours de reconversion vers l'industrie avec France Travail",
    'Atelier de formation aux métiers de la soudure',
    'Accueil des volontaires territoriaux en entreprise',
  ],
  FONCIER: [
    'Requalification de la friche industrielle de {town}',
    'Stratégie foncière industrielle compatible avec le ZAN',
    'Inventaire du foncier économique mobilisable',
    "Densification des zones d'activités existantes",
    "Préparation d'un site clé en main à {town}",
    'Viabilisation de parcelles industrielles à {town}',
    "Dépollution et réhabilitation d'un ancien site industriel",
    'Observatoire du foncier économique {of}',
  ],
  INNOVATION: [
    "Plateforme d'innovation et d'essais à {town}",
    'Démonstrateur industrie du futur',
    'Accompagnement des PME à la robotisation',
    'Tiers-lieu industriel à {town}',
    "Club d'entreprises innovantes {of}",
    'Diagnostic numérique des PME industrielles',
    'Partenariat entreprises - centres techniques',
    'Accélérateur de start-up industrielles',
  ],
  TRANSITION_ECOLOGIQUE: [
    'Écologie industrielle et territoriale : bouclage des flux',
    'Réseau de chaleur alimenté par la chaleur fatale industrielle',
    'Décarbonation des procédés des PME',
    "Production et usage d'hydrogène bas carbone",
    "Plan de mobilité inter-entreprises des zones d'activités",
    'Valorisation des déchets et coproduits industriels',
    'Photovoltaïque sur les toitures industrielles de {town}',
    'Sobriété en eau des sites industriels',
    'Diagnostic énergie-carbone des entreprises {of}',
  ],
};
export const MISSIONS: readonly string[] = [
  "Étude de requalification d'une friche industrielle",
  'Stratégie foncière économique du territoire',
  'Diagnostic des besoins en compétences des industriels',
  "Étude de faisabilité d'une école de production",
  "Schéma d'écologie industrielle et territoriale",
  "Étude de programmation d'un site clé en main",
  "Plan de mobilité des salariés des zones d'activités",
  "Appui à la structuration d'une filière hydrogène",
];
export const MISSION_PROVIDERS: readonly string[] = [
  'Cabinet Axe Territoires',
  "Indus'Terr Conseil",
  'Stratégies Locales & Industrie',
  'Atelier Foncier Conseil',
  'Ecotone Ingénierie',
  'Compétences & Territoires',
];
/** EPCI names that already read like a territory name ("Pays de Bitche", "Vallée de la Bruche"). */
export const NAME_PREFIXES =
  /^(Pays|Grand|Val|Vallée|Vallées|Coeur|Cœur|Portes|Porte|Haut|Haute|Terres|Terre|Bassin|Plaine|Plateau|Monts|Côte|Côtes|Rives|Bocage)\b/;
