import { operationToastId, type ToastPayload } from '@opwire/protocol';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';
import { startWireServer } from './support/wireServer.js';

// A server of the previous release (protocol version 1) speaks as below: it requires
// `v: 1` in the handshake, says hello with `v: 1`, and sends operation events as envelopes
// on `opwire:message`. A client of this release must keep working against it during a
// rolling deploy, so this test plays that server's wire side byte for byte.

const clients = clientFactory();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  clients.closeAll();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const started = {
  type: 'user-import',
  status: 'running',
  title: 'Importing users',
  stages: null,
  audience: ['user:u1'],
  tables: ['users'],
  estimatedDurationMs: null,
  stage: null,
  message: null,
};

describe('a client of this release against a server of protocol version 1', () => {
  it('connects, follows an operation from its envelopes and resolves done', async () => {
    const handshakes: unknown[] = [];
    const { io, url } = await versionOneServer((auth) => {
      handshakes.push(auth);
      // What a version 1 server checked: `v` absent or exactly 1.
      const v = (auth as { v?: unknown }).v;
      return v === undefined || v === 1;
    });
    const envelope = (topic: string, payload: object, seq: number) => ({
      v: 1,
      topic,
      payload,
      ts: Date.now(),
      operationId: 'op-v1',
      seq,
    });

    const { client } = clients.create({ url });
    const seen: string[] = [];
    client.subscribe('operation.*', (_payload, message) => {
      seen.push(`${message.topic}#${message.seq}`);
    });
    await waitFor(() => client.status === 'connected', 'connected');
    expect(handshakes[0]).toMatchObject({ v: 1, vmax: 2 });

    const handle = client.operation('op-v1');
    io.to('user:u1').emit('opwire:message', envelope('operation.started', started, 1));
    io.to('user:u1').emit(
      'opwire:message',
      envelope('operation.progress', { percent: 40, stage: 'importing' }, 2),
    );
    io.to('user:u1').emit(
      'opwire:message',
      envelope('operation.completed', { result: { imported: 3 } }, 3),
    );
    expect(await handle.done).toEqual({ imported: 3 });
    expect(handle.getSnapshot()).toMatchObject({ status: 'succeeded', percent: 100, seq: 3 });
    expect(seen).toEqual(['operation.started#1', 'operation.progress#2', 'operation.completed#3']);
  });

  it('shows one end toast and one table refresh when the server still sends its own', async () => {
    const { io, url } = await versionOneServer();
    const { client } = clients.create({ url });
    const toasts: ToastPayload[] = [];
    client.onToast((toast) => toasts.push(toast));
    const refreshes: unknown[] = [];
    client.onTableRefresh('users', (payload) => refreshes.push(payload));
    const markers: string[] = [];
    client.subscribe('test.marker', (payload) => markers.push(String(payload)));
    await waitFor(() => client.status === 'connected', 'connected');

    // What a version 1 server sent when an operation with `tables` and `toast` succeeded: the
    // event, then its own table refresh and toast; also in the other order, to be sure the
    // client's own toast does not depend on arriving first.
    const send = (topic: string, payload: unknown, extra: object = {}) =>
      io.to('user:u1').emit('opwire:message', { v: 1, topic, payload, ts: Date.now(), ...extra });
    const endMessages = (id: string) => {
      send('table.refresh', { tables: ['users'], action: 'refresh', operationId: id });
      send('toast', {
        id: `operation:${id}`,
        title: 'Users imported',
        type: 'success',
        operationId: id,
      });
    };
    for (const [id, serverFirst] of [
      ['after', false],
      ['before', true],
    ] as const) {
      const handle = client.operation(id);
      send('operation.started', started, { operationId: id, seq: 1 });
      if (serverFirst) endMessages(id);
      send('operation.completed', { result: 1 }, { operationId: id, seq: 2 });
      if (!serverFirst) endMessages(id);
      send('test.marker', id);
      await handle.done;
      await waitFor(() => markers.includes(id), `marker ${id}`);
      const ends = toasts.filter((toast) => toast.operationId === id && toast.type === 'success');
      expect(ends).toHaveLength(1);
      // The client's own, titled like the operation: a version 1 server's toast is left out.
      expect(ends[0]).toMatchObject({ id: operationToastId(id), title: 'Importing users' });
    }
    expect(refreshes).toHaveLength(2);
  });
});

/** A server that speaks protocol version 1 on the wire, with `u1` in room `user:u1`. */
async function versionOneServer(admits?: (auth: unknown) => boolean) {
  const server = await startWireServer(1, admits);
  cleanups.push(() => server.close());
  return server;
}
