// The BMO (Besoins en main-d'œuvre) 2024 open-data file, as the simulator serves it: a CSV
// transcription of the sheet "BMO_2024_open_data" of France Travail's XLSX (data.gouv.fr resource
// 4319f5e8-a8e6-476c-8da0-c0d3439ebb55, published as a zip holding the XLSX). The columns are the
// real ones (annee, Code métier BMO, …, BE24, NOMBE24, met, xmet, smet), counts are text with "*"
// for secret, and the first rows are the REAL rows recorded in bmo_2024_open_data_extract.csv
// (Guadeloupe and bassin 8402 OYONNAX). The other rows are illustrative: for every other
// department, two bassins with made-up codes and names, and counts drawn from the seeded PRNG for
// the métiers of the real extract. Bassin codes look like Territoire d'industrie ids (8402 vs
// ti-8402) by nature: they are France Travail's zoning, never a TI.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGeography } from '../../kit/src/reference/geography.js';
import { randomFor, randomInt } from '../../kit/src/prng.js';
import type { SimRequest, SimResponse } from '../kit/simulator.js';

/** Where the simulator serves the file. */
export const BMO_FILE_PATH = '/open-data/bmo/Base_open_data_BMO_2024.csv';

const REAL_EXTRACT = fileURLToPath(new URL('./bmo_2024_open_data_extract.csv', import.meta.url));
const GEO_DIR = fileURLToPath(new URL('../../data/geo', import.meta.url));

/** The métiers of the real extract (code, label, family code, family label). */
const METIERS = [
  ['A0X40', 'Agriculteurs', 'Z', 'Autres métiers'],
  ['C0X30', "Ouvriers de l'électricité et de l'électronique", 'I', "Ouvriers des secteurs de l'industrie"],
  [
    'D0X30',
    "Ouvriers peu qualifiés en conduite d'équipement d'usinage",
    'I',
    "Ouvriers des secteurs de l'industrie",
  ],
  [
    'D0X31',
    "Ouvriers qualifiés en conduite d'équipement d'usinage",
    'I',
    "Ouvriers des secteurs de l'industrie",
  ],
  ['D0X33', 'Régleurs', 'I', "Ouvriers des secteurs de l'industrie"],
  ['D1X30', 'Ouvriers en chaudronnerie et tôlerie', 'I', "Ouvriers des secteurs de l'industrie"],
  ['D1X33', 'Soudeurs', 'I', "Ouvriers des secteurs de l'industrie"],
  [
    'D2X30',
    'Ouvriers peu qualifiés en ajustement, montage et assemblage mécanique',
    'I',
    "Ouvriers des secteurs de l'industrie",
  ],
  [
    'D2X31',
    'Ouvriers qualifiés en ajustement, montage et assemblage mécanique',
    'I',
    "Ouvriers des secteurs de l'industrie",
  ],
] as const;

/** The served file: its bytes and validators. */
export interface BmoFile {
  text: string;
  etag: string;
  lastModified: string;
}

/** Builds the file once: the real rows, then the illustrative ones, department by department. */
export function buildBmoFile(): BmoFile {
  // The real extract was written by Python's csv module: CRLF line ends, kept for every line.
  const real = readFileSync(REAL_EXTRACT, 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  const realDepartments = new Set(
    real
      .slice(1)
      .map((line) => line.match(/^2024,[^,]+,(?:"[^"]*"|[^,]*),[^,]*,[^,]*,[^,]*,[^,]*,([^,]+),/)?.[1]),
  );
  const geography = loadGeography(GEO_DIR);
  const lines = [...real];
  const byRegion = new Map<string, string[]>();
  for (const department of [...geography.departments.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const list = byRegion.get(department.regionCode) ?? [];
    list.push(department.code);
    byRegion.set(department.regionCode, list);
  }
  for (const department of [...geography.departments.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    if (realDepartments.has(department.code) && department.code !== '01') continue;
    const region = geography.regions.get(department.regionCode)!;
    const rank = byRegion.get(department.regionCode)!.indexOf(department.code);
    const capital = geography.communes.get(department.capitalCommune)?.name ?? department.name;
    const bassins: [string, string][] = [
      [`${Number(region.code)}${50 + rank * 2}`, capital.toUpperCase()],
      [`${Number(region.code)}${51 + rank * 2}`, `${department.name.toUpperCase()} RURAL`],
    ];
    for (const [bassinCode, bassinName] of bassins) {
      for (const [code, label, family, familyLabel] of METIERS) {
        const random = randomFor(`france-travail:bmo:${bassinCode}:${code}`);
        const met = randomInt(random, 0, 160);
        const xmet = Math.round((met * randomInt(random, 30, 90)) / 100);
        const smet =
          code === 'A0X40' ? Math.round((met * randomInt(random, 20, 70)) / 100) : randomInt(random, 0, 4);
        lines.push(
          [
            '2024',
            code,
            label,
            family,
            familyLabel,
            region.code,
            region.name,
            department.code,
            department.name,
            bassinCode,
            bassinName,
            secret(met),
            secret(xmet),
            secret(smet),
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  const text = `${lines.join('\r\n')}\r\n`;
  return {
    text,
    etag: `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`,
    lastModified: 'Wed, 24 Apr 2024 08:00:00 GMT',
  };
}

/** Serves the file, answering 304 to a matching conditional GET. */
export function answerBmoFile(file: BmoFile, request: SimRequest): SimResponse {
  const headers = { etag: file.etag, 'last-modified': file.lastModified };
  if (
    request.headers['if-none-match'] === file.etag ||
    request.headers['if-modified-since'] === file.lastModified
  ) {
    return { status: 304, headers };
  }
  return { status: 200, text: file.text, headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } };
}

/** Small counts are published as "*" (illustrative threshold; France Travail's own rule is not published here). */
function secret(count: number): string {
  return count < 3 ? '*' : String(count);
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
