import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('time limits and graceful shutdown, end to end with a client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('ends an operation past its timeoutMs failed timed_out, aborting its signal, and ignores its late result', async () => {
    const alice = await server.connect({ sub: 'alice' });
    let reason: unknown;
    let returned!: () => void;
    const lateReturn = new Promise<void>((resolve) => {
      returned = resolve;
    });
    const { id, done } = server.opwire.operation.track(
      'slow-report',
      async (op) => {
        op.progress(10, 'working');
        await new Promise((resolve) =>
          op.signal.addEventListener('abort', resolve, { once: true }),
        );
        reason = op.signal.reason;
        setImmediate(returned);
        return { late: true };
      },
      { audience: { user: 'alice' }, timeoutMs: 200 },
    );
    const failed = await alice.waitForMessage(
      (m) => m.operationId === id && m.topic === 'operation.failed',
    );
    expect(failed.payload).toEqual({
      error: { code: 'timed_out', message: expect.stringContaining('limit of 0.2 s') },
    });
    expect(await done).toMatchObject({ status: 'failed', result: null });
    expect(String(reason)).toContain('ran longer than its limit');
    await lateReturn;
    // Anything the late return had sent would reach alice before this next operation's start.
    const next = server.opwire.operation.start('marker', { audience: { user: 'alice' } });
    await alice.waitForMessage((m) => m.operationId === next.id);
    next.complete();
    expect(alice.operationEvents(id).map((m) => m.topic)).toEqual([
      'operation.started',
      'operation.progress',
      'operation.failed',
    ]);
  });

  it('lets a job that ends within its timeoutMs succeed', async () => {
    const { done } = server.opwire.operation.track('quick', async () => 'ok', {
      audience: { user: 'alice' },
      timeoutMs: 5_000,
    });
    expect(await done).toMatchObject({ status: 'succeeded', result: 'ok' });
  });

  it('waits at close for operations that end within the grace period, and ends the rest owner_shutdown', async () => {
    const node = await startTestServer({ lifecycle: { shutdownGraceMs: 1_500 } });
    const bob = await node.connect({ sub: 'bob' });
    const quick = node.opwire.operation.track(
      'finishes',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return 'in time';
      },
      { audience: { user: 'bob' } },
    );
    let aborted = false;
    const stuck = node.opwire.operation.track(
      'never-finishes',
      async (op) => {
        await new Promise((resolve) =>
          op.signal.addEventListener('abort', resolve, { once: true }),
        );
        aborted = true;
      },
      { audience: { user: 'bob' } },
    );
    await bob.waitForMessage((m) => m.operationId === stuck.id);
    const disconnected = new Promise((resolve) => bob.socket.on('disconnect', resolve));
    await node.opwire.close();
    await disconnected;
    expect(await quick.done).toMatchObject({ status: 'succeeded', result: 'in time' });
    expect(await stuck.done).toMatchObject({
      status: 'failed',
      error: { code: 'owner_shutdown', message: expect.stringContaining('shut down') },
    });
    expect(aborted).toBe(true);
    // The client got both ends before its socket was dropped.
    expect(bob.operationEvents(quick.id).at(-1)?.topic).toBe('operation.completed');
    expect(bob.operationEvents(stuck.id).at(-1)).toMatchObject({
      topic: 'operation.failed',
      payload: { error: { code: 'owner_shutdown' } },
    });
    await node.close();
  });
});
