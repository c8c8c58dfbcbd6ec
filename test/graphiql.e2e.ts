// GraphiQL in a real headless browser: the page loads offline, an example runs and shows data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
});
