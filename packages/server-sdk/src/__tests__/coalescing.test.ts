import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterEach, describe, expect, it } from 'vitest';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('progress coalescing on the wire', () => {
  it('puts only a handful of messages on the wire for 100,000 progress calls, ending on the exact value', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice' });
    const before = process.cpuUsage();
    const { id, done } = server.opwire.operation.track(
      'storm',
      async (op) => {
        for (let i = 1; i <= 100_000; i += 1) op.progress((i / 100_000) * 99, `row ${i}`);
        return { rows: 100_000 };
      },
      { audience: { user: 'alice' } },
    );
    await done;
    const cpuMs = (process.cpuUsage(before).user + process.cpuUsage(before).system) / 1000;
    await alice.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
    const progress = alice.operationEvents(id).filter((m) => m.topic === 'operation.progress');
    expect(progress.length).toBeLessThanOrEqual(3);
    expect(progress.at(-1)?.payload).toEqual({ percent: 99, message: 'row 100000' });
    expect(alice.operationEvents(id).map((m) => m.seq)).toEqual(
      Array.from({ length: progress.length + 2 }, (_, i) => i + 1),
    );
    // Generous bound: the loop itself is cheap; a regression to one emit per call costs seconds.
    expect(cpuMs).toBeLessThan(2_000);
  });

  it('flushes pending progress before a stage change and before completion', async () => {
    server = await startTestServer({ progressIntervalMs: 10_000 });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('ordered', { audience: { user: 'alice' } });
    op.progress(10);
    op.progress(20, 'twenty');
    op.stage('second');
    op.progress(30);
    op.progress(40);
    op.complete();
    await op.done;
    await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    expect(alice.operationEvents(op.id).map((m) => [m.seq, m.topic, m.payload])).toEqual([
      [1, 'operation.started', expect.anything()],
      [2, 'operation.progress', { percent: 10 }],
      [3, 'operation.progress', { percent: 20, message: 'twenty' }],
      [4, 'operation.progress', { stage: 'second' }],
      [5, 'operation.progress', { percent: 40 }],
      [6, 'operation.completed', {}],
    ]);
  });

  it('sends every call when coalescing is off', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('every', { audience: { user: 'alice' } });
    for (let i = 1; i <= 50; i += 1) op.progress(i * 2);
    op.complete();
    await op.done;
    await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    expect(alice.operationEvents(op.id)).toHaveLength(52);
  });

  it('refuses a percent that is not a finite number at the call site', async () => {
    server = await startTestServer();
    const op = server.opwire.operation.start('bad', { audience: { user: 'alice' } });
    expect(() => op.progress(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
    expect(() => op.progress('50' as unknown as number)).toThrow(/finite number/);
    op.complete();
    await op.done;
  });
});
