// Loads the real French geography (INSEE COG 2024 + BANATIC 2024 EPCI composition) from the CSV
// files in data/geo/ into lookup maps. Everything the programme dataset references is checked
// against these maps, so they must be complete and load fast (the territories subgraph loads them at start; the generator and the simulators read them too).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsv } from '../csv.ts';
import type {
  CommuneRecord,
  DepartmentRecord,
  EpciRecord,
  Geography,
  GroupementRecord,
  RegionRecord,
} from './programme.ts';

/** Calls `onRow` with the given columns of each row of one CSV file; errors name the file and reason. */
function readColumns(
  dir: string,
  file: string,
  separator: string,
  columns: string[],
  onRow: (fields: string[]) => void,
): void {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new Error(`Geography file ${path}: ${reason}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // These files have no line breaks inside fields. Scanning line by line and cutting out only the
  // wanted fields (the full parser only for the few quoted lines) keeps the load under 300 ms.
  const lines = text.split('\n');
  const header = (lines[0] ?? '')
    .replace(/\r$/, '')
    .split(separator)
    .map((h) => h.trim());
  const wanted = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, i) => wanted[i] === -1);
  if (missing.length > 0) throw new Error(`Geography file ${path}: missing column(s) ${missing.join(', ')}`);
  const order = wanted.map((index, position) => ({ index, position })).sort((a, b) => a.index - b.index);
  const sep = separator.charCodeAt(0);
  // One buffer for every row: `onRow` copies what it keeps (allocation dominates the load time).
  const row = new Array<string>(columns.length).fill('');
  let count = 0;
  for (let n = 1; n < lines.length; n++) {
    let line = lines[n]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') continue;
    let found = 0;
    if (line.includes('"')) {
      const all = parseCsv(line, separator)[0] ?? [];
      for (const { index, position } of order) {
        if (index >= all.length) break;
        row[position] = all[index]!;
        found++;
      }
    } else {
      let field = 0;
      let start = 0;
      for (let i = 0; i <= line.length && found < order.length; i++) {
        if (i === line.length || line.charCodeAt(i) === sep) {
          const next = order[found]!;
          if (field === next.index) {
            row[next.position] = line.slice(start, i);
            found++;
          }
          field++;
          start = i + 1;
        }
      }
    }
    if (found < order.length) throw new Error(`Geography file ${path}, line ${n + 1}: too few columns`);
    onRow(row);
    count++;
  }
  if (count === 0) throw new Error(`Geography file ${path}: no data rows`);
}

/**
 * A copy of `text` that holds only its own characters. V8 cuts a substring of 13 characters or
 * more as a view on the whole string it comes from, so one kept commune name would keep the whole
 * file's text alive (5 MB for communes.csv, 3.4 MB for epcicom.csv) as long as the geography lives.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Geographies already read, by folder: every service of a process shares one copy. */
const loaded = new Map<string, Geography>();

/**
 * Regions, departments, communes, populations and EPCIs from the CSV files in `dir`, read once
 * per process and folder (the stack runs a dozen services that all need them; callers only read).
 */
export function loadGeography(dir: string): Geography {
  const key = resolve(dir);
  let geography = loaded.get(key);
  if (!geography) {
    geography = readGeography(key);
    loaded.set(key, geography);
  }
  return geography;
}

function readGeography(dir: string): Geography {
  const regions = new Map<string, RegionRecord>();
  readColumns(dir, 'regions.csv', ',', ['REG', 'LIBELLE', 'CHEFLIEU'], ([code, name, capitalCommune]) => {
    regions.set(code!, { code: code!, name: name!, capitalCommune: capitalCommune! });
  });

  const departments = new Map<string, DepartmentRecord>();
  const depColumns = ['DEP', 'REG', 'LIBELLE', 'CHEFLIEU'];
  readColumns(dir, 'departements.csv', ',', depColumns, ([code, regionCode, name, capitalCommune]) => {
    departments.set(code!, {
      code: code!,
      regionCode: regionCode!,
      name: name!,
      capitalCommune: capitalCommune!,
    });
  });

  const population = new Map<string, number>();
  readColumns(dir, 'donnees_communes.csv', ';', ['COM', 'PTOT'], ([code, total]) => {
    population.set(code!, Number(total));
  });

  // Only current communes: associated/delegated communes and Paris/Lyon/Marseille districts
  // (TYPECOM COMA, COMD, ARM) are not members of an EPCI on their own.
  const communes = new Map<string, CommuneRecord>();
  const comColumns = ['TYPECOM', 'COM', 'REG', 'DEP', 'LIBELLE'];
  readColumns(dir, 'communes.csv', ',', comColumns, ([type, code, regionCode, departmentCode, name]) => {
    if (type !== 'COM') return;
    communes.set(code!, {
      code: code!,
      name: ownCopy(name!),
      departmentCode: departmentCode!,
      regionCode: regionCode!,
      population: population.get(code!) ?? 0,
      epciSiren: null,
    });
  });

  const epcis = new Map<string, EpciRecord>();
  const communeBySiren = new Map<string, string>();
  const epciColumns = [
    'siren',
    'raison_sociale',
    'nature_juridique',
    'total_pop_tot',
    'insee',
    'siren_membre',
  ];
  readColumns(dir, 'epcicom.csv', ',', epciColumns, ([siren, name, nature, total, insee, memberSiren]) => {
    let epci = epcis.get(siren!);
    if (!epci) {
      // The Métropole de Lyon has its own legal nature (MET69); it is a métropole for our purposes.
      const legalNature = nature === 'MET69' ? 'METRO' : nature!;
      epci = {
        siren: siren!,
        name: ownCopy(name!),
        legalNature,
        population: Number(total),
        communeCodes: [],
      };
      epcis.set(siren!, epci);
    }
    const commune = communes.get(insee!);
    if (commune) {
      commune.epciSiren = siren!;
      epci.communeCodes.push(commune.code);
      // A commune that is itself a groupement of a territory (SIREN 21…) is found by its SIREN.
      communeBySiren.set(memberSiren!, commune.code);
    }
  });

  return { regions, departments, epcis, communes, communeBySiren };
}

/** What a territory's groupements cover on the geography. */
export interface Perimeter {
  groupements: GroupementRecord[];
  /** SIRENs of the groupements that are BANATIC EPCIs, in the given order. */
  epciSirens: string[];
  /** Every commune of the known groupements, sorted. */
  communeCodes: string[];
  /** False when a groupement's communes are unknown (an EPT). */
  communesComplete: boolean;
  /** Departments by population, the main one first (empty when no commune is known). */
  departmentCodes: string[];
}

/**
 * Resolves ANCT groupements to communes through BANATIC: an EPCI by its SIREN, a single commune by
 * its own SIREN (`siren_membre`), an EPT (absent from the EPCI file) kept with `communesKnown:
 * false`. Throws, naming the SIREN and `where`, for a groupement the geography cannot place.
 */
export function resolvePerimeter(
  geo: Geography,
  groupements: readonly { siren: string; name: string }[],
  where: string,
): Perimeter {
  const resolved: GroupementRecord[] = [];
  const epciSirens: string[] = [];
  const codes = new Set<string>();
  for (const { siren, name } of groupements) {
    const epci = geo.epcis.get(siren);
    const commune = geo.communeBySiren.get(siren);
    let record: GroupementRecord;
    if (epci) {
      record = {
        siren,
        name,
        kind: 'EPCI',
        communesKnown: true,
        communeCodes: [...epci.communeCodes].sort(),
      };
      epciSirens.push(siren);
    } else if (commune) {
      record = { siren, name, kind: 'COMMUNE', communesKnown: true, communeCodes: [commune] };
    } else if (/^EPT\b/.test(name)) {
      record = { siren, name, kind: 'EPT', communesKnown: false, communeCodes: [] };
    } else {
      throw new Error(
        `${where}: groupement ${siren} ("${name}") is neither an EPCI nor a member commune of the BANATIC file`,
      );
    }
    for (const code of record.communeCodes) codes.add(code);
    resolved.push(record);
  }
  const communeCodes = [...codes].sort();
  return {
    groupements: resolved,
    epciSirens,
    communeCodes,
    communesComplete: resolved.every((g) => g.communesKnown),
    departmentCodes: departmentsByPopulation(communeCodes.map((code) => geo.communes.get(code)!)),
  };
}

/** Departments by the territory's population in them, the main one first. */
export function departmentsByPopulation(communes: CommuneRecord[]): string[] {
  const population = new Map<string, number>();
  for (const c of communes)
    population.set(c.departmentCode, (population.get(c.departmentCode) ?? 0) + c.population);
  return [...population.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code]) => code);
}
