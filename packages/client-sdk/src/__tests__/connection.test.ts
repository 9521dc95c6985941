import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken, TEST_USER } from '@opwire/test-kit/tokens';
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

describe('connection', () => {
  it('connects with a token, learns its principal and rooms from hello', async () => {
    const { client, statuses } = clients.create({
      url: server.url,
      token: signToken({ ...TEST_USER, roles: ['admin'] }),
    });
    await waitFor(() => client.principal, 'hello');
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(client.principal).toEqual({ userId: 'u1', tenantId: 't1', roles: ['admin'] });
    expect(client.debug().serverRooms).toEqual(
      expect.arrayContaining(['user:u1', 'tenant:t1', 'tenant:t1:role:admin']),
    );
  });

  it('does not connect before connect() with autoConnect: false', async () => {
    const { client } = clients.create({ url: server.url, autoConnect: false });
    expect(client.status).toBe('disconnected');
    await expect(client.join('chat-1')).rejects.toMatchObject({ code: 'closed' });
    client.connect();
    await waitFor(() => client.status === 'connected', 'connected');
  });

  it('gives unauthorized for a refused token and does not retry until connect()', async () => {
    let refused = 0;
    server.opwire.events.on('connection.refused', () => {
      refused += 1;
    });
    let token = signToken(TEST_USER, { secret: 'wrong-secret' });
    let calls = 0;
    const { client, errors, statuses } = clients.create({
      url: server.url,
      token: () => {
        calls += 1;
        return token;
      },
    });
    await waitFor(() => client.status === 'unauthorized', 'unauthorized');
    expect(errors.map((error) => error.code)).toEqual(['unauthorized']);
    expect(errors[0]?.message).toMatch(/supply a valid token and call connect\(\)/);

    token = signToken();
    client.connect();
    await waitFor(() => client.status === 'connected', 'connected after connect()');
    expect(calls).toBe(2);
    expect(refused).toBe(1);
    expect(statuses).toEqual(['connecting', 'unauthorized', 'connecting', 'connected']);
  });

  it('asks the token function again at every reconnect', async () => {
    let calls = 0;
    const { client, statuses } = clients.create({
      url: server.url,
      token: async () => {
        calls += 1;
        return signToken({ ...TEST_USER, roles: [`r${calls}`] });
      },
    });
    await waitFor(() => client.principal?.roles[0] === 'r1', 'first hello');
    server.dropConnections();
    await waitFor(() => client.principal?.roles[0] === 'r2', 'hello after reconnecting');
    expect(calls).toBe(2);
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('re-authenticates with a fresh token before the current one expires', async () => {
    const refreshed: (number | null)[] = [];
    server.opwire.events.on('auth.refreshed', ({ expiresAt }) => refreshed.push(expiresAt));
    let calls = 0;
    const { client, statuses } = clients.create({
      url: server.url,
      reauthMarginMs: 1_000,
      token: () => {
        calls += 1;
        return signToken(TEST_USER, { expiresInSec: calls === 1 ? 2 : 3_600 });
      },
    });
    await waitFor(() => refreshed.length === 1, 'the re-authentication', 5_000);
    expect(refreshed[0]).toBeGreaterThan(Date.now() + 3_000_000);
    expect(calls).toBe(2);
    expect(client.status).toBe('connected');
    expect(statuses).toEqual(['connecting', 'connected']);
  });

  it('reconnects with a fresh token when the server ends an expired session', async () => {
    let expired = 0;
    server.opwire.events.on('auth.expired', () => {
      expired += 1;
    });
    const short = signToken(TEST_USER, { expiresInSec: 1 });
    let calls = 0;
    const { client, statuses } = clients.create({
      url: server.url,
      // The first two calls (connect, renewal) yield the same short token, so the session expires.
      token: () => {
        calls += 1;
        return calls <= 2 ? short : signToken();
      },
    });
    await waitFor(
      () => expired === 1 && client.status === 'connected' && calls === 3,
      'the new session',
      // Expiry (whole seconds), the server's check and one reconnection delay, on a busy machine.
      15_000,
    );
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('ends in unauthorized when a fixed token expires, telling how to fix it', async () => {
    const { client, errors } = clients.create({
      url: server.url,
      token: signToken(TEST_USER, { expiresInSec: 1 }),
    });
    await waitFor(() => client.status === 'connected', 'connected');
    await waitFor(() => client.status === 'unauthorized', 'unauthorized after expiry', 15_000);
    expect(errors.at(-1)?.message).toMatch(/pass `token` as a function/);
  });

  it('close() disconnects, stops reconnecting and rejects requests', async () => {
    const { client } = clients.create({ url: server.url });
    await waitFor(() => client.status === 'connected', 'connected');
    client.close();
    expect(client.status).toBe('disconnected');
    await expect(client.join('chat-1')).rejects.toMatchObject({ code: 'closed' });
    await waitFor(
      () => server.opwire.stats().connections.authenticated === 0,
      'the server to see the socket go',
    );
  });

  it('reports a throwing token function and connects without a token', async () => {
    const { client, errors } = clients.create({
      url: server.url,
      token: () => {
        throw new Error('token store offline');
      },
    });
    await waitFor(() => client.status === 'unauthorized', 'the refusal');
    expect(errors[0]?.message).toMatch(/token function threw/);
    expect(errors.at(-1)?.code).toBe('unauthorized');
  });

  it('reconnects after the server closes its sockets, as it does when shutting down', async () => {
    const { client, statuses } = clients.create({ url: server.url });
    await waitFor(() => client.principal, 'hello');
    server.opwire.io.disconnectSockets(true);
    await waitFor(() => statuses.length === 4 && client.status === 'connected', 'the reconnect');
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('stops instead of looping when the server closes every new session at once', async () => {
    server.opwire.io.on('connection', (socket) => socket.disconnect(true));
    const { client, errors, statuses } = clients.create({ url: server.url });
    await waitFor(() => client.status === 'disconnected', 'giving up');
    // Closed before its hello each time, the session never counts as connected.
    expect(statuses).toEqual(['connecting', 'reconnecting', 'disconnected']);
    expect(errors.at(-1)).toMatchObject({ code: 'disconnected' });
  });
});
