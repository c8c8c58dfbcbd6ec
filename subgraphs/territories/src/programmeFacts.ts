// The programme's facts as the seed deck (ANCT / DGE, "Présentation Territoires d'industrie 2024")
// states them, each with its slide and words, and the counts the data can give computed beside
// them. Quotes are the deck's French, verbatim (typos included).
import type { SourceInfo } from '../../../kit/src/provenance.js';
import type { Axis, Phase } from '../../../kit/src/reference/programme.js';
import { type Attachment, type ProgrammeStore } from './programmeStore.js';
import { ANCT_LIST_SOURCE, deck, GENERATED_SOURCE, type DeckReference } from './sources.js';

const SLIDE_PHASE1 = 'Retour sur le premier temps du programme';
const SLIDE_OFFER_CHANGES = "Principales évolutions de l'organisation de l'offre de services";
const SLIDE_MAP = "Une nouvelle carte à 183 territoires d'industrie — une couverture territoriale élargie";
const SLIDE_GRAND_EST = "Territoires d'industrie 2018-2022 / Territoires d'industrie 2023-2027 (Grand Est)";
const SLIDE_MARNE = "Caractéristiques des plans d'action dans la Marne";
const SLIDE_NEW_OFFER = 'Une nouvelle offre de services pour les territoires';
const SLIDE_LEAD = "I. Un chef de projet par territoire d'industrie";
const SLIDE_ENGINEERING = "II. Offre complète d'ingénierie";
const SLIDE_SITES = 'Un accompagnement accru — Développer 50 sites clés en main France 2030';
const SLIDE_FONDS_VERT =
  "III. Une enveloppe « Territoires d'industrie en transition écologique » dans le cadre du Fonds Vert";
const SLIDE_SKILLS = 'Un accompagnement accru — Soutenir le développement des compétences et la formation';

/** A count the deck states, with the computed value beside it. */
export interface CheckedCount {
  stated: number;
  approximate: boolean;
  statedIn: DeckReference;
  computed: number;
  computedSource: SourceInfo;
  method: string;
  agrees: boolean;
}

function checked(
  stated: number,
  statedIn: DeckReference,
  computed: number,
  computedSource: SourceInfo,
  method: string,
  approximate = false,
): CheckedCount {
  const agrees = approximate ? Math.abs(computed - stated) <= stated * 0.05 : computed === stated;
  return { stated, approximate, statedIn, computed, computedSource, method, agrees };
}

/** The deck's figures for a department, where it gives some (the Marne). */
interface StatedDepartment {
  territoryCount: number;
  territoriesEntirelyWithin: number;
  binomeCount: number;
  actionSheetCount: number;
  byAxis: { axis: Axis; percent: number }[];
  statedIn: DeckReference;
}

const STATED_DEPARTMENTS: Readonly<Record<string, StatedDepartment>> = {
  '51': {
    territoryCount: 5,
    territoriesEntirelyWithin: 4,
    binomeCount: 14,
    actionSheetCount: 39,
    byAxis: [
      { axis: 'COMPETENCES', percent: 35 },
      { axis: 'FONCIER', percent: 24 },
      { axis: 'INNOVATION', percent: 15 },
      { axis: 'TRANSITION_ECOLOGIQUE', percent: 26 },
    ],
    statedIn: deck(
      SLIDE_MARNE,
      '5 territoires d’industrie, dont 4 entièrement sur le département • 14 binômes élus-industriel • 39 actions identifiées sur les 4 actions prioritaires — Typologie des fiches actions : 35 % Compétences, 24 % Foncier, 15 % Innovation, 26 % Transition écologique',
    ),
  },
};

const RULES: readonly Attachment[] = [
  'ANY_COMMUNE',
  'MAJORITY_OF_COMMUNES',
  'MAJORITY_OF_POPULATION',
  'ENTIRELY',
];
const RULE_WORDS: Readonly<Record<Attachment, string>> = {
  ANY_COMMUNE: 'any commune in the department',
  MAJORITY_OF_COMMUNES: 'more than half of its communes in the department',
  MAJORITY_OF_POPULATION: 'more than half of its population in the department',
  ENTIRELY: 'all its communes in the department',
};

/** The deck's figures for department `code` beside the data's, or null when the deck has none. */
export function departmentSeedFigures(store: ProgrammeStore, code: string, phase: Phase = 2) {
  const stated = STATED_DEPARTMENTS[code];
  if (!stated) return null;
  const reaches = store.territoriesOfDepartment(code, phase).map((t) => store.reach(t, code));
  const matching = RULES.filter(
    (rule) => store.territoriesOfDepartment(code, phase, rule).length === stated.territoryCount,
  );
  const entirely = reaches.filter((r) => r.entirely);
  const partly = reaches.filter((r) => !r.entirely);
  const describe = (r: (typeof reaches)[number]): string =>
    `${r.territory.id} ${r.territory.name} (${r.communesInDepartment} of ${r.communeCount} communes, ` +
    `${Math.round((100 * r.populationInDepartment) / Math.max(1, r.population))} % of its population)`;
  const explanation = [
    `Through their communes, ${reaches.length} territories reach the department: ${entirely.length} entirely` +
      (partly.length > 0 ? ` and ${partly.length} partly: ${partly.map(describe).join('; ')}.` : '.'),
    `The deck counts ${stated.territoryCount}, of which ${stated.territoriesEntirelyWithin} entirely.`,
    matching.length > 0
      ? `Its count is what the rule "${matching.map((r) => RULE_WORDS[r]).join('" or "')}" gives` +
        ` (${matching.join(', ')}); the deck does not say which rule it used.`
      : 'No attachment rule of the data gives its count.',
    `Binômes and sheets are generated to match the deck over the territories with more than half of` +
      ' their communes in the department (illustrative).',
  ].join(' ');
  return {
    ...stated,
    territoriesReaching: reaches.length,
    territoriesEntirelyWithinByData: entirely.length,
    rulesMatchingTerritoryCount: matching,
    explanation,
  };
}

/** Everything `programmeFacts` answers; the types follow the schema's. */
export function programmeFacts(store: ProgrammeStore) {
  const phase2 = store.territoriesInPhase(2);
  const phase1 = store.territoriesInPhase(1);
  const real = phase2.filter((t) => !t.illustrative);
  const mapSlide = deck(
    SLIDE_MAP,
    '68% des emplois industriels au niveau national (+11pt vs Phase I) — 18/18 régions — Une nouvelle carte à 183 territoires d’industrie',
  );
  const grandEstSlide = deck(
    SLIDE_GRAND_EST,
    '21 territoires d’industrie dans la région contre 15 dans la phase une • Plus des 3/4 de l’emploi industriel couvert soit plus que la moyenne nationale (2/3)',
  );
  const phase1Slide = deck(
    SLIDE_PHASE1,
    'Lancement en novembre 2018 • Complète la politique industrielle par une lecture horizontale, co-porté ANCT et DGE • Environ 150 territoires labellisés, pilotage régional confié aux régions, binôme élu-indsutriel • Constitution de 1800 fiches actions sur 4 axes : attirer, recruter, innover et simplifier',
  );

  // Population coverage: the one coverage the data can compute (no employment data by commune).
  const covered = new Set(phase2.flatMap((t) => t.communeCodes));
  let france = 0;
  let inTerritories = 0;
  let grandEst = 0;
  let grandEstCovered = 0;
  for (const commune of store.geography.communes.values()) {
    france += commune.population;
    const isCovered = covered.has(commune.code);
    if (isCovered) inTerritories += commune.population;
    if (commune.regionCode === '44') {
      grandEst += commune.population;
      if (isCovered) grandEstCovered += commune.population;
    }
  }

  const sites = phase2.flatMap((t) => t.sites.filter((s) => s.applicationStatus === 'LABELLED'));
  const missions = phase2.flatMap((t) => t.missions);
  const fondsVertSlide = deck(
    SLIDE_FONDS_VERT,
    '7,9 millions d’euros en 2024 pour la région Grand Est • Déconcentré à l’échelle du préfet de région • Pour des projets en territoire d’industrie • Eligibilité des projets portés par des personnes privées, des groupements',
  );
  const engineeringSlide = deck(
    SLIDE_ENGINEERING,
    'Un cofinancement par l’ANCT — Projets complexes — Des missions ponctuelles : des missions de quelques semaines à quelques mois',
  );

  return {
    governance: {
      coLeads: [
        {
          acronym: 'ANCT',
          name: 'Agence nationale de la cohésion des territoires',
          role: 'Co-lead; runs the programme and its offer (project leads, engineering, Fonds Vert envelope with the prefects)',
        },
        {
          acronym: 'DGE',
          name: 'Direction générale des Entreprises',
          role: "Co-lead; the programme complements the State's industrial policy",
        },
      ],
      launched: '2018-11',
      regionalSteering: 'Les régions (pilotage régional confié aux régions)',
      statedIn: phase1Slide,
    },
    phase2TerritoryCount: checked(
      183,
      mapSlide,
      real.length,
      ANCT_LIST_SOURCE,
      "Territories of ANCT's 2023-2027 list loaded by the subgraph.",
    ),
    phase2RegionCount: checked(
      18,
      mapSlide,
      new Set(real.map((t) => t.regionCode)).size,
      ANCT_LIST_SOURCE,
      'Distinct steering regions (the region code in each ANCT id) of the phase-2 territories.',
    ),
    grandEstTerritoryCount: checked(
      21,
      grandEstSlide,
      real.filter((t) => t.regionCode === '44').length,
      ANCT_LIST_SOURCE,
      'Phase-2 territories whose ANCT id names region 44 (Grand Est).',
    ),
    phase1TerritoryCount: checked(
      150,
      phase1Slide,
      phase1.length,
      GENERATED_SOURCE,
      "Phase-1 territories of the generated data (ANCT's 2018-2022 list is not shipped).",
      true,
    ),
    grandEstPhase1TerritoryCount: checked(
      15,
      grandEstSlide,
      phase1.filter((t) => t.regionCode === '44').length,
      GENERATED_SOURCE,
      'Phase-1 territories of region 44 in the generated data.',
    ),
    phase1ActionSheetCount: checked(
      1800,
      phase1Slide,
      phase1.reduce((n, t) => n + t.actionSheets.filter((s) => s.phase === 1).length, 0),
      GENERATED_SOURCE,
      'Phase-1 action sheets of the generated data.',
    ),
    industrialJobsCoverage: {
      national: { percent: 68, atLeast: false, statedIn: mapSlide },
      gainOverPhase1Points: { percent: 11, atLeast: false, statedIn: mapSlide },
      grandEst: { percent: 75, atLeast: true, statedIn: grandEstSlide },
      populationShare: france === 0 ? 0 : inTerritories / france,
      grandEstPopulationShare: grandEst === 0 ? 0 : grandEstCovered / grandEst,
      computedSource: ANCT_LIST_SOURCE,
    },
    fondsAcceleration: {
      committed: {
        amount: 1_300_000_000,
        statedIn: deck(
          SLIDE_OFFER_CHANGES,
          'Mise en œuvre du fonds d’accélération des investissements industriels dans les territoires à l’occasion de France (1,3 Mds € engagés dont 850M€ au titre de la relance Etat-région)',
        ),
      },
      ofWhichStateRegion: {
        amount: 850_000_000,
        statedIn: deck(SLIDE_OFFER_CHANGES, 'dont 850M€ au titre de la relance Etat-région'),
      },
      programme: 'France Relance (septembre 2020 – décembre 2022)',
    },
    fondsVert: {
      nationalEnvelope: {
        amount: 100_000_000,
        statedIn: deck(
          SLIDE_NEW_OFFER,
          '100 MILLIONS D’INVESTISSEMENT — Enveloppe « Territoires d’industrie en transition écologique » du Fonds Vert',
        ),
      },
      grandEst2024: { amount: 7_900_000, statedIn: fondsVertSlide },
      steering: 'Déconcentré à l’échelle du préfet de région',
      eligibleHolders: ['personnes privées', 'groupements'],
      supportedProjects: [
        'Investissements industriels structurants et ambitieux sur le plan environnemental',
        'Investissements contribuant au développement des compétences',
        'Projets industriels de redynamisation dans le cadre d’une mission « Rebond industriel »',
      ],
      targetSectors: [
        'Bioéconomie pour le développement de produits biosourcés',
        'Nouvelles mobilités durables',
        'Souveraineté alimentaire et relocalisation des filières agroalimentaires',
        'Relocalisation de biens de consommation courants avec un process significativement plus respectueux de l’environnement que les standards',
        'Productions industrielles contribuant au recyclage de matériaux ou matières premières, à l’économie circulaire et au réemploi, ou à la valorisation de déchets et co-produits',
        'Projets qui s’inscrivent dans une stratégie de diversification pour des territoires fragiles dont l’économie est impactée par le changement climatique',
      ],
      contact: 'Préfecture de région',
      statedIn: fondsVertSlide,
    },
    ecolesDeProduction: {
      target: 100,
      targetYear: 2027,
      progress:
        'Not computed here: the schools are in the banque-des-territoires subgraph (Territory.productionSchools), whose records are simulated.',
      statedIn: deck(SLIDE_SKILLS, 'Objectif : 100 Écoles de Production déployées en France d’ici 2027'),
    },
    engineering: {
      kinds: [
        {
          kind: 'SHORT_MISSION',
          label: 'Des missions ponctuelles : des missions de quelques semaines à quelques mois',
          missionCount: missions.filter((m) => m.kind === 'SHORT_MISSION').length,
        },
        {
          kind: 'COMPLEX_PROJECT',
          label: 'Projets complexes',
          missionCount: missions.filter((m) => m.kind === 'COMPLEX_PROJECT').length,
        },
      ],
      examples: [
        'Structuration de la filière automobile en région Centre Val-de-Loire en accompagnant la création d’un pôle du cluster CARA',
        'Diversification des industries maritimes à St Nazaire',
        'Nouveaux outils pédagogiques innovants pour la transmission des gestes dans la filière verrière dans 3 Territoires d’industrie',
      ],
      cofinancer: 'ANCT',
      contact: "Programme Territoires d'Industrie et délégué territorial de l'ANCT",
      statedIn: engineeringSlide,
    },
    foncier: {
      newSitesObjective: checked(
        50,
        deck(
          SLIDE_SITES,
          'Développer 50 sites clés en main France 2030 — Proposer une cinquantaine de nouveaux fonciers disponibles dans un contexte de lutte contre l’artificialisation des sols',
        ),
        sites.length,
        GENERATED_SOURCE,
        'Labelled sites clés en main of the phase-2 territories: 2 real (ZAC de Vatry, Pomacle-Bazancourt), the rest generated.',
        true,
      ),
      support: [
        'Soutien en ingénierie',
        'Soutien en investissement',
        'Accompagnement sur-mesure des services de l’État',
        'Valorisation auprès d’investisseurs étrangers',
      ],
      applicationUrl: 'https://www.demarches-simplifiees.fr/commencer/candidature-foncier-industriel',
      contact: 'Préfecture de région et Conseil régional',
    },
    vte: {
      aidPerHire: {
        amount: 4000,
        statedIn: deck(
          SLIDE_SKILLS,
          '4 000€ d’aide pour les entreprises situées en Territoire d’industrie pour l’embauche d’un jeune talent via ce dispositif',
        ),
      },
      website: 'https://www.vte-france.fr/',
    },
    projectLeadOffer: {
      stateCaps: [30_000, 40_000],
      minimumTerritoryShare: 0.3,
      statedIn: deck(
        SLIDE_LEAD,
        'Maximum 30 000 € ou 40 000 € / an par territoire d’industrie • Engagement des territoires à assurer a minima 30 % de cofinancement du poste',
      ),
    },
  };
}
