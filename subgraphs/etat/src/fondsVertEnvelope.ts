// The Fonds Vert envelope "Territoires d'industrie en transition écologique", as the programme's
// 2024 presentation (ANCT/DGE) states it: 100 M€ of investment nationally, 7.9 M€ in 2024 for
// Grand Est, deconcentrated to the préfet de région, open to private holders and groupements.
// Its consumption cannot be computed from the mirrored data, and `CONSUMPTION_NOTE` says why.
import type { SourceInfo } from '../../../kit/src/provenance.js';

export const ENVELOPE_MEASURE = "Territoires d'industrie en transition écologique";
export const ENVELOPE_YEAR = 2024;
/** National amount, in euros (stated). */
export const NATIONAL_ENVELOPE = 100_000_000;
/** Regional amounts the programme states, by region INSEE code, in euros. */
export const STATED_REGION_ENVELOPES: Readonly<Record<string, number>> = { '44': 7_900_000 };

export const ENVELOPE_ELIGIBILITY =
  'Projets en territoire d’industrie portés par des personnes privées ou des groupements : investissements industriels structurants et ambitieux sur le plan environnemental, investissements contribuant au développement des compétences, projets de redynamisation dans le cadre d’une mission « Rebond industriel ».';

export const CONSUMPTION_NOTE =
  'Not computed: the envelope was opened in 2024, and the mirrored file is the 2023 list of Fonds Vert projects (dataset fonds-vert-liste-des-projets-subventionnes, 2023 resource), which predates it — none of its démarches is the envelope. The 2024 export, whose démarche column would identify the envelope’s projects, has different column names that were not verified against a real file; it is not read yet.';

/** Where the stated amounts come from. */
export const ENVELOPE_SOURCE: SourceInfo = {
  publisher: "ANCT and DGE — programme Territoires d'industrie",
  dataset:
    "Présentation du programme Territoires d'industrie (2024): « Une enveloppe Territoires d'industrie en transition écologique dans le cadre du Fonds Vert »",
  url: 'https://agence-cohesion-territoires.gouv.fr/territoires-dindustrie-44',
  retrievedAt: null,
  illustrative: false,
};

/** The envelope value for a territory steered by `regionCode`. */
export function envelopeFor(regionCode: string) {
  const regionAmount = STATED_REGION_ENVELOPES[regionCode] ?? null;
  return {
    measure: ENVELOPE_MEASURE,
    year: ENVELOPE_YEAR,
    nationalAmount: NATIONAL_ENVELOPE,
    regionCode,
    regionAmount,
    committed: null,
    consumptionPercent: null,
    consumptionNote: CONSUMPTION_NOTE,
    eligibility: ENVELOPE_ELIGIBILITY,
    statedBy: ENVELOPE_SOURCE,
  };
}
