// GET|POST /export.csv on a running gateway: the query runs through the gateway's own pipeline
// (its limits apply), the chosen list comes back as CSV a spreadsheet opens, and a query that
// fails comes back as its GraphQL errors, not as an empty file.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../kit/src/csv.js';
import { REPO_ROOT } from '../kit/src/paths.js';
import { startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const MARNE = `query MarneTerritories {
  department(code: "51") {
    territories { id name region { name } departmentCodes actionPlan { totalBudget byAxis { axis percent } } }
  }
}`;

function exportUrl(params: Record<string, string>): string {
  return `${stack.gatewayUrl}/export.csv?${new URLSearchParams(params)}`;
}

describe('CSV export over HTTP', () => {
  it('answers the chosen list as a CSV attachment, one row per territory, nested fields as columns', async () => {
    const response = await fetch(exportUrl({ query: MARNE, path: 'department.territories' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="MarneTerritories-department.territories.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8'));
    expect(header).toEqual([
      'id',
      'name',
      'region.name',
      'departmentCodes',
      'actionPlan.totalBudget',
      'actionPlan.byAxis.axis',
      'actionPlan.byAxis.percent',
    ]);
    // Six real territories reach the Marne through their communes (two of them partly).
    expect(rows).toHaveLength(6);
    const chalons = rows.find((r) => r[1] === 'Pays de Châlons');
    expect(chalons?.[2]).toBe('Grand Est');
    expect(chalons?.[5]).toBe('COMPETENCES | FONCIER | INNOVATION | TRANSITION_ECOLOGIQUE');
    const sudMeuse = rows.find((r) => r[1] === 'Sud Meuse Nord Haute-Marne');
    expect(sudMeuse?.[3]?.split(' | ').length).toBeGreaterThan(1);
  });

  it('writes French conventions with locale=fr and takes variables as JSON', async () => {
    const query =
      'query Sheets($id: ID!) { territory(id: $id) { actionSheets(first: 5) { nodes { title budget } } } }';
    const response = await fetch(
      exportUrl({
        query,
        variables: JSON.stringify({ id: 'ti-4411' }),
        path: 'territory.actionSheets.nodes',
        locale: 'fr',
      }),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const [header, ...rows] = parseCsv(text, ';');
    expect(header).toEqual(['title', 'budget']);
    // Pays de Châlons has more than five published sheets: `first: 5` gives five rows.
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => /^\d+(,\d+)?$/.test(r[1] ?? ''))).toBe(true);
  });

  it('accepts POST with a JSON body', async () => {
    const response = await fetch(`${stack.gatewayUrl}/export.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code name } }', path: 'regions' }),
    });
    expect(response.status).toBe(200);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(['code', 'name']);
    expect(rows).toHaveLength(19);
    expect(rows).toContainEqual(['44', 'Grand Est']);
  });

  it('picks the only list of a result when no path is given, and asks which one when there are several', async () => {
    const single = await fetch(exportUrl({ query: '{ regions { code } }' }));
    expect(single.status).toBe(200);
    const several = await fetch(exportUrl({ query: MARNE }));
    expect(several.status).toBe(400);
    const body = (await several.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toContain('department.territories');
  });

  it('answers the GraphQL errors of a failing query as JSON with status 400, not an empty file', async () => {
    const response = await fetch(
      exportUrl({ query: '{ territory(id: "ti-4405") { nope } }', path: 'territory' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toContain('nope');
  });

  it('answers a syntax error and a wrong path as coded errors', async () => {
    const syntax = await fetch(exportUrl({ query: '{ regions { code ', path: 'regions' }));
    expect(syntax.status).toBe(400);
    expect(
      ((await syntax.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('GRAPHQL_PARSE_FAILED');
    const wrongPath = await fetch(exportUrl({ query: '{ regions { code } }', path: 'regionz' }));
    expect(wrongPath.status).toBe(400);
    expect(((await wrongPath.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain(
      'its lists are regions',
    );
  });

  it('runs through the gateway pipeline: the caller’s request id, its rate-limit count, the response cache', async () => {
    const alias = `run_${randomUUID().replace(/-/g, '')}`;
    const url = exportUrl({ query: `{ ${alias}: regions { code name } }`, path: alias });
    const first = await fetch(url, { headers: { 'x-request-id': 'csv-export-1' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-request-id')).toBe('csv-export-1');
    expect(first.headers.get('x-cache')).toBe('MISS');
    const limit = Number(first.headers.get('ratelimit-limit'));
    expect(limit).toBeGreaterThan(0);
    expect(Number(first.headers.get('ratelimit-remaining'))).toBeLessThan(limit);
    const second = await fetch(url);
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(Number(second.headers.get('ratelimit-remaining'))).toBeLessThan(
      Number(first.headers.get('ratelimit-remaining')),
    );
    expect(parseCsv(await second.text())).toEqual(parseCsv(await first.text()));
    expect(parseCsv(await (await fetch(url)).text())).toContainEqual(['44', 'Grand Est']);
  });

  it('applies the gateway limits to the exported query', async () => {
    const query = `{ ${Array.from({ length: 13 }, (_, i) => `r${i}: regions { code }`).join(' ')} }`;
    const response = await fetch(exportUrl({ query, path: 'r0' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('MAX_ROOT_FIELDS_EXCEEDED');
  });

  it('carries illustrative, source.dataset and source.retrievedAt columns, true for every simulated row', async () => {
    const query = `query VteOffers { territory(id: "ti-4405") { vte { offers(first: 50) { nodes { id title source { dataset retrievedAt illustrative } } } } } }`;
    const response = await fetch(exportUrl({ query, path: 'territory.vte.offers.nodes' }));
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    const at = (name: string) => header!.indexOf(name);
    expect(at('illustrative')).toBeGreaterThan(-1);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[at('illustrative')]))).toEqual(new Set(['true']));
    for (const row of rows) {
      expect(row[at('source.dataset')]).toMatch(/VTE/);
      expect(Date.parse(row[at('source.retrievedAt')] ?? '')).not.toBeNaN();
    }
  });

  it('exports the whole-region picture of the dashboard with a provenance column per territory row', async () => {
    const query = readFileSync(join(REPO_ROOT, 'operations', 'RegionSupportPicture.graphql'), 'utf8');
    const response = await fetch(
      exportUrl({ query, variables: JSON.stringify({ code: '44' }), path: 'region.territories' }),
    );
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(rows).toHaveLength(21);
    const at = (name: string) => header!.indexOf(name);
    // Business France and VTE figures come from simulators: every row holds illustrative values.
    expect(rows.map((r) => r[at('illustrative')])).toEqual(Array(21).fill('true'));
    expect(rows.map((r) => r[at('vte.source.illustrative')])).toEqual(Array(21).fill('true'));
    expect(rows[0]![at('source.dataset')]).toContain('VTE');
  });

  it('refuses bad parameters with a code: no query, bad variables, bad locale, a mutation, a form body', async () => {
    const codes = async (response: Response) => [
      response.status,
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ];
    expect(await codes(await fetch(exportUrl({ path: 'regions' })))).toEqual([400, 'BAD_REQUEST']);
    expect(
      await codes(await fetch(exportUrl({ query: '{ regions { code } }', variables: '{oops' }))),
    ).toEqual([400, 'MALFORMED_JSON']);
    expect(await codes(await fetch(exportUrl({ query: '{ regions { code } }', locale: 'de' })))).toEqual([
      400,
      'BAD_USER_INPUT',
    ]);
    expect(await codes(await fetch(exportUrl({ query: 'mutation M { x }' })))).toEqual([
      405,
      'METHOD_NOT_ALLOWED',
    ]);
    const form = await fetch(`${stack.gatewayUrl}/export.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20regions%20%7B%20code%20%7D%20%7D',
    });
    expect(await codes(form)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});
