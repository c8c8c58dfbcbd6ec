// The reference dashboard in a real headless browser: it draws one territory's support picture
// from the public graph (through the operations of operations/ only), marks every figure read from
// a simulator with a visible "illustratif" badge and its source, draws a whole region in one
// request, and when an operator's upstream is down it still draws the rest and shows that
// operator's error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../kit/src/paths.js';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';
import { setFaults } from './helpers/simulators.js';

const requireBrowser = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
const suite = CHROMIUM_PATH || requireBrowser ? describe : describe.skip;
if (!CHROMIUM_PATH)
  console.warn(
    `dashboard.e2e: chromium not found, ${requireBrowser ? 'failing' : 'skipping'} the browser tests`,
  );

const operations = Object.fromEntries(
  ['TerritoryDashboard', 'TerritoryDirectory', 'RegionSupportPicture'].map((name) => [
    name,
    readFileSync(join(REPO_ROOT, 'operations', `${name}.graphql`), 'utf8'),
  ]),
);

/** Opens the dashboard and waits until it has drawn; records every request the page makes. */
async function openDashboard(
  browser: Browser,
  stack: Stack,
  id: string,
): Promise<{ page: Page; requests: { url: string; body?: string }[] }> {
  const page = await browser.newPage();
  const requests: { url: string; body?: string }[] = [];
  page.on('request', (request) =>
    requests.push({ url: request.url(), body: request.postData() ?? undefined }),
  );
  await page.goto(`${stack.gatewayUrl}/dashboard?${id.startsWith('region=') ? id : `id=${id}`}`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  return { page, requests };
}

suite('reference dashboard in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('with every operator up', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startTestStack();
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('draws the action sheets by axis and the amounts by operator, from the operations only', async () => {
      const { page, requests } = await openDashboard(browser, stack, 'ti-4411');
      const expected = await postGraphQL<{ territory: { actionPlan: { byAxis: { count: number }[] } } }>(
        `${stack.gatewayUrl}/graphql`,
        '{ territory(id: "ti-4411") { actionPlan { byAxis { count } } } }',
      );
      const counts = expected.body
        .data!.territory.actionPlan.byAxis.map((a) => String(a.count))
        .filter((c) => c !== '0');
      expect(await page.locator('#identity h2').innerText()).toBe('Pays de Châlons');
      expect(await page.locator('#identity').innerText()).toContain('CA de Châlons-en-Champagne');
      expect(
        await page
          .locator('#axes svg path.slice')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-value'))),
      ).toEqual(counts);
      const bars = await page
        .locator('#operators svg g.bar')
        .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-label'), n.getAttribute('class')]));
      expect(bars).toEqual(
        [
          'Banque des Territoires',
          'Bpifrance',
          'ADEME',
          'France Travail',
          'Business France',
          'VTE',
          'DGEFP',
          'APEC',
          'Action Logement',
          'État (Fonds Vert)',
        ].map((label) => [label, 'bar']),
      );
      expect(await page.locator('#operators svg rect.segment').count()).toBeGreaterThan(4);
      expect(await page.locator('#offers table.jobs tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#offers table.vte tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#errors').innerText()).toContain('Tous les opérateurs ont répondu');

      // Only the gateway was asked, and only with the named operations as written in operations/.
      expect(requests.filter((r) => !r.url.startsWith(stack.gatewayUrl))).toEqual([]);
      const calls = requests
        .filter((r) => r.url === `${stack.gatewayUrl}/graphql`)
        .map((r) => JSON.parse(r.body ?? '{}') as { query: string; operationName: string });
      expect(calls.map((c) => c.operationName).sort()).toEqual(['TerritoryDashboard', 'TerritoryDirectory']);
      for (const call of calls) expect(call.query).toBe(operations[call.operationName]);
      await page.close();
    });

    it('shows a visible "illustratif" badge, with its source on hover and in a caption, on every simulated operator', async () => {
      const { page } = await openDashboard(browser, stack, 'ti-4405');
      const { body } = await postGraphQL<{
        territory: Record<
          string,
          { source?: { publisher: string; dataset: string; illustrative: boolean } } | null
        >;
      }>(
        `${stack.gatewayUrl}/graphql`,
        '{ territory(id: "ti-4405") { businessFrance { source { publisher dataset illustrative } } vte { source { publisher dataset illustrative } } } }',
      );
      for (const field of ['businessFrance', 'vte']) {
        const source = body.data!.territory[field]!.source!;
        // The stack runs on simulators: the graph itself says these figures are illustrative.
        expect(source.illustrative).toBe(true);
        const card = page.locator(`#operators li.operator[data-operator="${field}"]`);
        expect(await card.getAttribute('data-illustrative')).toBe('true');
        const badge = card.locator('.badge.illustrative');
        expect(await badge.isVisible()).toBe(true);
        expect(await badge.innerText()).toBe('illustratif');
        const hover = (await badge.getAttribute('title')) ?? '';
        expect(hover).toContain(source.publisher);
        expect(hover).toContain(source.dataset);
        expect(hover).toMatch(/lu le \d{2}\/\d{2}\/\d{4}/);
        expect(await card.locator('.caption').innerText()).toBe(hover);
      }
      await page.close();
    });

    it('draws a whole region, all its territories and every operator, from one request', async () => {
      const { page, requests } = await openDashboard(browser, stack, 'region=44');
      const { body } = await postGraphQL<{ region: { name: string; territories: { id: string }[] } }>(
        `${stack.gatewayUrl}/graphql`,
        '{ region(code: "44") { name territories { id } } }',
      );
      const ids = body.data!.region.territories.map((t) => t.id);
      // The programme's figure for Grand Est in phase 2.
      expect(ids).toHaveLength(21);
      const rows = page.locator('table.region tbody tr');
      expect(await rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-territory')))).toEqual(
        ids,
      );
      expect(await page.locator('#identity h2').innerText()).toContain(
        `${body.data!.region.name} (44) — 21 territoires`,
      );
      // Every operator has a column and every territory a figure in it (no operator failed).
      expect(
        await page
          .locator('table.region thead th[data-operator]')
          .evaluateAll((n) => n.map((e) => e.textContent)),
      ).toEqual([
        'Banque des Territoires',
        'Bpifrance',
        'ADEME',
        'France Travail',
        'Business France',
        'VTE',
        'DGEFP',
        'APEC',
        'Action Logement',
        'État (Fonds Vert)',
      ]);
      expect(await page.locator('table.region td.unavailable').count()).toBe(0);
      expect(await page.locator('table.region td[data-operator="vte"] .badge.illustrative').count()).toBe(21);
      expect(await page.locator('#operators svg g.bar').count()).toBe(21);
      // One GraphQL request for the whole region (plus the picker's directory).
      const calls = requests
        .filter((r) => r.url === `${stack.gatewayUrl}/graphql`)
        .map(
          (r) => JSON.parse(r.body ?? '{}') as { query: string; operationName: string; variables: unknown },
        );
      expect(calls.map((c) => c.operationName).sort()).toEqual([
        'RegionSupportPicture',
        'TerritoryDirectory',
      ]);
      const regionCall = calls.find((c) => c.operationName === 'RegionSupportPicture')!;
      expect(regionCall.query).toBe(operations.RegionSupportPicture);
      expect(regionCall.variables).toEqual({ code: '44' });
      await page.close();
    });

    it('switches territory from the picker', async () => {
      const { page } = await openDashboard(browser, stack, 'ti-4411');
      const named = await postGraphQL<{ territory: { name: string } }>(
        `${stack.gatewayUrl}/graphql`,
        '{ territory(id: "ti-4405") { name } }',
      );
      await Promise.all([page.waitForURL(/id=ti-4405/), page.locator('#picker').selectOption('ti-4405')]);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
      expect(named.body.data!.territory.name).toBe('Grand Reims');
      expect(await page.locator('#identity h2').innerText()).toBe(named.body.data!.territory.name);
      // And to a whole region from the region picker.
      await Promise.all([page.waitForURL(/region=44/), page.locator('#region-picker').selectOption('44')]);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
      expect(await page.locator('table.region tbody tr').count()).toBe(21);
      await page.close();
    });
  });

  describe('with the Business France upstream down', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startTestStack();
      // Business France is read live (Bpifrance, Banque des Territoires, ADEME answer from the mirror).
      await setFaults(stack, 'business-france-sim', { down: true });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('shows the failed operator’s error and still draws the others', async () => {
      const { page } = await openDashboard(browser, stack, 'ti-4411');
      const errors = page.locator('#errors li.error');
      expect(await errors.count()).toBeGreaterThan(0);
      expect(await errors.first().getAttribute('data-operator')).toBe('Business France');
      expect(await errors.first().innerText()).toMatch(/^Business France [A-Z_]+ : .*Business France/);
      expect(await page.locator('#operators svg g.bar.unavailable').getAttribute('data-label')).toBe(
        'Business France',
      );
      expect(await page.locator('#operators svg g.bar:not(.unavailable)').count()).toBe(9);
      expect(await page.locator('#axes svg path.slice').count()).toBeGreaterThan(0);
      await page.close();
    });
  });
});
