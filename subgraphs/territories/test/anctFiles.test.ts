// The fixture in fixtures/anct/ is hand-made in the published ANCT format (a few communes only;
// the commune listed under two ids is there to exercise that case, not a real fact).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnctFiles } from '../src/anctFiles.ts';
import { loadGeography } from '../../../kit/src/reference/geography.ts';
import type { Geography, ProgrammeDataset } from '../../../kit/src/reference/programme.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures', 'anct');
const GRPT = 'liste-ti-grpt2023-20240704.csv';
const COM = 'liste-ti-com2023-20240704.csv';
let geo: Geography;
let data: ProgrammeDataset;
const temporary: string[] = [];

/** A fresh temporary folder, removed after the tests. */
function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anct-'));
  temporary.push(dir);
  return dir;
}

/** A temporary folder with the fixture, one file replaced by `text`. */
function folderWith(file: string, text: string): string {
  const dir = tempFolder();
  for (const f of [GRPT, COM]) copyFileSync(join(fixtures, f), join(dir, f));
  writeFileSync(join(dir, file), text);
  return dir;
}

beforeAll(() => {
  geo = loadGeography(join(here, '..', '..', '..', 'data', 'geo'));
  data = loadAnctFiles(fixtures, geo);
});

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('loadAnctFiles', () => {
  it('loads each territory of the files with its EPCIs, as a real phase-2 territory', () => {
    expect(data.territories.map((t) => [t.id, t.name])).toEqual([
      ['ti-4405', 'Pays de Châlons'],
      ['ti-4418', 'Sud Meuse Nord Haute-Marne'],
    ]);
    const chalons = data.territories[0]!;
    expect(chalons.epciSirens).toEqual(['200066876', '200042620', '200043438']);
    expect(chalons).toMatchObject({
      phases: [2],
      labelledYear: 2023,
      illustrative: false,
      projectLead: null,
    });
    expect(chalons.binomes).toEqual([]);
    expect(chalons.actionSheets).toEqual([]);
  });

  it('reads a quoted name with a comma in the comma-separated file', () => {
    expect(data.territories[1]!.epciSirens).toEqual(['200068666', '200066108', '200044253', '200033025']);
  });

  it('reads the semicolon-separated commune file and puts a two-id commune in both territories', () => {
    const [chalons, sudMeuse] = data.territories;
    expect(chalons!.communeCodes).toEqual(['51108', '51193', '51522', '51559', '51595']);
    expect(sudMeuse!.communeCodes).toEqual(['51522', '52250', '52448', '55010', '55029']);
  });

  it('derives the region and the departments, main one first, from the communes', () => {
    const sudMeuse = data.territories[1]!;
    expect(sudMeuse.regionCode).toBe('44');
    expect(sudMeuse.departmentCodes[0]).toBe('52');
    expect([...sudMeuse.departmentCodes].sort()).toEqual(['51', '52', '55']);
  });

  it('names the files in the provenance', () => {
    expect(data.provenance).toContain(GRPT);
    expect(data.provenance).toContain(COM);
  });

  it('names the file and the line of a bad row', () => {
    const dir = folderWith(
      COM,
      'insee_com;lib_com;id_ti;lib_ti\n51108;Châlons-en-Champagne;ti-4405;Pays de Châlons\n51559;Suippes;4405\n',
    );
    expect(() => loadAnctFiles(dir, geo)).toThrow(new RegExp(`${COM}, line 3: expected 4 columns, got 3`));
  });

  it('names the file and the line of a malformed territory id', () => {
    const dir = folderWith(
      GRPT,
      'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nTI 44-05,Pays de Châlons,200066876,CA,CA\n',
    );
    expect(() => loadAnctFiles(dir, geo)).toThrow(new RegExp(`${GRPT}, line 2: bad territory id`));
  });

  it('says which file is missing', () => {
    const dir = tempFolder();
    copyFileSync(join(fixtures, GRPT), join(dir, GRPT));
    expect(() => loadAnctFiles(dir, geo)).toThrow(/no territory-commune file \(\^liste-ti-com2023-/);
  });
});
