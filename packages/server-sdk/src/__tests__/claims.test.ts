import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Attempts of queued operations on the memory store, without a queue library: the same
// enqueue and claim calls the BullMQ helpers make.
describe('attempts of a queued operation (memory store)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  const audience = { user: 'alice' };

  it('runs failed attempts again as one operation, queued in between with the error as message', async () => {
    const alice = await server.connect({ sub: 'alice' });
    const { operation } = server.opwire;
    const queued = await operation.enqueue('sync', { audience, queue: 'jobs', attempts: 2 });
    expect(queued).toMatchObject({ created: true, snapshot: { status: 'queued', attempts: 2 } });
    const first = operation.claim(
      'sync',
      async () => {
        throw new Error('remote down');
      },
      { id: queued.id, queue: 'jobs', attempt: 1, attempts: 2 },
    );
    expect(await first.outcome).toMatchObject({
      status: 'requeued',
      snapshot: { status: 'queued', message: 'remote down', attempt: 1 },
    });
    const second = operation.claim('sync', async () => 'synced', {
      id: queued.id,
      queue: 'jobs',
      attempt: 2,
      attempts: 2,
    });
    expect(await second.outcome).toMatchObject({
      status: 'succeeded',
      snapshot: { attempt: 2, attempts: 2, result: 'synced' },
    });
    await alice.waitForMessage(
      (m) => m.operationId === queued.id && m.topic === 'operation.completed',
    );
    expect(alice.operationEvents(queued.id).map((m) => m.topic)).toEqual([
      'operation.started',
      'operation.progress',
      'operation.requeued',
      'operation.progress',
      'operation.completed',
    ]);
  });

  it('does not run an attempt of an operation that ended, or of another queue or type', async () => {
    const { operation } = server.opwire;
    const queued = await operation.enqueue('sync', { audience, queue: 'jobs' });
    expect(await operation.cancel(queued.id, 'no longer needed')).toBe(true);
    expect(await operation.get(queued.id)).toMatchObject({ status: 'cancelled' });
    let runs = 0;
    const job = async () => {
      runs += 1;
    };
    const other = await operation.enqueue('sync', { audience, queue: 'jobs' });
    const attempts = [
      operation.claim('sync', job, { id: queued.id, queue: 'jobs', attempt: 1, attempts: 1 }),
      operation.claim('sync', job, { id: other.id, queue: 'elsewhere', attempt: 1, attempts: 1 }),
      operation.claim('export', job, { id: other.id, queue: 'jobs', attempt: 1, attempts: 1 }),
    ];
    for (const attempt of attempts) {
      expect(await attempt.outcome).toMatchObject({
        status: 'not_claimed',
        error: { code: 'conflict' },
      });
    }
    expect(runs).toBe(0);
    expect(await operation.get(other.id)).toMatchObject({ status: 'queued' });
  });

  it('returns the existing operation for an id enqueued again, and refuses another type', async () => {
    const { operation } = server.opwire;
    const first = await operation.enqueue('sync', {
      id: 'enqueued-twice',
      audience,
      queue: 'jobs',
    });
    const again = await operation.enqueue('sync', {
      id: 'enqueued-twice',
      audience,
      queue: 'jobs',
    });
    expect(again).toMatchObject({ created: false, snapshot: { seq: first.snapshot.seq } });
    await expect(
      operation.enqueue('export', { id: 'enqueued-twice', audience, queue: 'jobs' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('sends a retried attempt that runs past the grace period back to its queue at shutdown', async () => {
    const node = await startTestServer();
    const { operation } = node.opwire;
    const queued = await operation.enqueue('sync', { audience, queue: 'jobs', attempts: 3 });
    const running = operation.claim(
      'sync',
      (op) => new Promise((resolve) => op.signal.addEventListener('abort', resolve)),
      { id: queued.id, queue: 'jobs', attempt: 1, attempts: 3 },
    );
    await node.opwire.close({ graceMs: 0 });
    expect(await running.outcome).toMatchObject({
      status: 'requeued',
      snapshot: { status: 'queued', message: expect.stringContaining('shut down') },
    });
    await node.close();
  });
});
