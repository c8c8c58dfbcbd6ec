// The quirks of the real France Relance rows (kit/test/mirror/fixtures, provenance in PROVENANCE.md)
// each give a clear outcome: a SIRET in the `siren` column is split, a float-string SIREN and a
// "40.0" department are read, a lost leading zero is restored, junk is a coded rejection.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFranceRelanceProject } from '../../src/mirror/parsers/parseFranceRelanceProject.js';
import type { RawRow } from '../../src/mirror/parsers/parseResult.js';
import { csvRecords } from '../../src/mirror/readers/csvRows.js';

const text = readFileSync(
  new URL('./fixtures/francerelance_plan-de-relance_projets_industriels_extract.csv', import.meta.url),
  'utf8',
);

async function realRows(): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of csvRecords(
    (async function* () {
      yield text;
    })(),
    ';',
  ))
    rows.push(row.raw);
  return rows;
}

describe('France Relance quirks', () => {
  it('splits the SIRETs published in the siren column (VALEO, MPEB) and keeps the SIRENs', async () => {
    const parsed = (await realRows()).map(parseFranceRelanceProject);
    const ids = parsed.map((p) => ('ok' in p ? [p.ok.siren, p.ok.siret] : p.rejected.reason));
    expect(ids).toContainEqual(['438810129', '43881012900025']);
    expect(ids).toContainEqual(['351918958', '35191895800023']);
    expect(ids).toContainEqual(['842959249', null]);
    expect(parsed.every((p) => 'ok' in p)).toBe(true);
  });

  it('reads a float-string SIREN, a "40.0" department and a postcode that lost its zero', async () => {
    const [first] = await realRows();
    const result = parseFranceRelanceProject({
      ...first!,
      siren: '200071892.0',
      code_departement: '8.0',
      code_postal: '8000',
    });
    expect(result).toMatchObject({
      ok: { siren: '200071892', siret: null, department_code: '08', code_postal: '08000' },
    });
  });

  it('rejects junk ids and departments with a coded reason quoting the value', async () => {
    const [first] = await realRows();
    expect(parseFranceRelanceProject({ ...first!, siren: '12345' })).toEqual({
      rejected: { reason: 'INVALID_COMPANY_ID', detail: expect.stringContaining('"12345"') },
    });
    expect(parseFranceRelanceProject({ ...first!, code_departement: 'Landes' })).toMatchObject({
      rejected: { reason: 'INVALID_DEPARTMENT' },
    });
  });
});
