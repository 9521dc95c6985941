import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAdapter } from '../redis/redisAdapter.js';
import { redisStore } from '../redis/redisStore.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('BullMQ jobs as operations', () => {
  let redisServer: RedisServerHandle;
  let redis: Redis;
  let web: TestServer;
  let worker: TestProcess;
  let queue: Queue;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
    web = await startTestServer({ store: redisStore({ redis }), adapter: redisAdapter({ redis }) });
    worker = await forkBundled(KIT_PROCESSES.bullWorker, { REDIS_URL: redisServer.url });
    await worker.next('ready', {}, 20_000);
    queue = new Queue('imports', {
      connection: new Redis(redisServer.url, { maxRetriesPerRequest: null }),
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.kill();
    await web?.close();
    redis?.disconnect();
    await redisServer?.stop();
  });

  it('reports job progress and the result to the user, and completes the job with it', async () => {
    const alice = await web.connect({ sub: 'alice' });
    const operationId = 'import-1';
    const job = await queue.add('user-import', { operationId, user: 'alice', rows: 4 });
    const completed = await worker.next('completed', { jobId: job.id }, 20_000);
    expect(completed.result).toEqual({ imported: 4 });
    await alice.waitForMessage(
      (m) => m.operationId === operationId && m.topic === 'operation.completed',
    );
    const events = alice.operationEvents(operationId);
    expect(events.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events[0]?.payload).toMatchObject({ type: 'user-import' });
    expect(events.at(-1)?.payload).toEqual({ result: { imported: 4 } });
    // The worker reports with op.progress({ percent, message, details }).
    expect(events.at(-2)?.payload).toMatchObject({
      percent: 100,
      message: 'row 4',
      details: { row: 4 },
    });
    expect((await queue.getJob(job.id as string))?.progress).toBe(100);
  });

  it('cancels the job when its user cancels the operation', async () => {
    const bob = await web.connect({ sub: 'bob' });
    const operationId = 'import-2';
    const job = await queue.add('user-import', {
      operationId,
      user: 'bob',
      rows: 2,
      waitForCancel: true,
    });
    await worker.next('waiting', { id: operationId }, 20_000);
    expect(await bob.request('opwire:operation.cancel', { id: operationId })).toEqual({
      ok: true,
      id: operationId,
    });
    const failed = await worker.next('failed', { jobId: job.id }, 20_000);
    expect(failed.code).toBe('operation_cancelled');
    await bob.waitForMessage(
      (m) => m.operationId === operationId && m.topic === 'operation.cancelled',
    );
  });

  it('cancels the operation when the queue cancels the job', async () => {
    const carol = await web.connect({ sub: 'carol' });
    const operationId = 'import-3';
    const job = await queue.add('user-import', {
      operationId,
      user: 'carol',
      rows: 1,
      waitForCancel: true,
    });
    await worker.next('waiting', { id: operationId }, 20_000);
    worker.send({ type: 'cancelJob', jobId: job.id });
    expect(await worker.next('failed', { jobId: job.id }, 20_000)).toMatchObject({
      code: 'operation_cancelled',
    });
    const cancelled = await carol.waitForMessage(
      (m) => m.operationId === operationId && m.topic === 'operation.cancelled',
    );
    expect(cancelled.payload).toEqual({ reason: 'cancelled by the queue' });
  });
});
