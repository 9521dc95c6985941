import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpPollingFallback } from '../httpPollingFallback.js';
import { clientFactory } from './support/clients.js';
import { type Gate, startGate } from './support/gate.js';

let server: TestServer;
let gate: Gate;
const clients = clientFactory();

beforeEach(async () => {
  server = await startTestServer({ progressIntervalMs: 0 });
  gate = await startGate(server.port);
  gate.mode = 'blockSocket';
});
afterEach(async () => {
  clients.closeAll();
  await gate.close();
  await server.close();
});

describe('HTTP polling fallback', () => {
  it('follows operations over the HTTP handler while the socket path is blocked', async () => {
    const op = server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      title: 'Import',
    });
    op.progress(10);
    const { client, errors } = clients.create({
      url: gate.url,
      pollingFallback: httpPollingFallback({ intervalMs: 50 }),
    });
    await waitFor(() => client.debug().polling, 'the fallback to start');
    expect(client.status).not.toBe('connected');

    const handle = client.operation<{ rows: number }>(op.id);
    await waitFor(() => handle.getSnapshot()?.percent === 10, 'the first poll');
    op.progress(60, 'more than half');
    await waitFor(() => handle.getSnapshot()?.percent === 60, 'a later poll');
    expect(handle.getSnapshot()?.message).toBe('more than half');

    const active = await client.operations.active();
    expect(active.map((snapshot) => snapshot.id)).toEqual([op.id]);

    op.complete({ rows: 3 });
    await expect(handle.done).resolves.toEqual({ rows: 3 });
    expect(client.status).not.toBe('connected');
    expect(errors.every((error) => error.code !== 'unauthorized')).toBe(true);
  });

  it('lists ended operations over HTTP while polling', async () => {
    const ended = server.opwire.operation.start('import', { audience: { user: 'u1' } });
    ended.complete({ rows: 1 });
    await ended.done;
    server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const { client } = clients.create({
      url: gate.url,
      pollingFallback: httpPollingFallback({ intervalMs: 50 }),
    });
    await waitFor(() => client.debug().polling, 'the fallback to start');
    const listed = await client.operations.ended();
    expect(client.status).not.toBe('connected');
    expect(listed.map((snapshot) => [snapshot.id, snapshot.status])).toEqual([
      [ended.id, 'succeeded'],
    ]);
  });

  it('cancels over HTTP while polling', async () => {
    const op = server.opwire.operation.start('export', { audience: { user: 'u1' } });
    const { client } = clients.create({
      url: gate.url,
      pollingFallback: httpPollingFallback({ intervalMs: 50 }),
    });
    await waitFor(() => client.debug().polling, 'the fallback to start');
    const handle = client.operation(op.id);
    await waitFor(() => handle.getSnapshot(), 'the snapshot');
    await handle.cancel('from a blocked network');
    await expect(handle.done).rejects.toMatchObject({ code: 'operation_cancelled' });
  });

  it('switches back to the socket once it can connect, and stops polling', async () => {
    const op = server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const { client } = clients.create({
      url: gate.url,
      pollingFallback: httpPollingFallback({ intervalMs: 50 }),
    });
    await waitFor(() => client.debug().polling, 'the fallback to start');
    const handle = client.operation(op.id);
    await waitFor(() => handle.getSnapshot(), 'the first poll');

    gate.mode = 'open';
    await waitFor(() => client.status === 'connected', 'the socket to connect');
    expect(client.debug().polling).toBe(false);
    const seen: string[] = [];
    client.subscribe('operation.progress', (_payload, message) => {
      if (message.operationId === op.id) seen.push(String(message.seq));
    });
    op.progress(80);
    await waitFor(() => handle.getSnapshot()?.percent === 80, 'the first event after the switch');
    // A poll already in flight at the switch may bring seq 2 first; seq 3 can only come live.
    op.progress(90);
    await waitFor(() => handle.getSnapshot()?.percent === 90, 'the live event');
    expect(seen).toContain('3');
    expect(client.debug().polling).toBe(false);
    op.complete();
    await handle.done;
  });

  it('does not poll unless asked to', async () => {
    const { client } = clients.create({ url: gate.url });
    await waitFor(() => client.status === 'reconnecting', 'a failed attempt');
    expect(client.debug().polling).toBe(false);
  });
});
