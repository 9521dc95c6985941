// The demo pages in a real browser: the React demo (progress, toast, table,
// reload during and after a run, tenant isolation), the Vue and Svelte pages
// and the plain HTML test client.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from './support/browser.js';
import { ensureBuilt } from './support/build.js';
import { type ExampleProcess, startExample } from './support/exampleProcess.js';
import { repoPath } from './support/paths.js';

const skip = chromiumSkipReason();
if (skip) console.warn(skip);

const percentOf = (page: Page) =>
  page
    .getByTestId('percent')
    .first()
    .textContent()
    .then((text) => Number.parseInt(text ?? '0', 10));

/** Runs in the page: adds an inline script, which a policy without `'unsafe-inline'` refuses. */
function addInlineScript(): void {
  const script = document.createElement('script');
  script.textContent = 'window.inlineScriptRan = true;';
  document.head.append(script);
}

async function logIn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: `Log in as ${name}` }).click();
  await page.locator('[data-testid=connection][data-status=connected]').waitFor();
}

describe.skipIf(skip !== null)('demo pages in Chromium', () => {
  let browser: Browser;
  let demo: ExampleProcess; // the Express demo at the speed a person sees (an import takes ~6 s)
  let fast: ExampleProcess; // the same backend with fast imports, for the Vue page
  let vanilla: ExampleProcess;

  beforeAll(async () => {
    await ensureBuilt('react-app', 'vue', 'svelte');
    const tsx = ['--import', 'tsx'];
    [browser, demo, fast, vanilla] = await Promise.all([
      launchChromium(),
      startExample({
        example: 'express',
        args: [...tsx, 'src/server.ts'],
        env: { IMPORT_SPEED: '2' },
      }),
      startExample({
        example: 'express',
        args: [...tsx, 'src/server.ts'],
        env: { IMPORT_SPEED: '20' },
      }),
      startExample({
        example: 'vanilla',
        args: [...tsx, 'server.ts'],
        env: { IMPORT_SPEED: '20' },
      }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([demo?.stop(), fast?.stop(), vanilla?.stop()]);
  });

  it('React demo: progress and toast restored after a reload, 100 %, success toast, refreshed table, outcome after a reload; another tenant sees nothing', async () => {
    const alice = await browser.newPage({ viewport: { width: 1280, height: 680 } });
    const carol = await (await browser.newContext()).newPage();
    await Promise.all([logIn(alice, demo.url, 'Alice'), logIn(carol, demo.url, 'Carol')]);
    await alice.getByTestId('user-count').filter({ hasText: /^2$/ }).waitFor();

    await alice.getByRole('button', { name: 'Start import', exact: true }).click();
    const card = alice.getByTestId('import-card').first();
    await card.and(alice.locator('[data-status=running]')).waitFor();
    await alice.waitForFunction(
      () =>
        Number.parseInt(document.querySelector('[data-testid=percent]')?.textContent ?? '0', 10) >=
        15,
    );

    // Reload in the middle of the run: the import comes back with its progress and its toast.
    await alice.locator('[data-sonner-toast][data-type=loading]').waitFor();
    const before = await percentOf(alice);
    await alice.reload();
    await alice.locator('[data-testid=import-card][data-status=running]').waitFor();
    expect(await percentOf(alice)).toBeGreaterThanOrEqual(before);
    expect(await alice.getByTestId('import-card').count()).toBe(1); // the same bar, not two
    await alice.locator('[data-sonner-toast][data-type=loading]').waitFor();
    await alice.getByText(/left$/).first().waitFor(); // time left is shown

    await alice
      .locator('[data-testid=import-card][data-status=succeeded]')
      .waitFor({ timeout: 20_000 });
    expect(await percentOf(alice)).toBe(100);
    const toastLocator = alice.locator('[data-sonner-toast][data-type=success]');
    await toastLocator.waitFor();
    expect(await toastLocator.textContent()).toContain('Users imported');
    await alice.getByTestId('user-count').filter({ hasText: /^24$/ }).waitFor();

    // Reload after the end: the page's own import still shows its outcome.
    await alice.reload();
    await alice.locator('[data-testid=import-card][data-status=succeeded]').waitFor();
    expect(await percentOf(alice)).toBe(100);

    // Carol (Globex) was connected all along and saw none of it.
    await carol.locator('[data-testid=connection][data-status=connected]').waitFor();
    expect(await carol.getByTestId('import-card').count()).toBe(0);
    expect(await carol.locator('[data-sonner-toast]').count()).toBe(0);
    expect(await carol.getByTestId('user-count').textContent()).toBe('1');

    // The README's screenshot: the finished import, and a second one under way.
    await alice.getByRole('button', { name: 'Start import', exact: true }).click();
    await alice.waitForFunction(() => {
      const running = document.querySelector('[data-testid=import-card][data-status=running]');
      const percent = running?.querySelector('[data-testid=percent]')?.textContent ?? '0';
      const toast = document.querySelector('[data-sonner-toast][data-front=true]');
      return (
        Number.parseInt(percent, 10) >= 40 &&
        /s left/.test(running?.textContent ?? '') &&
        toast !== null &&
        getComputedStyle(toast).opacity === '1'
      );
    });
    mkdirSync(repoPath('.test-results'), { recursive: true });
    // Written beside the test results (ignored); copy it to docs/images/demo.png to update the README.
    await alice.screenshot({ path: repoPath('.test-results/demo.png') });

    // After a reload, the cancel button still stops the running import.
    await alice.reload();
    await alice.locator('[data-testid=import-card][data-status=running]').waitFor();
    await alice.getByRole('button', { name: 'Cancel' }).click();
    await alice.locator('[data-testid=import-card][data-status=cancelled]').waitFor();
    await alice.locator('[data-sonner-toast][data-type=warning]').waitFor();
  }, 60_000);

  for (const framework of ['vue', 'svelte']) {
    it(`${framework} page follows an import through the client's observers, and after a reload`, async () => {
      const page = await browser.newPage();
      await page.goto(`${fast.url}/${framework}/`);
      await page.getByRole('button', { name: 'alice' }).click();
      await page.locator('.status[data-status=connected]').waitFor();
      await page.getByRole('button', { name: 'Start an import' }).click();
      await page.locator('[data-operation-status=succeeded]').waitFor();
      expect(await page.locator('.result').textContent()).toContain('Imported 22 users, skipped 2');
      expect(await page.locator('.percent').textContent()).toContain('100');
      await page.reload();
      await page.locator('[data-operation-status=succeeded]').waitFor();
      expect(await page.locator('.result').textContent()).toContain('Imported 22 users');
    });
  }

  it('plain HTML test client receives the events of an operation under a strict Content-Security-Policy', async () => {
    const page = await browser.newPage();
    const response = await page.goto(vanilla.url);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
    await page.getByRole('button', { name: 'bob (Acme)' }).click();
    await page.locator('#log li[data-topic=login]').waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.locator('#status[data-status=connected]').waitFor();
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.locator('#log li[data-topic=joined]').waitFor();

    await page.getByRole('button', { name: 'Start an import' }).click();
    await page.locator('#log li[data-topic="operation.completed"]').waitFor();
    const topics = await page
      .locator('#log li')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.topic));
    expect(topics).toContain('operation.started');
    expect(topics).toContain('operation.progress');

    await page.getByRole('button', { name: 'Send event' }).click();
    await page.locator('#log li[data-topic="lab.ping"]').waitFor();
    const violations = page.locator('#log li[data-topic="csp.violation"]');
    expect(await violations.allTextContents()).toEqual([]);

    // The policy is in force, and the page reports what it blocks: an inline script is refused.
    await page.evaluate(addInlineScript);
    await violations.first().waitFor();
    expect(await violations.allTextContents()).toEqual([expect.stringContaining('script-src')]);
    expect(await page.evaluate(() => 'inlineScriptRan' in window)).toBe(false);
  });
});
