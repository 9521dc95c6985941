import type { OperationSnapshot } from '@opwire/client';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../e2e/support/build.js';
import { connectRecording } from '../../e2e/support/clients.js';
import { login, startImport } from '../../e2e/support/demoApi.js';
import { type ExampleProcess, startExample } from '../../e2e/support/exampleProcess.js';
import { checkFailedImport, checkImportAndIsolation } from '../../e2e/support/importScenario.js';

// The worker's lock (which the operation's lease follows), short so a dead worker is noticed fast.
const LOCKS = { LOCK_MS: '1500', STALLED_MS: '1000' };

const skip = redisSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('BullMQ worker example', () => {
  let redis: RedisServerHandle;
  let worker: ExampleProcess;
  let web: ExampleProcess;
  const workers: ExampleProcess[] = [];
  const startWorker = async (env: Record<string, string>) => {
    const started = await startExample({
      example: 'worker-bullmq',
      args: ['--import', 'tsx', 'src/worker.ts'],
      env: { REDIS_URL: redis.url, ...LOCKS, ...env },
      ready: /BullMQ worker ready/,
    });
    workers.push(started);
    return started;
  };

  beforeAll(async () => {
    await ensureBuilt();
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, IMPORT_SPEED: '30' };
    [worker, web] = await Promise.all([
      startWorker(env),
      startExample({ example: 'worker-bullmq', args: ['--import', 'tsx', 'src/web.ts'], env }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([web?.stop(), ...workers.map((started) => started.stop())]);
    await redis?.stop();
  });

  it('a client of the web server follows an import the worker runs, and the other tenant sees none of it', async () => {
    await checkImportAndIsolation(web.url, { usersTable: false });
  });

  it('reports a failed job', async () => {
    await checkFailedImport(web.url);
  });

  it('sends an import whose worker died back to queued, and another worker finishes it', async () => {
    await worker.stop();
    const slow = await startWorker({ IMPORT_SPEED: '1' });
    const alice = await login(web.url, 'alice');
    const { client } = await connectRecording(web.url, alice.token);
    try {
      const id = await startImport(web.url, alice.token, { rows: 24 });
      const handle = client.operation<{ imported: number; skipped: number }>(id);
      const seen: OperationSnapshot[] = [];
      handle.subscribe((snapshot) => {
        if (snapshot) seen.push(snapshot);
      });
      await until(() => (handle.getSnapshot()?.percent ?? 0) > 0, 'the slow worker to start');
      await slow.kill();
      await until(() => handle.getSnapshot()?.status === 'queued', 'back to queued');
      expect(handle.getSnapshot()?.message).toMatch(/worker running this job stopped/);
      await startWorker({ IMPORT_SPEED: '30' });
      await expect(handle.done).resolves.toEqual({ imported: 22, skipped: 2 });
      expect(seen.map((snapshot) => snapshot.status)).not.toContain('failed');
    } finally {
      client.close();
    }
  }, 60_000);
});

async function until(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
