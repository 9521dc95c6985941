import type { OperationSnapshot } from '@opwire/client';
import { OpwireError } from '@opwire/client';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';

let server: TestServer;
const clients = clientFactory();

beforeEach(async () => {
  server = await startTestServer({ progressIntervalMs: 0 });
});
afterEach(async () => {
  clients.closeAll();
  await server.close();
});

async function connected(token = signToken()) {
  const made = clients.create({ url: server.url, token });
  await waitFor(() => made.client.status === 'connected', 'connected');
  return made;
}

describe('operation handles against the real server', () => {
  it('follows a tracked operation to its result', async () => {
    const { client } = await connected();
    let finish: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const { id } = server.opwire.operation.track(
      'import',
      async (op) => {
        op.stage('parsing');
        op.progress(50, 'half');
        await gate;
        return { n: 1 };
      },
      { audience: { user: 'u1' }, title: 'Import' },
    );
    const handle = client.operation<{ n: number }>(id);
    expect(client.operation(id)).toBe(handle);
    const seen: (OperationSnapshot | null)[] = [];
    handle.subscribe((snapshot) => seen.push(snapshot));
    await waitFor(() => handle.getSnapshot()?.percent === 50, 'half-way');
    expect(handle.getSnapshot()).toMatchObject({
      stage: 'parsing',
      message: 'half',
      status: 'running',
    });
    finish?.();
    await expect(handle.done).resolves.toEqual({ n: 1 });
    expect(handle.getSnapshot()).toMatchObject({
      status: 'succeeded',
      percent: 100,
      result: { n: 1 },
    });
    const seqs = seen.flatMap((snapshot) => (snapshot === null ? [] : [snapshot.seq]));
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it('starts a late subscriber from the current snapshot', async () => {
    const { client } = await connected();
    const op = server.opwire.operation.start('export', { audience: { tenant: 't1' } });
    op.stage('writing', 'Writing rows');
    op.progress(60);
    await waitFor(async () => (await server.opwire.operation.get(op.id))?.percent === 60, 'stored');
    const handle = client.operation(op.id);
    const first = await new Promise<OperationSnapshot>((resolve) => {
      const off = handle.subscribe((snapshot) => {
        if (snapshot !== null) {
          resolve(snapshot);
          queueMicrotask(off);
        }
      });
    });
    expect(first).toMatchObject({ percent: 60, stage: 'writing', message: 'Writing rows', seq: 3 });
    op.complete();
  });

  it('rejects done with operation_failed, carrying the failure message', async () => {
    const { client } = await connected();
    const op = server.opwire.operation.start('export', { audience: { user: 'u1' } });
    const handle = client.operation(op.id);
    await waitFor(() => handle.getSnapshot(), 'the snapshot');
    op.fail(new Error('Disk full'));
    const error = await handle.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpwireError);
    expect(error).toMatchObject({ code: 'operation_failed', details: { operationId: op.id } });
    expect((error as Error).message).toContain('Disk full');
  });

  it('cancels a running operation, and done rejects with operation_cancelled', async () => {
    const { client } = await connected();
    const { id } = server.opwire.operation.track(
      'import',
      (op) =>
        new Promise((resolve) => {
          op.signal.addEventListener('abort', () => resolve('stopped'));
        }),
      { audience: { user: 'u1' } },
    );
    const handle = client.operation(id);
    await waitFor(() => handle.getSnapshot()?.status === 'running', 'running');
    await handle.cancel('not needed');
    await expect(handle.done).rejects.toMatchObject({ code: 'operation_cancelled' });
    expect(handle.getSnapshot()?.status).toBe('cancelled');
    await expect(handle.cancel()).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rejects done with not_found for an operation this user may not see', async () => {
    const { client } = await connected();
    const op = server.opwire.operation.start('secret', { audience: { user: 'someone-else' } });
    const handle = client.operation(op.id);
    await expect(handle.done).rejects.toMatchObject({ code: 'not_found' });
    expect(handle.error?.code).toBe('not_found');
    expect(client.debug().operations).toEqual([]);
    op.complete();
  });

  it('lists running operations from a fresh client and keeps the list current', async () => {
    const a = server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const b = server.opwire.operation.start('export', { audience: { tenant: 't1' } });
    const ended = server.opwire.operation.start('old', { audience: { user: 'u1' } });
    ended.complete();
    server.opwire.operation.start('other', { audience: { user: 'u2' } });
    a.progress(30);
    await waitFor(
      async () => (await server.opwire.operation.list({ status: 'active' })).length === 3,
      'stored',
    );

    const { client } = await connected();
    const lists: (readonly OperationSnapshot[])[] = [];
    client.operations.subscribe((list) => lists.push(list));
    const active = await client.operations.active();
    expect(active.map((snapshot) => snapshot.id).sort()).toEqual([a.id, b.id].sort());
    expect(active.find((snapshot) => snapshot.id === a.id)?.percent).toBe(30);
    expect(
      client.operations
        .getSnapshot()
        .map((snapshot) => snapshot.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());

    a.complete();
    await waitFor(() => client.operations.getSnapshot().length === 1, 'a to leave the list');
    expect(client.operations.getSnapshot()[0]?.id).toBe(b.id);
    expect(lists.at(-1)).toBe(client.operations.getSnapshot());
    b.complete();
  });
});
