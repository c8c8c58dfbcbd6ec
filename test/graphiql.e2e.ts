// GraphiQL in a real headless browser: the page loads offline, an example runs and shows data,
// and its result downloads as CSV from the toolbar.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseCsv } from '../kit/src/csv.js';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { startTestStack, type Stack } from './helpers/stack.js';

const requireBrowser = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
const suite = CHROMIUM_PATH || requireBrowser ? describe : describe.skip;
if (!CHROMIUM_PATH)
  console.warn(
    `graphiql.e2e: chromium not found, ${requireBrowser ? 'failing' : 'skipping'} the browser tests`,
  );

suite('GraphiQL in chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens on the README’s MarneOverview, then the support picture, and runs it as it opens', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.gatewayUrl}/`);
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 20_000 }).toBeGreaterThan(2);
    const labels = (await tabs.allInnerTexts()).map((label) => label.trim());
    expect(labels.slice(0, 2)).toEqual(['MarneOverview', 'TerritorySupportPicture']);
    expect((await page.locator('.graphiql-tab-active').innerText()).trim()).toBe('MarneOverview');
    // No tab clicked: what runs is the tab GraphiQL opened on.
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(() => page.locator('.result-window').innerText(), { timeout: 20_000 })
      .toContain('"territoryCount": 5');
    await page.close();
  });

  it('runs the preloaded Marne overview and shows its figures, with no request off the machine', async () => {
    const page = await browser.newPage();
    const offHost: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gatewayUrl) && !request.url().startsWith('data:'))
        offHost.push(request.url());
    });
    await page.goto(`${stack.gatewayUrl}/`);
    await page.locator('.graphiql-tab', { hasText: 'MarneOverview' }).first().click();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('"territoryCount": 5');
    expect(await result.innerText()).toContain('"binomeCount": 14');
    expect(offHost).toEqual([]);
    await page.close();
  });

  it('downloads the current result as CSV from the toolbar, one row per item of the chosen list', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${stack.gatewayUrl}/`);
    await page.locator('.graphiql-tab', { hasText: 'MarneOverview' }).first().click();
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(() => page.locator('.result-window').innerText(), { timeout: 20_000 })
      .toContain('"territoryCount": 5');

    await page.getByRole('button', { name: 'Download CSV' }).click();
    const panel = page.locator('.tg-csv-panel');
    const paths = await panel.locator('select[name=path] option').allTextContents();
    expect(paths).toEqual([
      'department.statistics.byAxis',
      'department.territories',
      'department.territories.departmentCodes',
      'department.territoryReach',
      'department.seedFigures.byAxis',
      'department.seedFigures.rulesMatchingTerritoryCount',
    ]);
    await panel.locator('select[name=path]').selectOption('department.territories');
    await panel.locator('select[name=locale]').selectOption('fr');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('MarneOverview-department.territories.csv');
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = parseCsv(text, ';');
    expect(header).toEqual(['id', 'name', 'departmentCodes']);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r[1])).toContain('Pays de Châlons');
    await page.close();
  });

  it('shows the errors in the panel when the export fails, instead of downloading a file', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.gatewayUrl}/`);
    await page.locator('.graphiql-tab', { hasText: 'MarneOverview' }).first().click();
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(() => page.locator('.result-window').innerText(), { timeout: 20_000 })
      .toContain('"territoryCount": 5');
    // Break the query after running it: the export runs the query on screen, which now fails.
    await page.locator('.graphiql-query-editor .CodeMirror').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' query Broken { nope }');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await page.locator('.tg-csv-panel').getByRole('button', { name: 'Download' }).click();
    await expect
      .poll(() => page.locator('.tg-csv-message').innerText(), { timeout: 10_000 })
      .toMatch(/^Not exported: /);
    await page.close();
  });
});
