import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Why the browser test should skip, or `null` when it can run. With `CI=true`
 * a missing Chromium is an error, not a skip.
 */
export function chromiumSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI === 'true') {
    throw new Error(`${CHROMIUM} is missing, and CI=true requires the browser test to run`);
  }
  return `${CHROMIUM} is missing: the browser test is skipped (install it: apt-get install chromium)`;
}

/** Debian's Chromium, headless, with nothing that reaches out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
