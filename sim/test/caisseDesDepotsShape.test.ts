// The simulated Caisse des Dépôts portal serves the subsidies dataset in the REAL recorded shape:
// the same dataset id, exactly the recorded fields, the recorded formats, on `records` (v2.1
// envelope) and on `exports/json|csv` (what the mirror syncs), with a conditional export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerRecords } from '../protocols/exploreApi.js';
import { answerExport } from '../protocols/exportsApi.js';
import { buildBanqueDesTerritoiresRecords, SUBSIDIES_DATASET_ID } from '../banque-des-territoires/records.js';
import { loadWorld } from '../world.js';

const recorded = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../kit/test/mirror/fixtures/caissedesdepots_subventions_records_v2.0.json'),
    'utf8',
  ),
) as { records: { record: { fields: Record<string, unknown> } }[] };
const RECORDED_FIELDS = Object.keys(recorded.records[0]!.record.fields).sort();

const datasets = new Map(buildBanqueDesTerritoiresRecords(loadWorld()).map((d) => [d.id, d]));

describe('the simulated Caisse des Dépôts subsidies', () => {
  it('is served under the real dataset id, with exactly the recorded fields', () => {
    expect(SUBSIDIES_DATASET_ID).toBe('subventions-attribuees-par-la-caisse-des-depots-depuis-01012018');
    const answer = answerRecords(datasets, SUBSIDIES_DATASET_ID, new URLSearchParams('limit=100'));
    const body = answer.body as { total_count: number; results: Record<string, unknown>[] };
    expect(answer.status).toBe(200);
    expect(body.total_count).toBeGreaterThan(1_000);
    expect(body.results).toHaveLength(100);
    for (const row of body.results) expect(Object.keys(row).sort()).toEqual(RECORDED_FIELDS);
  });

  it('writes the recorded formats: YYYY-MM agreements, UNIQUE/ECHELONNE, Oui/Non, a SIRET', () => {
    const rows = datasets.get(SUBSIDIES_DATASET_ID)!.records.slice(0, 500);
    expect(rows.every((r) => /^\d{4}-\d{2}$/.test(String(r.dateconvention)))).toBe(true);
    expect(new Set(rows.map((r) => r.conditionsversement))).toEqual(new Set(['UNIQUE', 'ECHELONNE']));
    expect(new Set(rows.map((r) => r.notificationue))).toEqual(new Set(['Oui', 'Non']));
    expect(rows.every((r) => /^\d{14}$/.test(String(r.idbeneficiaire)))).toBe(true);
    expect(rows.every((r) => typeof r.montant === 'number' && r.montant > 0)).toBe(true);
  });

  it('exports the whole dataset as JSON and CSV, and answers 304 to a matching If-None-Match', () => {
    const json = answerExport(datasets, SUBSIDIES_DATASET_ID, 'json', new URLSearchParams(), undefined);
    expect(json.status).toBe(200);
    const rows = JSON.parse(json.text!) as Record<string, unknown>[];
    expect(rows).toHaveLength(datasets.get(SUBSIDIES_DATASET_ID)!.records.length);
    expect(Object.keys(rows[0]!).sort()).toEqual(RECORDED_FIELDS);
    const csv = answerExport(datasets, SUBSIDIES_DATASET_ID, 'csv', new URLSearchParams(), undefined);
    expect(csv.text!.split('\r\n', 1)[0]!.split(';').sort()).toEqual(RECORDED_FIELDS);
    const again = answerExport(
      datasets,
      SUBSIDIES_DATASET_ID,
      'json',
      new URLSearchParams(),
      json.headers.etag,
    );
    expect(again).toEqual({ status: 304, headers: { etag: json.headers.etag } });
  });

  it('refuses an unknown dataset, format or ODSQL clause with the portal error bodies', () => {
    expect(answerExport(datasets, 'no-such-dataset', 'json', new URLSearchParams(), undefined).status).toBe(
      404,
    );
    expect(
      answerExport(datasets, SUBSIDIES_DATASET_ID, 'xlsx', new URLSearchParams(), undefined).status,
    ).toBe(400);
    const bad = answerExport(
      datasets,
      SUBSIDIES_DATASET_ID,
      'json',
      new URLSearchParams('where=code_commune="51108"'),
      undefined,
    );
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text!)).toMatchObject({ error_code: 'ODSQLError' });
  });
});
