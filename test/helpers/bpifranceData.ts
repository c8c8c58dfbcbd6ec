// What the Bpifrance simulators publish, and where the subgraph must place it, for the root
// tests' expectations: France Relance projects (`plan-de-relance`) land in their own commune when
// the published name agrees with the postcode, in the company's head office otherwise; the
// illustrative France 2030 laureates carry their commune.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameKey } from '../../kit/src/mirror/placeIndex.js';
import { buildPlanDeRelance } from '../../sim/bpifrance/planDeRelance.js';
import { buildFrance2030Records } from '../../sim/bpifrance/records.js';
import type { OdsRecord } from '../../sim/protocols/odsql.js';
import { loadWorld } from '../../sim/world.js';

const world = loadWorld();

/** The published France Relance projects and France 2030 laureates. */
export const relanceProjects: readonly OdsRecord[] = buildPlanDeRelance(world).records;
export const france2030Laureates: readonly OdsRecord[] = buildFrance2030Records(world).records;

/** The commune the subgraph must place a published France Relance project in. */
export function expectedProjectCommune(row: OdsRecord): string {
  const id = String(row.siren);
  const company = world.companyBySiren.get(id.slice(0, 9))!;
  const establishment = id.length === 14 ? world.establishmentBySiret.get(id)! : company.establishments[0]!;
  return nameKey(String(row.nom_commune)) === nameKey(establishment.commune.name)
    ? establishment.commune.code
    : company.establishments[0]!.commune.code;
}

/** Projects and laureates the subgraph must show for these communes. */
export function bpifranceAidsIn(communes: readonly string[]): {
  projects: OdsRecord[];
  laureates: OdsRecord[];
} {
  const set = new Set(communes);
  return {
    projects: relanceProjects.filter((p) => set.has(expectedProjectCommune(p))),
    laureates: france2030Laureates.filter((l) => set.has(String(l.code_commune))),
  };
}

/** Measures of one company's aid, sorted (France Relance ids are hashes: measures are compared). */
export function bpifranceMeasuresOf(siren: string): string[] {
  return [
    ...relanceProjects.filter((p) => String(p.siren).startsWith(siren)).map((p) => String(p.mesure)),
    ...france2030Laureates.filter((l) => l.siren === siren).map((l) => String(l.mesure)),
  ].sort();
}

/** A temporary mirror file for a test stack (MIRROR_FILE); remove() deletes it. */
export function tempMirrorFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stack-mirror-'));
  return { file: join(dir, 'mirror.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
