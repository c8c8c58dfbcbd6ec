// Phase 1 (2018-2022), illustrative: ANCT's 2018-2022 list is not shipped (the Caisse des Dépôts
// portal's `liste-des-territoires-dindustrie-et-des-communes-concernees`, 149 territories, is only
// documented), so which of the 183 real territories were already labelled in 2018 is drawn, and
// the territories of 2018 that were not renewed are made of real EPCIs that no 2023 territory
// holds, under ids in a namespace ANCT does not use (`ti2018-44-01`).
import { departmentsByPopulation, resolvePerimeter } from '../../kit/src/reference/geography.ts';
import type { CommuneRecord, EpciRecord, Geography } from '../../kit/src/reference/programme.ts';
import { pad2, withDe, type Plan, type Rng } from './details.ts';
import { NAME_PREFIXES } from './vocabulary.ts';

/**
 * Per steering region: how many of its 2023 territories were renewed from 2018, and how many 2018
 * territories were not renewed. Chosen so that phase 1 has 149 territories (the count of the CDC
 * dataset; the seed deck says "environ 150") and Grand Est 15 (the deck: "21 … contre 15 dans la
 * phase une"). Illustrative.
 */
export const PHASE1_PLAN: Readonly<Record<string, { renewed: number; notRenewed: number }>> = {
  '84': { renewed: 19, notRenewed: 2 },
  '44': { renewed: 13, notRenewed: 2 },
  '32': { renewed: 13, notRenewed: 1 },
  '75': { renewed: 13, notRenewed: 2 },
  '76': { renewed: 11, notRenewed: 1 },
  '28': { renewed: 8, notRenewed: 1 },
  '27': { renewed: 8, notRenewed: 1 },
  '52': { renewed: 14, notRenewed: 1 },
  '53': { renewed: 8, notRenewed: 1 },
  '24': { renewed: 10, notRenewed: 1 },
  '11': { renewed: 6, notRenewed: 0 },
  '93': { renewed: 6, notRenewed: 1 },
  '94': { renewed: 1, notRenewed: 0 },
  '01': { renewed: 2, notRenewed: 0 },
  '02': { renewed: 1, notRenewed: 0 },
  '03': { renewed: 1, notRenewed: 0 },
  '04': { renewed: 1, notRenewed: 0 },
  '06': { renewed: 0, notRenewed: 0 },
};

/** The id namespace of the illustrative phase-1-only territories. */
export const PHASE1_ONLY_ID = /^ti2018-\d{2}-\d{2}$/;

/** Picks, per region, the real territories renewed from 2018 (ids, sorted). */
export function chooseRenewed(rng: Rng, realIds: readonly string[]): Set<string> {
  const renewed = new Set<string>();
  for (const [region, { renewed: count }] of Object.entries(PHASE1_PLAN)) {
    const inRegion = realIds.filter((id) => id.slice(3, 5) === region);
    if (count > inRegion.length)
      throw new Error(
        `generateProgramme: ${count} renewed in region ${region}, which has ${inRegion.length}`,
      );
    for (const id of rng.shuffle(inRegion).slice(0, count)) renewed.add(id);
  }
  return renewed;
}

/** EPCIs a phase-1-only territory may use: in no 2023 territory, within one region, not a métropole. */
function candidatePool(geo: Geography, taken: Set<string>): Map<string, EpciRecord[]> {
  const byRegion = new Map<string, EpciRecord[]>();
  for (const epci of [...geo.epcis.values()].sort((a, b) => a.siren.localeCompare(b.siren))) {
    if (taken.has(epci.siren) || epci.legalNature === 'METRO' || epci.communeCodes.length === 0) continue;
    const regions = new Set(epci.communeCodes.map((code) => geo.communes.get(code)!.regionCode));
    if (regions.size > 1) continue;
    const region = [...regions][0]!;
    byRegion.set(region, [...(byRegion.get(region) ?? []), epci]);
  }
  return byRegion;
}

/** A plausible name: the EPCI's own geographic name when it reads like one, else its chief town's. */
function nameFor(rng: Rng, epci: EpciRecord, communes: CommuneRecord[], taken: Set<string>): string {
  const own = epci.name
    .replace(/^(CC|CA|CU)\s+(du |de la |de l'|des |de |d')?/, '')
    .replace(/\s*\(.*\)$/, '');
  const town = communes[0]!.name;
  const candidates = NAME_PREFIXES.test(own) && !/[,]|Métropole/.test(own) ? [own] : [];
  candidates.push(`Bassin ${withDe(town)}`, `Pays ${withDe(town)}`, `Bassin industriel ${withDe(town)}`);
  const name = rng.shuffle(candidates).find((n) => !taken.has(n)) ?? `Bassin ${withDe(town)} (${epci.siren})`;
  taken.add(name);
  return name;
}

/** The phase-1-only territories: one modest EPCI each (the ones not renewed were mostly small). */
export function planPhase1Only(
  rng: Rng,
  geo: Geography,
  takenSirens: Set<string>,
  takenNames: Set<string>,
): Plan[] {
  const pool = candidatePool(geo, takenSirens);
  const plans: Plan[] = [];
  for (const [region, { notRenewed }] of Object.entries(PHASE1_PLAN)) {
    if (notRenewed === 0) continue;
    const available = [...(pool.get(region) ?? [])].sort(
      (a, b) => a.population - b.population || a.siren.localeCompare(b.siren),
    );
    // Among the smaller half, so that no phase-1-only territory is a large agglomeration.
    const smaller = rng.shuffle(available.slice(0, Math.ceil(available.length / 2)));
    if (smaller.length < notRenewed) throw new Error(`generateProgramme: no EPCI left in region ${region}`);
    smaller.slice(0, notRenewed).forEach((epci, i) => {
      const id = `ti2018-${region}-${pad2(i + 1)}`;
      const perimeter = resolvePerimeter(geo, [{ siren: epci.siren, name: epci.name }], id);
      const communes = perimeter.communeCodes
        .map((code) => geo.communes.get(code)!)
        .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
      plans.push({
        id,
        name: nameFor(rng, epci, communes, takenNames),
        regionCode: region,
        departmentCodes: departmentsByPopulation(communes),
        epciSirens: perimeter.epciSirens,
        groupements: perimeter.groupements,
        communes,
      });
    });
  }
  return plans;
}
