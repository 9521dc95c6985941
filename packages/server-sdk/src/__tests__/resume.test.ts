import type { OperationEvent, ResumeResult } from '@opwire/protocol';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memoryStore.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

type ResumeAnswer = { ok: true; epoch: string; results: ResumeResult[] };

describe('resume', () => {
  it('replays exactly the events after the given seq', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    for (let i = 1; i <= 5; i += 1) op.progress(i * 10);
    await waitFor(() => alice.operationEvents(op.id).length === 6);
    const epoch = alice.hello?.epoch;
    const answer = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 3, epoch }],
    })) as ResumeAnswer;
    expect(answer.ok).toBe(true);
    const [result] = answer.results;
    expect(result?.status).toBe('replayed');
    const events = (result as { events: OperationEvent[] }).events;
    expect(events.map((event) => event.seq)).toEqual([4, 5, 6]);
    expect(events.map((event) => event.payload)).toEqual([
      { percent: 30 },
      { percent: 40 },
      { percent: 50 },
    ]);
    const upToDate = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 6, epoch }],
    })) as ResumeAnswer;
    expect(upToDate.results[0]).toEqual({ id: op.id, status: 'replayed', events: [] });
    expect(server.opwire.stats().resumes).toEqual({ replayed: 2, snapshotted: 0 });
    op.complete();
    await op.done;
  });

  it('answers with a snapshot when the epoch changed', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    op.progress(42);
    await waitFor(() => alice.operationEvents(op.id).length === 2);
    const answer = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 1, epoch: 'an-older-epoch' }],
    })) as ResumeAnswer;
    expect(answer.results[0]).toMatchObject({
      status: 'snapshot',
      reason: 'epoch_changed',
      snapshot: { percent: 42, seq: 2 },
    });
    expect(server.opwire.stats().resumes.snapshotted).toBe(1);
    op.complete();
    await op.done;
  });

  it('answers with a snapshot when history no longer reaches back', async () => {
    server = await startTestServer({
      progressIntervalMs: 0,
      store: memoryStore({ historyLimit: 3 }),
    });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    for (let i = 1; i <= 10; i += 1) op.progress(i * 10);
    await waitFor(() => alice.operationEvents(op.id).length === 11);
    const epoch = alice.hello?.epoch;
    const gone = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 2, epoch }],
    })) as ResumeAnswer;
    expect(gone.results[0]).toMatchObject({
      status: 'snapshot',
      reason: 'history_gone',
      snapshot: { percent: 100, seq: 11 },
    });
    const near = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 8, epoch }],
    })) as ResumeAnswer;
    expect(near.results[0]).toMatchObject({ status: 'replayed' });
    op.complete();
    await op.done;
  });

  it('answers an id named several times once', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    op.progress(50);
    await waitFor(() => alice.operationEvents(op.id).length === 2);
    const epoch = alice.hello?.epoch;
    const answer = (await alice.request('opwire:resume', {
      operations: [
        { id: op.id, seq: 0, epoch },
        { id: op.id, seq: 1, epoch },
        { id: op.id, seq: 0, epoch: 'other' },
      ],
    })) as ResumeAnswer;
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]).toMatchObject({ status: 'replayed' });
    expect((answer.results[0] as { events: OperationEvent[] }).events).toHaveLength(2);
    expect(server.opwire.stats().resumes).toEqual({ replayed: 1, snapshotted: 0 });
    op.complete();
    await op.done;
  });

  it('replays at most maxResumeEvents events per answer; what is past them gets a snapshot', async () => {
    server = await startTestServer({ progressIntervalMs: 0, limits: { maxResumeEvents: 5 } });
    const alice = await server.connect({ sub: 'alice' });
    const ops = [0, 1, 2].map(() =>
      server.opwire.operation.start('job', { audience: { user: 'alice' } }),
    );
    for (const op of ops) for (let i = 1; i <= 3; i += 1) op.progress(i * 10);
    await waitFor(() => alice.messages.length === 12);
    const epoch = alice.hello?.epoch;
    const answer = (await alice.request('opwire:resume', {
      operations: ops.map((op) => ({ id: op.id, seq: 1, epoch })),
    })) as ResumeAnswer;
    // Three events each: the first fits, the second would make six, the third fits no more.
    expect(answer.results.map((result) => result.status)).toEqual([
      'replayed',
      'snapshot',
      'snapshot',
    ]);
    expect(answer.results[1]).toMatchObject({ reason: 'history_gone', snapshot: { seq: 4 } });
    for (const op of ops) op.complete();
  });

  it('replays at most maxResumeBytes bytes of events per answer', async () => {
    server = await startTestServer({ progressIntervalMs: 0, limits: { maxResumeBytes: 4096 } });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    for (let i = 1; i <= 4; i += 1) op.progress(i, 'z'.repeat(1500));
    await waitFor(() => alice.operationEvents(op.id).length === 5);
    const epoch = alice.hello?.epoch;
    const far = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 1, epoch }],
    })) as ResumeAnswer;
    expect(far.results[0]).toMatchObject({ status: 'snapshot', reason: 'history_gone' });
    const near = (await alice.request('opwire:resume', {
      operations: [{ id: op.id, seq: 3, epoch }],
    })) as ResumeAnswer;
    expect(near.results[0]).toMatchObject({ status: 'replayed' });
    op.complete();
    await op.done;
  });

  it('lists the visible active operations for a reloaded page', async () => {
    server = await startTestServer();
    const mine = server.opwire.operation.start('a', { audience: { user: 'alice' } });
    const tenant = server.opwire.operation.start('b', { audience: { tenant: 'acme' } });
    const other = server.opwire.operation.start('c', { audience: { tenant: 'globex' } });
    const ended = server.opwire.operation.start('d', { audience: { user: 'alice' } });
    ended.complete();
    await ended.done;
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    const active = await alice.request<{ operations: Array<{ id: string }> }>(
      'opwire:operation.list',
      { status: 'active' },
    );
    expect(active.ok && active.operations.map((o) => o.id).sort()).toEqual(
      [mine.id, tenant.id].sort(),
    );
    const all = await alice.request<{ operations: Array<{ id: string }> }>(
      'opwire:operation.list',
      { status: 'all' },
    );
    expect(all.ok && all.operations).toHaveLength(3);
    for (const op of [mine, tenant, other]) op.complete();
  });
});
