import { createOpwireClient, type OperationSnapshot, type OpwireClient } from '@opwire/client';
import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTracked } from '../redis/bullmq/enqueueTracked.js';
import { redisAdapter } from '../redis/redisAdapter.js';
import { redisStore } from '../redis/redisStore.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

// Short locks so a dead worker's job comes back in seconds; every wait below is for an event.
const LOCKS = { LOCK_MS: '1500', STALLED_MS: '1000' };

describe.skipIf(skipReason !== null)(
  'BullMQ jobs as operations, from the moment of enqueue',
  () => {
    let redisServer: RedisServerHandle;
    let redis: Redis;
    let web: TestServer;
    const workers: TestProcess[] = [];
    const queues: Queue[] = [];
    const clients: OpwireClient[] = [];
    const links: Redis[] = [];

    const startWorker = async (queue: string, env: Record<string, string> = {}) => {
      const worker = await forkBundled(KIT_PROCESSES.bullWorker, {
        REDIS_URL: redisServer.url,
        QUEUE: queue,
        ...env,
      });
      workers.push(worker);
      await worker.next('ready', {}, 20_000);
      return worker;
    };
    const openQueue = (name: string) => {
      const queue = new Queue(name, {
        connection: new Redis(redisServer.url, { maxRetriesPerRequest: null }),
      });
      queues.push(queue);
      return queue;
    };
    /** A real client of `user` that records every snapshot of the operations it follows. */
    const follow = async (user: string, id: string) => {
      const client = createOpwireClient({
        url: web.url,
        token: () => signToken({ sub: user }, { expiresInSec: 600 }),
        transports: ['websocket'],
        operationToasts: false,
      });
      clients.push(client);
      const seen: OperationSnapshot[] = [];
      client.operation(id).subscribe((snapshot) => {
        if (snapshot && seen.at(-1) !== snapshot) seen.push(snapshot);
      });
      await waitFor(() => seen.length > 0, `${user} to see ${id}`, 10_000);
      return { client, seen, now: () => client.operation(id).getSnapshot() };
    };

    beforeAll(async () => {
      redisServer = await startRedisServer();
      redis = new Redis(redisServer.url);
      web = await startTestServer({
        store: redisStore({ redis }),
        adapter: redisAdapter({ redis }),
        lifecycle: { sweepIntervalMs: 250 },
      });
    }, 60_000);

    afterAll(async () => {
      for (const client of clients) client.close();
      await Promise.all(queues.map((queue) => queue.close()));
      for (const link of links) link.disconnect();
      await Promise.all(workers.map((worker) => worker.kill()));
      await web?.close();
      redis?.disconnect();
      await redisServer?.stop();
    });

    it('is queued and visible to its audience before any worker runs, and runs once one starts', async () => {
      const queue = openQueue('visible');
      const alice = await web.connect({ sub: 'alice' });
      const { operationId, job, created } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'alice', rows: 2 },
        { audience: { user: 'alice' }, title: 'Import' },
      );
      expect(created).toBe(true);
      expect(job?.id).toBe(operationId);
      const started = await alice.waitForMessage((m) => m.operationId === operationId);
      expect(started).toMatchObject({ topic: 'operation.started', payload: { status: 'queued' } });
      const listed = await alice.request<{ operations: OperationSnapshot[] }>(
        'opwire:operation.list',
        {},
      );
      expect(listed.ok && listed.operations.map((o) => [o.id, o.status])).toContainEqual([
        operationId,
        'queued',
      ]);
      await startWorker('visible');
      const done = await alice.waitForMessage(
        (m) => m.operationId === operationId && m.topic === 'operation.completed',
        20_000,
      );
      expect(done.payload).toEqual({ result: { imported: 2 } });
      expect(alice.operationEvents(operationId)[1]).toMatchObject({
        topic: 'operation.progress',
        payload: { status: 'running', attempt: 1 },
      });
    });

    it('removes the waiting job when its operation is cancelled', async () => {
      const queue = openQueue('cancel-waiting');
      const bob = await web.connect({ sub: 'bob' });
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'bob', rows: 1 },
        { audience: { user: 'bob' } },
      );
      expect(await queue.getJob(operationId)).toBeDefined();
      expect(
        await bob.request('opwire:operation.cancel', { id: operationId, reason: 'not now' }),
      ).toEqual({ ok: true, id: operationId });
      const cancelled = await bob.waitForMessage(
        (m) => m.operationId === operationId && m.topic === 'operation.cancelled',
      );
      expect(cancelled.payload).toEqual({ reason: 'not now' });
      expect(await queue.getJob(operationId)).toBeUndefined();
    });

    it('follows a job that fails twice and succeeds on its third attempt as one operation', async () => {
      const queue = openQueue('retries');
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'carol', rows: 1, succeedOnAttempt: 3 },
        { audience: { user: 'carol' }, job: { attempts: 3 } },
      );
      const carol = await follow('carol', operationId);
      await startWorker('retries');
      await waitFor(() => carol.now()?.status === 'succeeded', 'the third attempt', 20_000);
      const steps = carol.seen.map((s) => `${s.status}:${s.attempt}`);
      const expected = ['queued:1', 'running:1', 'queued:1', 'running:2', 'queued:2', 'running:3'];
      let at = 0;
      for (const step of steps) if (step === expected[at]) at += 1;
      expect(at, `steps seen: ${steps.join(' ')}`).toBe(expected.length);
      expect(steps.at(-1)).toBe('succeeded:3');
      const requeued = carol.seen.find((s) => s.status === 'queued' && s.attempt === 2);
      expect(requeued).toMatchObject({ message: 'attempt 2 broke', percent: 0, attempts: 3 });
      expect(carol.now()).toMatchObject({ attempt: 3, attempts: 3, result: { imported: 1 } });
    });

    it('ends failed with the last error once the attempts are exhausted', async () => {
      const queue = openQueue('exhausted');
      const worker = await startWorker('exhausted');
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'dave', rows: 1, succeedOnAttempt: 9 },
        { audience: { user: 'dave' }, job: { attempts: 2 } },
      );
      expect(
        await worker.next('failed', { jobId: operationId, attemptsMade: 2 }, 20_000),
      ).toMatchObject({
        message: 'attempt 2 broke',
      });
      await waitFor(
        async () => (await web.opwire.operation.get(operationId))?.status === 'failed',
        'the operation to fail',
        10_000,
      );
      expect(await web.opwire.operation.get(operationId)).toMatchObject({
        status: 'failed',
        attempt: 2,
        attempts: 2,
        error: { message: 'attempt 2 broke' },
      });
    });

    it('ends a waiting operation whose job was removed from the queue with job_missing', async () => {
      const queue = openQueue('vanishing');
      const erin = await web.connect({ sub: 'erin' });
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'erin', rows: 1 },
        { audience: { user: 'erin' }, checkEveryMs: 300 },
      );
      await queue.remove(operationId);
      const failed = await erin.waitForMessage(
        (m) => m.operationId === operationId && m.topic === 'operation.failed',
        10_000,
      );
      expect(failed.payload).toMatchObject({ error: { code: 'job_missing' } });
    });

    it('ends the operation at once, job_missing, when its job cannot be added', async () => {
      const queue = openQueue('refusing');
      // BullMQ refuses a custom job id made of digits only.
      const attempt = enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'erin', rows: 1 },
        { audience: { user: 'erin' }, id: '4242' },
      );
      await expect(attempt).rejects.toMatchObject({ code: 'unavailable' });
      expect(await web.opwire.operation.get('4242')).toMatchObject({
        status: 'failed',
        error: { code: 'job_missing', message: expect.stringContaining('could not be added') },
      });
    });

    it('sends the operation of a killed worker back to queued when BullMQ will retry, and another worker takes it over', async () => {
      const queue = openQueue('stalls');
      const doomed = await startWorker('stalls', LOCKS);
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'frank', rows: 3, hang: true },
        { audience: { user: 'frank' } },
      );
      await doomed.next('active', { id: operationId }, 20_000);
      const frank = await follow('frank', operationId);
      await waitFor(() => frank.now()?.status === 'running', 'running', 10_000);
      await doomed.kill();
      await waitFor(() => frank.now()?.status === 'queued', 'back to queued', 20_000);
      expect(frank.now()?.message).toMatch(/worker running this job stopped/);
      // A second worker takes the job over (it runs until cancelled).
      const rescuer = await startWorker('stalls', LOCKS);
      await rescuer.next('active', { id: operationId }, 30_000);
      await waitFor(() => frank.now()?.status === 'running', 'running', 10_000);
      await web.opwire.operation.cancel(operationId, 'enough');
      await waitFor(() => frank.now()?.status === 'cancelled', 'cancelled', 10_000);
      expect(frank.seen.map((s) => s.status)).not.toContain('failed');
      await rescuer.kill();
    });

    it('ends the operation of a killed worker owner_lost when BullMQ will not retry the job', async () => {
      const queue = openQueue('no-stalls');
      const doomed = await startWorker('no-stalls', { ...LOCKS, MAX_STALLED: '0' });
      const { operationId } = await enqueueTracked(
        web.opwire.operation,
        queue,
        'user-import',
        { user: 'gina', rows: 1, hang: true },
        { audience: { user: 'gina' } },
      );
      await doomed.next('active', { id: operationId }, 20_000);
      const gina = await follow('gina', operationId);
      await doomed.kill();
      await waitFor(() => gina.now()?.status === 'failed', 'owner_lost', 20_000);
      expect(gina.now()?.error).toMatchObject({ code: 'owner_lost' });
      expect(gina.seen.map((s) => s.status)).not.toContain('queued');
    });
  },
);
