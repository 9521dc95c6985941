import type { Envelope, OperationSnapshot } from '@opwire/client';
import { memoryStore } from '@opwire/server';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';
import { type Gate, startGate } from './support/gate.js';

const clients = clientFactory();
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  clients.closeAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Store = ReturnType<typeof memoryStore>;

async function serverBehindGate(store?: Store) {
  const server = await startTestServer({
    progressIntervalMs: 0,
    ...(store === undefined ? {} : { store }),
  });
  const gate = await startGate(server.port);
  cleanups.push(() => gate.close());
  cleanups.push(() => server.close());
  return { server, gate };
}

/** Follows one operation and records every snapshot and every operation message it sees. */
async function follow(url: string, operationId: string) {
  const made = clients.create({ url });
  await waitFor(() => made.client.status === 'connected', 'connected');
  const handle = made.client.operation(operationId);
  const snapshots: OperationSnapshot[] = [];
  const messages: Envelope[] = [];
  handle.subscribe((snapshot) => {
    if (snapshot !== null) snapshots.push(snapshot);
  });
  made.client.subscribe('operation.*', (_payload, message) => {
    if (message.operationId === operationId) messages.push(message);
  });
  return { ...made, handle, snapshots, messages };
}

async function cutOff(gate: Gate, client: { status: string }) {
  gate.mode = 'down';
  gate.dropAll();
  await waitFor(() => client.status === 'reconnecting', 'the client to lose its connection');
}

async function stored(server: TestServer, id: string, seq: number) {
  await waitFor(
    async () => (await server.opwire.operation.get(id))?.seq === seq,
    `seq ${seq} stored`,
  );
}

function expectMonotonic(snapshots: OperationSnapshot[]) {
  const seqs = snapshots.map((snapshot) => snapshot.seq);
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  const percents = snapshots.map((snapshot) => snapshot.percent);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
}

describe('resume after reconnecting', () => {
  it('replays the events missed while the network was down, each once and in order', async () => {
    const { server, gate } = await serverBehindGate();
    const op = server.opwire.operation.start('import', { audience: { user: 'u1' } });
    op.progress(20);
    const watcher = await follow(gate.url, op.id);
    await waitFor(() => watcher.handle.getSnapshot()?.percent === 20, '20%');

    await cutOff(gate, watcher.client);
    op.progress(40);
    op.stage('writing');
    op.progress(70, 'most rows');
    await stored(server, op.id, 5);
    gate.mode = 'open';
    await waitFor(() => watcher.handle.getSnapshot()?.seq === 5, 'the replay');
    expect(watcher.handle.getSnapshot()).toMatchObject({
      percent: 70,
      stage: 'writing',
      message: 'most rows',
    });

    op.progress(90);
    op.complete({ rows: 9 });
    await expect(watcher.handle.done).resolves.toEqual({ rows: 9 });
    expectMonotonic(watcher.snapshots);
    expect(watcher.messages.map((message) => message.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(server.opwire.stats().resumes.replayed).toBeGreaterThan(0);
    expect(watcher.statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('takes a snapshot when the server no longer holds the missed events', async () => {
    const { server, gate } = await serverBehindGate(memoryStore({ historyLimit: 2 }));
    const op = server.opwire.operation.start('import', { audience: { user: 'u1' } });
    op.progress(10);
    const watcher = await follow(gate.url, op.id);
    await waitFor(() => watcher.handle.getSnapshot()?.percent === 10, '10%');

    await cutOff(gate, watcher.client);
    for (const percent of [20, 30, 40, 50, 60]) op.progress(percent);
    await stored(server, op.id, 7);
    gate.mode = 'open';
    await waitFor(() => watcher.handle.getSnapshot()?.seq === 7, 'the snapshot');
    expect(watcher.handle.getSnapshot()?.percent).toBe(60);
    expect(server.opwire.stats().resumes.snapshotted).toBe(1);
    // The missed events were never delivered one by one: the snapshot replaced them.
    expect(watcher.messages.map((message) => message.seq)).toEqual([]);
    op.complete();
    await watcher.handle.done;
    expectMonotonic(watcher.snapshots);
  });

  it('replays across a server restart on the same port when the store survives it', async () => {
    const base = memoryStore();
    const durable: Store = { ...base, close: async () => {} };
    const first = await startTestServer({ progressIntervalMs: 0, store: durable });
    const gate = await startGate(first.port);
    cleanups.push(() => gate.close());
    const op = first.opwire.operation.start('import', { audience: { user: 'u1' } });
    op.progress(20);
    const watcher = await follow(gate.url, op.id);
    await waitFor(() => watcher.handle.getSnapshot()?.percent === 20, '20%');
    const epoch = watcher.client.debug().epoch;

    await cutOff(gate, watcher.client);
    op.progress(50, 'half');
    op.complete({ done: true });
    await stored(first, op.id, 4);
    await first.close();
    const second = await startTestServer({
      progressIntervalMs: 0,
      port: first.port,
      store: durable,
    });
    cleanups.push(() => second.close());
    gate.mode = 'open';

    await expect(watcher.handle.done).resolves.toEqual({ done: true });
    expect(watcher.client.debug().epoch).toBe(epoch);
    expect(watcher.messages.map((message) => message.seq)).toEqual([3, 4]);
    expectMonotonic(watcher.snapshots);
  });

  it('reconnects by itself when the server shuts down and comes back on the same port', async () => {
    const first = await startTestServer({ progressIntervalMs: 0 });
    const watcher = clients.create({ url: first.url });
    await waitFor(() => watcher.client.status === 'connected', 'connected');
    const epoch = watcher.client.debug().epoch;
    await first.close();
    await waitFor(() => watcher.client.status === 'reconnecting', 'the client to notice');
    const second = await startTestServer({ progressIntervalMs: 0, port: first.port });
    cleanups.push(() => second.close());
    await waitFor(() => watcher.client.status === 'connected', 'the reconnect', 10_000);
    expect(watcher.client.debug().epoch).not.toBe(epoch);
  });

  it('reports an operation lost with a restarted memory store as not_found', async () => {
    const first = await startTestServer({ progressIntervalMs: 0 });
    const gate = await startGate(first.port);
    cleanups.push(() => gate.close());
    const op = first.opwire.operation.start('import', { audience: { user: 'u1' } });
    op.progress(30);
    const watcher = await follow(gate.url, op.id);
    await waitFor(() => watcher.handle.getSnapshot()?.percent === 30, '30%');

    await cutOff(gate, watcher.client);
    await first.close();
    const second = await startTestServer({ progressIntervalMs: 0, port: first.port });
    cleanups.push(() => second.close());
    gate.mode = 'open';

    await expect(watcher.handle.done).rejects.toMatchObject({ code: 'not_found' });
    expect(watcher.handle.error?.code).toBe('not_found');
    expect(watcher.handle.getSnapshot()?.percent).toBe(30);
    expect(watcher.client.operations.getSnapshot()).toEqual([]);
  });
});
