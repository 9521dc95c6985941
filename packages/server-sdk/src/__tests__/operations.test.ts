import type { Envelope } from '@opwire/protocol';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const topics = (events: Envelope[]) => events.map((event) => event.topic);
const seqs = (events: Envelope[]) => events.map((event) => event.seq);

describe('operation.track', () => {
  it('returns an id at once and delivers started, progress, stage and completed in order with consecutive seq', async () => {
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { id, done } = server.opwire.operation.track(
      'user-import',
      async (op) => {
        await gate;
        op.stage('parsing', 'Parsing CSV');
        op.progress(40, 'Parsed 40 rows', { processed: 40 });
        op.stage('importing');
        op.progress(90);
        return { imported: 100 };
      },
      { audience: { user: 'alice' }, title: 'User import', stages: ['parsing', 'importing'] },
    );
    expect(typeof id).toBe('string');
    release();
    const final = await done;
    expect(final).toMatchObject({
      status: 'succeeded',
      percent: 100,
      result: { imported: 100 },
      stage: 'importing',
    });
    await alice.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
    const events = alice.operationEvents(id);
    expect(topics(events)).toEqual([
      'operation.started',
      'operation.progress',
      'operation.progress',
      'operation.progress',
      'operation.progress',
      'operation.completed',
    ]);
    expect(seqs(events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[1]?.payload).toEqual({ stage: 'parsing', message: 'Parsing CSV' });
    expect(events[2]?.payload).toEqual({
      percent: 40,
      message: 'Parsed 40 rows',
      details: { processed: 40 },
    });
    expect(events[5]?.payload).toEqual({ result: { imported: 100 } });
  });

  it('maps a throw to failed with only the message and code', async () => {
    const alice = await server.connect({ sub: 'alice' });
    const { id, done } = server.opwire.operation.track(
      'export',
      async () => {
        throw Object.assign(new Error('Disk full'), { code: 'ENOSPC', secret: 'x' });
      },
      { audience: { user: 'alice' } },
    );
    const final = await done;
    expect(final.status).toBe('failed');
    expect(final.error).toEqual({ message: 'Disk full', code: 'ENOSPC' });
    const failed = await alice.waitForMessage(
      (m) => m.operationId === id && m.topic === 'operation.failed',
    );
    expect(failed.payload).toEqual({ error: { message: 'Disk full', code: 'ENOSPC' } });
    expect(JSON.stringify(alice.messages)).not.toContain('at ');
  });

  it('ends cancelled when a client in the audience cancels', async () => {
    const alice = await server.connect({ sub: 'alice' });
    let sawAbort = false;
    const { id, done } = server.opwire.operation.track(
      'long',
      (op) =>
        new Promise((_, reject) => {
          op.progress(10);
          op.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted'));
          });
        }),
      { audience: { user: 'alice' } },
    );
    await alice.waitForMessage((m) => m.operationId === id && m.topic === 'operation.started');
    const ack = await alice.request('opwire:operation.cancel', { id, reason: 'changed my mind' });
    expect(ack).toEqual({ ok: true, id });
    const final = await done;
    expect(sawAbort).toBe(true);
    expect(final.status).toBe('cancelled');
    expect(final.message).toBe('changed my mind');
    const again = await alice.request('opwire:operation.cancel', { id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('carries its toast titles and tables in its started event, and sends no end toast or refresh of its own', async () => {
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    const { id, done } = server.opwire.operation.track('import', async () => ({ n: 1 }), {
      audience: { tenant: 'acme' },
      tables: ['users'],
      toast: { success: 'Import finished', cancelled: 'Import stopped' },
    });
    const final = await done;
    expect(final.toastTitles).toEqual({ success: 'Import finished', cancelled: 'Import stopped' });
    const started = await alice.waitForMessage(
      (m) => m.operationId === id && m.topic === 'operation.started',
    );
    expect(started.payload).toMatchObject({
      tables: ['users'],
      toastTitles: { success: 'Import finished', cancelled: 'Import stopped' },
    });
    // A plain toast sent after the end arrives after anything the end could have sent.
    server.opwire.toast({ user: 'alice' }, { title: 'Marker', type: 'info' });
    await alice.waitForMessage((m) => m.topic === 'toast');
    expect(
      alice.messages.filter((m) => m.topic === 'toast' || m.topic === 'table.refresh'),
    ).toEqual([
      expect.objectContaining({ topic: 'toast', payload: { title: 'Marker', type: 'info' } }),
    ]);
  });

  it('leaves toastTitles out of an operation started without toast titles', async () => {
    const { done } = server.opwire.operation.track('plain', async () => 1, {
      audience: { user: 'alice' },
      toast: {},
    });
    expect((await done).toastTitles).toBeNull();
  });
});

describe('operation.start (manual handle)', () => {
  it('ignores calls after the end and reports them', async () => {
    const alice = await server.connect({ sub: 'alice' });
    const ignored: string[] = [];
    server.opwire.events.on('operation.ignored', ({ call }) => ignored.push(call));
    const op = server.opwire.operation.start('export', { audience: { user: 'alice' } });
    op.progress(10);
    op.complete({ url: '/x' });
    op.progress(50);
    op.fail(new Error('late'));
    op.complete();
    const final = await op.done;
    expect(final).toMatchObject({ status: 'succeeded', result: { url: '/x' } });
    expect(ignored).toEqual(['progress', 'fail', 'complete']);
    await alice.waitForMessage((m) => m.topic === 'operation.completed');
    expect(topics(alice.operationEvents(op.id))).toEqual([
      'operation.started',
      'operation.progress',
      'operation.completed',
    ]);
  });

  it('returns a follower for an id already running, and refuses an empty audience', async () => {
    const op = server.opwire.operation.start('export', {
      id: 'job-1',
      audience: { user: 'alice' },
    });
    const again = server.opwire.operation.start('export', {
      id: 'job-1',
      audience: { user: 'alice' },
    });
    expect(again.role).toBe('follower');
    expect(() => again.progress(5)).toThrow(expect.objectContaining({ code: 'not_owner' }));
    expect(() => server.opwire.operation.start('export', { audience: {} })).toThrow(
      /audience is empty/,
    );
    expect(() => server.opwire.operation.start('export', {} as never)).toThrow(/needs an audience/);
    expect(await op.started).toBe('owner');
    op.complete();
    const final = await op.done;
    expect(await again.done).toBe(final);
    // Ended, but still held: the id still names that run.
    const reused = server.opwire.operation.start('export', {
      id: 'job-1',
      audience: { user: 'alice' },
    });
    expect(await reused.started).toBe('follower');
    expect(await reused.done).toMatchObject({ id: 'job-1', status: 'succeeded', seq: final.seq });
    const otherType = server.opwire.operation.start('import', {
      id: 'job-1',
      audience: { user: 'alice' },
    });
    await expect(otherType.done).rejects.toMatchObject({ code: 'conflict' });
    expect(otherType.signal.aborted).toBe(true);
  });

  it('ends at once when cancelled by a client, aborting its signal', async () => {
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('export', { audience: { user: 'alice' } });
    await waitFor(() => alice.operationEvents(op.id).length === 1);
    await alice.request('opwire:operation.cancel', { id: op.id });
    const final = await op.done;
    expect(final.status).toBe('cancelled');
    expect(op.signal.aborted).toBe(true);
  });
});
