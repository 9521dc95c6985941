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
  server = await startTestServer({ progressIntervalMs: 0, rooms: { 'chat:{chatId}': () => true } });
  gate = await startGate(server.port);
});
afterEach(async () => {
  clients.closeAll();
  await gate.close();
  await server.close();
});

describe('HTTP polling fallback and custom rooms', () => {
  it('keeps following an operation of a joined custom room once only HTTP gets through', async () => {
    const { client } = clients.create({
      url: gate.url,
      pollingFallback: httpPollingFallback({ intervalMs: 50 }),
    });
    await waitFor(() => client.status === 'connected', 'the socket');
    await client.join('chat:42');
    const op = server.opwire.operation.start('import', { audience: { rooms: ['chat:42'] } });
    op.progress(10);

    gate.mode = 'blockSocket';
    gate.dropAll();
    await waitFor(() => client.debug().polling, 'the fallback to start');
    const handle = client.operation(op.id);
    await waitFor(() => handle.getSnapshot()?.percent === 10, 'the first poll');
    op.progress(70);
    await waitFor(() => handle.getSnapshot()?.percent === 70, 'a later poll');
    expect((await client.operations.active()).map((snapshot) => snapshot.id)).toEqual([op.id]);
    op.complete();
    await handle.done;
  });
});
