import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '../../../tests/support/redisServer.js';
import { ensureBuilt } from '../../e2e/support/build.js';
import { type ExampleProcess, startExample } from '../../e2e/support/exampleProcess.js';
import { checkFailedImport, checkImportAndIsolation } from '../../e2e/support/importScenario.js';

const skip = redisSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('BullMQ worker example', () => {
  let redis: RedisServerHandle;
  let worker: ExampleProcess;
  let web: ExampleProcess;

  beforeAll(async () => {
    await ensureBuilt();
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, IMPORT_SPEED: '30' };
    [worker, web] = await Promise.all([
      startExample({
        example: 'worker-bullmq',
        args: ['--import', 'tsx', 'src/worker.ts'],
        env,
        ready: /BullMQ worker ready/,
      }),
      startExample({ example: 'worker-bullmq', args: ['--import', 'tsx', 'src/web.ts'], env }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([web?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  it('a client of the web server follows an import the worker runs, and the other tenant sees none of it', async () => {
    await checkImportAndIsolation(web.url, { usersTable: false });
  });

  it('reports a failed job', async () => {
    await checkFailedImport(web.url);
  });
});
