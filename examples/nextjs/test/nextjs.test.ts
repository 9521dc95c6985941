// The Next app built once (`next build`) and run with `next start`, as a host
// would, next to the realtime process and the worker, in Chromium.
import { createRequire } from 'node:module';
import { freePort } from '@opwire/test-kit/freePort';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from '../../e2e/support/browser.js';
import { ensureBuilt } from '../../e2e/support/build.js';
import { type ExampleProcess, startExample } from '../../e2e/support/exampleProcess.js';
import { examplePath } from '../../e2e/support/paths.js';

const skip = chromiumSkipReason() ?? redisSkipReason();
if (skip) console.warn(skip);

const nextBin = createRequire(`${examplePath('nextjs')}/package.json`).resolve(
  'next/dist/bin/next',
);

describe.skipIf(skip !== null)('Next.js on next start, with a separate realtime process', () => {
  let redis: RedisServerHandle;
  let browser: Browser;
  const processes: ExampleProcess[] = [];
  let appUrl = '';

  beforeAll(async () => {
    await ensureBuilt('nextjs');
    redis = await startRedisServer();
    const appPort = await freePort();
    appUrl = `http://127.0.0.1:${appPort}`;
    const tsx = ['--import', 'tsx'];
    const realtime = await startExample({
      example: 'nextjs',
      args: [...tsx, 'realtime/server.mts'],
      env: { REDIS_URL: redis.url, APP_ORIGIN: appUrl },
    });
    processes.push(realtime);
    const started = await Promise.all([
      startExample({
        example: 'nextjs',
        args: [...tsx, 'realtime/worker.mts'],
        env: { REDIS_URL: redis.url, ROW_DELAY_MS: '60' },
        ready: /export worker ready/,
      }),
      startExample({
        example: 'nextjs',
        args: [nextBin, 'start', '--hostname', '127.0.0.1'],
        port: appPort,
        env: {
          REDIS_URL: redis.url,
          OPWIRE_REALTIME_URL: realtime.url,
          NEXT_TELEMETRY_DISABLED: '1',
        },
        ready: /Ready in/,
      }),
    ]);
    processes.push(...started);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(processes.map((started) => started.stop()));
    await redis?.stop();
  });

  async function openPage(user: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${appUrl}/?user=${user}`);
    await page.getByRole('button', { name: 'Export', exact: true }).waitFor();
    return page;
  }

  it('a route handler enqueues the job, the worker runs it, the page follows it live', async () => {
    const page = await openPage('alice');
    const started = page.waitForResponse((response) => response.url().endsWith('/api/exports'));
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    expect((await started).status()).toBe(202);
    await page.locator('[data-opwire-progress][data-status=running]').waitFor();
    await expect(page.getByTestId('result').textContent({ timeout: 15_000 })).resolves.toBe(
      'Exported 20 rows',
    );
    await page.close();
  });

  it('a server action enqueues a job whose failure reaches the page', async () => {
    const page = await openPage('bob');
    await page.getByRole('button', { name: 'Export (fails)' }).click();
    await expect(
      page.locator('[data-opwire-error]').textContent({ timeout: 15_000 }),
    ).resolves.toContain('The export file is full');
    await page.close();
  });
});
