// The simulated economy ministry portal serves `plan-de-relance` in the shape of the real CSV
// export recorded in kit/test/mirror/fixtures/francerelance_plan-de-relance_projets_industriels_extract.csv:
// same header, same separator, same formats and quirks, and every row reads through the mirror's
// parser, so a sync tested against the simulator is tested against the real protocol.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseFranceRelanceProject } from '../../kit/src/mirror/parsers/parseFranceRelanceProject.js';
import { csvRecords } from '../../kit/src/mirror/readers/csvRows.js';
import type { RawRow } from '../../kit/src/mirror/parsers/parseResult.js';
import { createBpifranceSimulator } from '../bpifrance/bpifranceSimulator.js';
import { readBpifranceSimulatorConfig } from '../bpifrance/config.js';
import { FRANCE_2030_DATASET_ID } from '../bpifrance/records.js';

const recorded = readFileSync(
  new URL(
    '../../kit/test/mirror/fixtures/francerelance_plan-de-relance_projets_industriels_extract.csv',
    import.meta.url,
  ),
  'utf8',
);
const simulator = createBpifranceSimulator(readBpifranceSimulatorConfig({}));
const EXPORT = '/api/explore/v2.1/catalog/datasets/plan-de-relance/exports';

async function get(path: string): Promise<{ status: number; text: string; type: string }> {
  let status = 0;
  let text = '';
  let type = '';
  const res = {
    writeHead(code: number, headers: Record<string, string>) {
      status = code;
      type = headers['content-type'] ?? '';
      return this;
    },
    write(chunk: string | Buffer) {
      text += String(chunk);
      return true;
    },
    end(payload?: string | Buffer) {
      if (payload !== undefined) text += String(payload);
    },
  } as unknown as ServerResponse;
  const req = {
    url: path,
    method: 'GET',
    headers: {},
    socket: { destroy() {} },
  } as unknown as IncomingMessage;
  await simulator.handle(req, res);
  return { status, text, type };
}

async function rows(text: string): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of csvRecords(
    (async function* () {
      yield text;
    })(),
    ';',
  )) {
    expect(row.malformed).toBeUndefined();
    out.push(row.raw);
  }
  return out;
}

describe('the simulated plan-de-relance export', () => {
  it('has the real header, separator and line ends', async () => {
    const { status, text, type } = await get(`${EXPORT}/csv?use_labels=false`);
    expect(status).toBe(200);
    expect(type).toContain('text/csv');
    expect(text.split('\n')[0]).toBe(recorded.split('\n')[0]);
    expect(text).not.toContain('\r\n');
  });

  it('writes every column in the recorded formats, quirks included', async () => {
    const simulated = await rows((await get(`${EXPORT}/csv?use_labels=false`)).text);
    const real = await rows(recorded);
    const formats: Record<string, RegExp> = {
      siren: /^(\d{9}|\d{14})$/,
      code_postal: /^\d{4,5}$/,
      code_departement: /^(\d{1,3}\.0|2[AB])$/,
      mise_a_jour: /^\d{4}-\d{2}-\d{2}$/,
      type_entreprise: /^(TPE \/ PME|GE)$/,
      volet_relance: /^(Indépendance \/ Compétitivité|Verdissement)$/,
      tonnes_equivalent_co2_pour_les_projets_decarbonation: /^(|\d+(\.\d+)?)$/,
      // Upper case as published (names may hold parentheses: CHÂTEAU-CHINON (VILLE)).
      nom_commune: /^[^a-zà-ÿ]+$/,
      nom_region: /^[^a-zà-ÿ]+$/,
    };
    for (const [column, format] of Object.entries(formats)) {
      // The format is the real one: the recorded rows match it too.
      for (const row of real)
        expect(`${column}=${String(row[column])}`).toMatch(
          new RegExp(`^${column}=${format.source.slice(1)}`),
        );
      for (const row of simulated)
        expect(`${column}=${String(row[column])}`).toMatch(
          new RegExp(`^${column}=${format.source.slice(1)}`),
        );
    }
    // The quirks the real rows show are there: SIRETs in `siren`, lost leading zeros, measure labels.
    expect(simulated.some((r) => String(r.siren).length === 14)).toBe(true);
    expect(simulated.some((r) => String(r.code_postal).length === 4)).toBe(true);
    const measures = new Set(real.map((r) => r.mesure));
    for (const row of simulated) expect(measures).toContain(row.mesure);
    expect(simulated.some((r) => r.mesure_light === 'Projets territoriaux')).toBe(true);
  });

  it('serves rows the mirror parser reads, none rejected', async () => {
    const simulated = await rows((await get(`${EXPORT}/csv?use_labels=false`)).text);
    const rejected = simulated.map(parseFranceRelanceProject).filter((r) => 'rejected' in r);
    expect(rejected).toEqual([]);
  });

  it('answers the incremental `where` the sync sends, and the JSON export with the same rows', async () => {
    const all = await rows((await get(`${EXPORT}/csv?use_labels=false`)).text);
    const since = '2021-09-01';
    const where = encodeURIComponent(`mise_a_jour > date'${since}'`);
    const newer = await rows((await get(`${EXPORT}/csv?use_labels=false&where=${where}`)).text);
    expect(newer.length).toBeGreaterThan(0);
    expect(newer.length).toBe(all.filter((r) => String(r.mise_a_jour) > since).length);
    const json = JSON.parse((await get(`${EXPORT}/json`)).text) as RawRow[];
    expect(json.map((r) => r.siren)).toEqual(all.map((r) => r.siren));
    const bad = await get(`${EXPORT}/csv?where=${encodeURIComponent('nope >')}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error_code: 'ODSQLError' });
  });

  it('serves the same dataset on the v2.1 records endpoint', async () => {
    const body = JSON.parse(
      (await get('/api/explore/v2.1/catalog/datasets/plan-de-relance/records?limit=2')).text,
    );
    expect(Object.keys(body)).toEqual(['total_count', 'results']);
    expect(Object.keys(body.results[0]).join(';')).toBe(recorded.split('\n')[0]);
  });

  it('keeps the France 2030 laureates apart, under an id nobody takes for a published one', async () => {
    expect(FRANCE_2030_DATASET_ID).toMatch(/^illustratif-/);
    const body = JSON.parse(
      (await get(`/api/explore/v2.1/catalog/datasets/${FRANCE_2030_DATASET_ID}/records?limit=100`)).text,
    );
    expect(body.total_count).toBeGreaterThan(0);
    const measures = new Set(body.results.map((r: { mesure: string }) => r.mesure));
    expect(measures).toContain('AMI Rebond industriel');
    expect(
      [...measures].every((m) => m === 'AMI Rebond industriel' || String(m).startsWith('France 2030')),
    ).toBe(true);
  });
});
