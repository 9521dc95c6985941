import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Authenticate, createOpwire, type Opwire } from '@opwire/server';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { retryDelay } from '../unavailableRetry.js';
import { clientFactory } from './support/clients.js';

const clients = clientFactory();
let http: Server | undefined;
let opwire: Opwire | undefined;
afterEach(async () => {
  clients.closeAll();
  await opwire?.close();
  if (http) await new Promise<void>((resolve) => http?.close(() => resolve()));
  http = undefined;
  opwire = undefined;
});

/** A real server whose authenticator throws, as one does while its key set or session store is out of reach. */
async function startServerWithOutage() {
  const state = { outage: true, handshakes: 0 };
  const auth: Authenticate = () => {
    state.handshakes += 1;
    if (state.outage) throw new Error('session store unreachable');
    return { userId: 'u1', tenantId: 't1', roles: [] };
  };
  http = createServer();
  opwire = createOpwire({ server: http, auth });
  opwire.events.on('error', () => {
    // Reported by the server; the test reads the client's side.
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, state };
}

describe('a handshake refused with unavailable', () => {
  it('is retried with backoff, and the client connects once the server can check credentials', async () => {
    const { url, state } = await startServerWithOutage();
    const { client, errors, statuses } = clients.create({ url });
    await waitFor(() => state.handshakes >= 3, 'three refused handshakes');
    expect(client.status).toBe('reconnecting');
    state.outage = false;
    await waitFor(() => client.status === 'connected', 'connected without connect()');
    expect(client.principal?.userId).toBe('u1');
    expect(statuses).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(errors.filter((error) => error.code === 'unauthorized')).toEqual([]);
  });

  it('gives up with disconnected after reconnectionAttempts refusals in a row', async () => {
    const { url, state } = await startServerWithOutage();
    const { client, statuses } = clients.create({ url, reconnectionAttempts: 2 });
    await waitFor(() => client.status === 'disconnected' && state.handshakes === 3, 'giving up');
    expect(statuses).toEqual(['connecting', 'reconnecting', 'disconnected']);
    // connect() starts over.
    state.outage = false;
    client.connect();
    await waitFor(() => client.status === 'connected', 'connected after connect()');
  });

  it('is not retried after close()', async () => {
    const { url, state } = await startServerWithOutage();
    // Same fixed delay, no jitter: the closed client's retry would be due before the other's.
    const init = {
      url,
      reconnectionDelayMs: 200,
      reconnectionDelayMaxMs: 200,
      randomizationFactor: 0,
    };
    const { client } = clients.create(init);
    await waitFor(() => state.handshakes === 1 && client.status === 'reconnecting', 'a refusal');
    const { client: witness } = clients.create(init);
    await waitFor(() => state.handshakes === 2 && witness.status === 'reconnecting', 'a refusal');
    client.close();
    state.outage = false;
    await waitFor(() => witness.status === 'connected', 'the other client reconnected');
    // Only the other client's retry reached the server.
    expect(state.handshakes).toBe(3);
    expect(client.status).toBe('disconnected');
  });
});

describe('retryDelay', () => {
  it('doubles from the first delay up to the longest, spread by the randomization factor', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 40].map((n) => retryDelay(n, 100, 1_000, 0.5, middle))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect(retryDelay(1, 100, 1_000, 0.5, () => 0)).toBe(100);
    expect(retryDelay(1, 100, 1_000, 0.5, () => 1)).toBe(300);
    expect(retryDelay(4, 100, 1_000, 0.5, () => 1)).toBe(1_000);
  });
});
