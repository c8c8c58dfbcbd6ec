// The fixture in fixtures/anct/ is hand-made in the published ANCT format with real ids, labels
// and SIRENs (a few communes only; the commune listed under two ids is there to exercise that
// case, not a real fact; the EPT row exercises a groupement whose communes BANATIC does not give).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  it('loads each territory of the files with its groupements, as a real phase-2 territory', () => {
    expect(data.territories.map((t) => [t.id, t.name])).toEqual([
      ['ti-1101', 'Boucle Nord de Seine'],
      ['ti-4411', 'Pays de Châlons'],
      ['ti-4417', 'Sud Meuse Nord Haute-Marne'],
    ]);
    const chalons = data.territories[1]!;
    expect(chalons.epciSirens).toEqual(['200066876', '200042620', '200043438']);
    expect(chalons.groupements.map((g) => [g.siren, g.kind])).toEqual([
      ['200066876', 'EPCI'],
      ['200042620', 'EPCI'],
      ['200043438', 'EPCI'],
    ]);
    expect(chalons).toMatchObject({
      phases: [2],
      labelledYear: 2023,
      phasesIllustrative: true,
      illustrative: false,
      communesComplete: true,
      projectLead: null,
    });
    expect(chalons.binomes).toEqual([]);
    expect(chalons.actionSheets).toEqual([]);
  });

  it('keeps an EPT groupement with its communes flagged unknown', () => {
    const boucle = data.territories[0]!;
    expect(boucle).toMatchObject({
      regionCode: '11',
      communeCodes: [],
      communesComplete: false,
      epciSirens: [],
    });
    expect(boucle.groupements).toEqual([
      {
        siren: '200057990',
        name: 'EPT Boucle Nord de Seine',
        kind: 'EPT',
        communesKnown: false,
        communeCodes: [],
      },
    ]);
  });

  it('reads a quoted name with a comma in the comma-separated file', () => {
    expect(data.territories[2]!.epciSirens).toEqual(['200068666', '200066108', '200044253', '200033025']);
    expect(data.territories[2]!.groupements[0]!.name).toBe('CA de Saint-Dizier, Der et Blaise');
  });

  it('reads the semicolon-separated commune file and puts a two-id commune in both territories', () => {
    const [, chalons, sudMeuse] = data.territories;
    expect(chalons!.communeCodes).toEqual(['51108', '51193', '51522', '51559', '51595']);
    expect(sudMeuse!.communeCodes).toEqual(['51522', '52250', '52448', '55010', '55029']);
  });

  it('takes the steering region from the id and the departments, main one first, from the communes', () => {
    const sudMeuse = data.territories[2]!;
    expect(sudMeuse.regionCode).toBe('44');
    expect(sudMeuse.departmentCodes[0]).toBe('52');
    expect([...sudMeuse.departmentCodes].sort()).toEqual(['51', '52', '55']);
  });

  it('produces the same perimeter shape as the shipped programme for a territory with all its communes', () => {
    const shipped = JSON.parse(
      readFileSync(join(here, '..', '..', '..', 'data', 'programme', 'programme.json'), 'utf8'),
    ) as ProgrammeDataset;
    const fromFiles = data.territories[1]!;
    const fromProgramme = shipped.territories.find((t) => t.id === 'ti-4411')!;
    expect(Object.keys(fromFiles).sort()).toEqual(Object.keys(fromProgramme).sort());
    expect(fromFiles.groupements.map((g) => g.siren).sort()).toEqual(
      fromProgramme.groupements.map((g) => g.siren).sort(),
    );
  });

  it('names the files in the provenance', () => {
    expect(data.provenance).toContain(GRPT);
    expect(data.provenance).toContain(COM);
  });

  it('names the file and the line of a bad row', () => {
    const dir = folderWith(
      COM,
      'insee_com;lib_com;id_ti;lib_ti\n51108;Châlons-en-Champagne;ti-4411;Pays de Châlons\n51559;Suippes;4411\n',
    );
    expect(() => loadAnctFiles(dir, geo)).toThrow(new RegExp(`${COM}, line 3: expected 4 columns, got 3`));
  });

  it('names the file and the line of a malformed territory id', () => {
    const dir = folderWith(
      GRPT,
      'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nTI 44-11,Pays de Châlons,200066876,CA,CA\n',
    );
    expect(() => loadAnctFiles(dir, geo)).toThrow(new RegExp(`${GRPT}, line 2: bad territory id`));
  });

  it('names a groupement the geography cannot place', () => {
    const dir = folderWith(
      GRPT,
      'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-4411,Pays de Châlons,999999999,Syndicat X,SM\n',
    );
    expect(() => loadAnctFiles(dir, geo)).toThrow(/groupement 999999999 \("Syndicat X"\) is neither an EPCI/);
  });

  it('says which file is missing', () => {
    const dir = tempFolder();
    copyFileSync(join(fixtures, GRPT), join(dir, GRPT));
    expect(() => loadAnctFiles(dir, geo)).toThrow(/no territory-commune file \(\^liste-ti-com2023-/);
  });
});
