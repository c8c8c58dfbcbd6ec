// One Bpifrance aid as the graph shows it, from either mirrored source: a France Relance project
// (real dataset, no amount published) or an illustrative France 2030 laureate.
import type { Selectable } from 'kysely';
import type { Phase2Axis } from '../../../kit/src/operatorSummary.js';
import type { France2030LaureateTable, FranceRelanceProjectTable } from '../../../kit/src/mirror/index.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';

/** Programmes of the `BpifranceProgramme` enum. */
export type BpifranceProgramme =
  'FONDS_ACCELERATION' | 'FRANCE_RELANCE_OTHER' | 'REBOND_INDUSTRIEL' | 'FRANCE_2030';

/** The programmes, in the schema's order. */
export const PROGRAMMES: readonly BpifranceProgramme[] = [
  'FONDS_ACCELERATION',
  'FRANCE_RELANCE_OTHER',
  'REBOND_INDUSTRIEL',
  'FRANCE_2030',
];

/** One mirrored France Relance project. */
export type FranceRelanceRow = Selectable<FranceRelanceProjectTable>;

/** One mirrored France 2030 laureate (illustrative). */
export type France2030Row = Selectable<France2030LaureateTable>;

/** The value behind a `BpifranceAid`. */
export interface AidValue {
  id: string;
  siren: string;
  siret: string | null;
  companyName: string;
  companyType: string | null;
  programme: BpifranceProgramme;
  recoveryComponent: string | null;
  measure: string;
  measureShort: string | null;
  description: string | null;
  sector: string | null;
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  departmentCode: string | null;
  location: { latitude: number; longitude: number } | null;
  updatedOn: string | null;
  year: number | null;
  co2Tonnes: number | null;
  investment: number | null;
  amount: number | null;
  axis: Phase2Axis;
  source: SourceInfo;
}

/** The Fonds d'accélération is the measure « Soutien à l'investissement industriel dans les territoires ». */
export function isAccelerationFund(measure: string | null, measureShort: string | null): boolean {
  return (
    measureShort === 'Projets territoriaux' ||
    (measure ?? '').replace(/’/g, "'") === "Soutien à l'investissement industriel dans les territoires"
  );
}

/** The programme of a France 2030 laureate's measure. */
export function france2030Programme(measure: string): BpifranceProgramme {
  return measure === 'AMI Rebond industriel' ? 'REBOND_INDUSTRIEL' : 'FRANCE_2030';
}

/**
 * The phase-2 axis of a measure: heat and decarbonation measures, and the France 2030 call on
 * products for the ecological transition, are on that axis; Rebond industriel finances jobs where
 * a site closed (compétences); every other investment aid modernises production (innovation).
 */
export function axisOf(programme: BpifranceProgramme, measure: string): Phase2Axis {
  const m = measure.toLowerCase();
  if (m.includes('transition écologique') || m.includes('décarbonation') || m.includes('chaleur bas carbone'))
    return 'TRANSITION_ECOLOGIQUE';
  return programme === 'REBOND_INDUSTRIEL' ? 'COMPETENCES' : 'INNOVATION';
}

/** A mirrored France Relance project as an aid: no amount, no investment (neither is published). */
export function fromFranceRelance(row: FranceRelanceRow, source: SourceInfo): AidValue {
  const measure = row.mesure ?? row.mesure_light ?? '';
  const programme = isAccelerationFund(row.mesure, row.mesure_light)
    ? 'FONDS_ACCELERATION'
    : 'FRANCE_RELANCE_OTHER';
  return {
    id: `france-relance:${row.record_key}`,
    siren: row.siren!,
    siret: row.siret,
    companyName: row.entreprise ?? '',
    companyType: row.type_entreprise,
    programme,
    recoveryComponent: row.volet_relance,
    measure,
    measureShort: row.mesure_light,
    description: row.description_projet,
    sector: row.filiere,
    communeCode: row.commune_code,
    communeName: row.nom_commune,
    postalCode: row.code_postal,
    departmentCode: row.department_code,
    location: pointOf(row),
    updatedOn: row.mise_a_jour && row.mise_a_jour.length === 10 ? row.mise_a_jour : null,
    year: null,
    co2Tonnes: row.tonnes_equivalent_co2_pour_les_projets_decarbonation,
    investment: null,
    amount: null,
    axis: axisOf(programme, measure),
    source,
  };
}

/** A mirrored illustrative France 2030 laureate as an aid (amounts stored in cents, shown in euros). */
export function fromFrance2030(row: France2030Row, source: SourceInfo): AidValue {
  const programme = france2030Programme(row.mesure);
  const euros = (cents: number | string | null) => (cents === null ? null : Number(cents) / 100);
  return {
    id: `france-2030:${row.record_key}`,
    siren: row.siren,
    siret: row.siret,
    companyName: row.entreprise,
    companyType: null,
    programme,
    recoveryComponent: null,
    measure: row.mesure,
    measureShort: null,
    description: row.description_projet,
    sector: row.filiere,
    communeCode: row.commune_code,
    communeName: row.nom_commune,
    postalCode: row.code_postal,
    departmentCode: row.department_code,
    location: pointOf(row),
    updatedOn: null,
    year: row.annee,
    co2Tonnes: null,
    investment: euros(row.montant_investissement_cents),
    amount: euros(row.montant_aide_cents),
    axis: axisOf(programme, row.mesure),
    source,
  };
}

/** Newest first (France Relance by update date, France 2030 by year), then by id, so pages are stable. */
export function newestFirst(a: AidValue, b: AidValue): number {
  const when = (v: AidValue) => v.updatedOn ?? (v.year === null ? '' : `${v.year}`);
  return when(b).localeCompare(when(a)) || a.id.localeCompare(b.id);
}

/** A row's coordinates, when it has both. */
function pointOf(row: {
  latitude: number | null;
  longitude: number | null;
}): { latitude: number; longitude: number } | null {
  return row.latitude !== null && row.longitude !== null
    ? { latitude: row.latitude, longitude: row.longitude }
    : null;
}
