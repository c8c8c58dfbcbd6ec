// Loads the real ANCT list of the Territoires d'industrie 2023-2027 as published on data.gouv.fr
// (liste-ti-grpt2023-*.csv: territory -> EPCIs, liste-ti-com2023-*.csv: commune -> territories)
// into the same dataset shape as the generator (data/programme/programme.json, built from ANCT's
// derived list in data/anct/), so the raw files can be checked or used directly. The files only
// give the perimeter: details (binômes, sheets…) stay empty.
import { SIREN } from '../../../kit/src/reference/companyIds.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCsv } from '../../../kit/src/csv.ts';
import type { Geography, ProgrammeDataset, TerritoryRecord } from '../../../kit/src/reference/programme.ts';
import { departmentsByPopulation, resolvePerimeter } from '../../../kit/src/reference/geography.ts';
import { trimLabel } from '../../../kit/src/reference/anctTerritories.ts';

const GROUPING_FILE = /^liste-ti-grpt2023-.*\.csv$/;
const COMMUNE_FILE = /^liste-ti-com2023-.*\.csv$/;
const TERRITORY_ID = /^ti-\d{4}$/;

interface Row {
  line: number;
  fields: Record<string, string>;
}

/** The newest file of `dir` matching `pattern` (the names end with the publication date). */
function findFile(dir: string, files: string[], pattern: RegExp, label: string): string {
  const matches = files.filter((f) => pattern.test(f)).sort();
  const newest = matches[matches.length - 1];
  if (!newest) throw new Error(`ANCT files in ${dir}: no ${label} file (${pattern.source})`);
  return join(dir, newest);
}

/** Reads a CSV whose separator (`,` or `;`) is guessed from its header; errors name file and line. */
function readRows(path: string, columns: string[]): Row[] {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = bytes.toString('utf8');
    // Some data.gouv.fr exports are still Latin-1: invalid UTF-8 decodes to U+FFFD.
    if (text.includes('\uFFFD')) text = bytes.toString('latin1');
  } catch (error) {
    throw new Error(`ANCT file ${path}: ${(error as Error).message}`);
  }
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
  const [header, ...rows] = parseCsv(text, separator);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new Error(`ANCT file ${path}, line 1: missing column(s) ${missing.join(', ')}`);
  const out: Row[] = [];
  // Line numbers assume no line break inside a field, which holds for these files.
  rows.forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== names.length) {
      throw new Error(
        `ANCT file ${path}, line ${line}: expected ${names.length} columns, got ${cells.length}`,
      );
    }
    const fields: Record<string, string> = {};
    names.forEach((name, i) => (fields[name] = (cells[i] ?? '').trim()));
    out.push({ line, fields });
  });
  return out;
}

interface Draft {
  id: string;
  name: string;
  groupements: { siren: string; name: string }[];
  communeCodes: Set<string>;
  /** Where the territory first appears, for error messages. */
  origin: string;
}

/** Reads the ANCT territory files found in `dir` into a dataset (perimeters only, details empty). */
export function loadAnctFiles(dir: string, geo: Geography): ProgrammeDataset {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (error) {
    throw new Error(`ANCT files in ${dir}: ${(error as Error).message}`);
  }
  const groupingPath = findFile(dir, files, GROUPING_FILE, 'territory-EPCI');
  const communePath = findFile(dir, files, COMMUNE_FILE, 'territory-commune');
  const drafts = new Map<string, Draft>();
  const draft = (id: string, name: string, origin: string): Draft => {
    let d = drafts.get(id);
    if (!d) {
      d = { id, name: trimLabel(name), groupements: [], communeCodes: new Set(), origin };
      drafts.set(id, d);
    }
    return d;
  };

  for (const { line, fields } of readRows(groupingPath, ['id_ti', 'lib_ti', 'siren_groupement'])) {
    const where = `ANCT file ${groupingPath}, line ${line}`;
    const id = fields.id_ti!;
    const siren = fields.siren_groupement!;
    if (!TERRITORY_ID.test(id)) throw new Error(`${where}: bad territory id "${id}" (expected ti-NNNN)`);
    if (!SIREN.test(siren)) throw new Error(`${where}: bad SIREN "${siren}" (expected 9 digits)`);
    const d = draft(id, fields.lib_ti!, where);
    if (!d.groupements.some((g) => g.siren === siren))
      d.groupements.push({ siren, name: trimLabel(fields.lib_groupement ?? '') || siren });
  }

  // Codes from another COG vintage (merged communes) are skipped rather than fatal, and counted.
  let unknownCommunes = 0;
  for (const { line, fields } of readRows(communePath, ['insee_com', 'id_ti', 'lib_ti'])) {
    const where = `ANCT file ${communePath}, line ${line}`;
    const code = fields.insee_com!;
    if (!/^[0-9][0-9AB]\d{3}$/.test(code)) throw new Error(`${where}: bad INSEE code "${code}"`);
    // A commune in several territories lists them all: "ti-4405 ; ti-4418" (names likewise).
    const ids = fields
      .id_ti!.split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    const labels = fields.lib_ti!.split(';').map((s) => s.trim());
    if (ids.length === 0) throw new Error(`${where}: empty id_ti`);
    for (const [i, id] of ids.entries()) {
      if (!TERRITORY_ID.test(id)) throw new Error(`${where}: bad territory id "${id}" (expected ti-NNNN)`);
      const d = draft(id, labels[i] ?? labels[0] ?? id, where);
      if (geo.communes.has(code)) d.communeCodes.add(code);
      else unknownCommunes++;
    }
  }

  const territories = [...drafts.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((d): TerritoryRecord => {
      const perimeter = resolvePerimeter(geo, d.groupements, d.origin);
      // The commune file is the published perimeter; without it, the union of the groupements.
      const listed = d.communeCodes.size > 0;
      if (!listed) for (const code of perimeter.communeCodes) d.communeCodes.add(code);
      const communes = [...d.communeCodes].map((code) => geo.communes.get(code)!);
      if (communes.length === 0 && perimeter.communesComplete)
        throw new Error(`${d.origin}: territory ${d.id} has no commune known to the geography`);
      return {
        id: d.id,
        name: d.name,
        phases: [2],
        // These files say nothing of 2018-2022: "first labelled in 2023" is an assumption.
        labelledYear: 2023,
        phasesIllustrative: true,
        // ANCT ids carry the steering region (ti-44… is Grand Est).
        regionCode: d.id.slice(3, 5),
        departmentCodes: departmentsByPopulation(communes),
        epciSirens: perimeter.epciSirens,
        groupements: perimeter.groupements,
        communeCodes: [...d.communeCodes].sort(),
        communesComplete: listed || perimeter.communesComplete,
        illustrative: false,
        binomes: [],
        projectLead: null,
        actionSheets: [],
        sites: [],
        missions: [],
      };
    });

  const provenance =
    `Territories from the ANCT files ${basename(groupingPath)} and ${basename(communePath)} ` +
    `(data.gouv.fr, Licence Ouverte 2.0); geography from INSEE COG 2024 and DGCL BANATIC 2024. ` +
    `Only perimeters are published: binômes, action sheets, sites and missions are empty.` +
    (unknownCommunes > 0 ? ` ${unknownCommunes} commune code(s) unknown to the COG 2024 were skipped.` : '');
  return { provenance, territories };
}
