import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { TEST_SECRET } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LONG = process.env.OPWIRE_LONG === '1';
const TOKEN_SECONDS = 3;

let server: TestServer;
const clients: OpwireClient[] = [];

function shortToken(sub: string, seconds = TOKEN_SECONDS) {
  const exp = Math.floor(Date.now() / 1000) + seconds;
  return { token: jwt.sign({ sub, tid: 'acme', exp }, TEST_SECRET), exp };
}

function client(token: string | (() => string)): OpwireClient {
  const created = createOpwireClient({
    url: server.url,
    token,
    transports: ['websocket'],
    reauthMarginMs: 2_000,
  });
  clients.push(created);
  return created;
}

describe('token lifetime', () => {
  beforeAll(async () => {
    server = await startTestServer({ rooms: { 'chat:{id}': () => true } });
  });
  afterAll(async () => {
    for (const each of clients) each.close();
    await server?.close();
  });

  it('disconnects a socket within a second of its token expiry, and says unauthorized', async () => {
    const { token, exp } = shortToken('fixed', 2);
    const fixed = client(token);
    await waitFor(() => fixed.status === 'connected');
    let unauthorizedAt = 0;
    fixed.onStatusChange(({ status }) => {
      if (status === 'unauthorized') unauthorizedAt = Date.now();
    });
    await waitFor(() => unauthorizedAt > 0, 'the expiry', 5_000);
    expect(unauthorizedAt).toBeGreaterThanOrEqual(exp * 1000);
    expect(unauthorizedAt - exp * 1000).toBeLessThan(1_000);
  });

  it('keeps a refreshing client connected, in its rooms, past several token lifetimes', async () => {
    let issued = 0;
    let firstExp = 0;
    const refreshing = client(() => {
      issued += 1;
      const { token, exp } = shortToken('refresher');
      firstExp ||= exp;
      return token;
    });
    await waitFor(() => refreshing.status === 'connected');
    await refreshing.join('chat:7');
    const statuses: string[] = [];
    refreshing.onStatusChange(({ status }) => statuses.push(status));
    const received: unknown[] = [];
    refreshing.subscribe('chat.*', (payload) => received.push(payload));

    const lifetimes = LONG ? 10 : 2;
    await waitFor(
      () => Date.now() > (firstExp + (lifetimes - 1) * TOKEN_SECONDS) * 1000 + 500,
      'token lifetimes to pass',
      60_000,
    );
    expect(statuses).toEqual([]);
    expect(refreshing.status).toBe('connected');
    expect(issued).toBeGreaterThan(lifetimes);
    server.opwire.to({ rooms: ['chat:7'] }).emit('chat.message', { text: 'still here' });
    await waitFor(() => received.length === 1);
    expect(refreshing.debug().joinedRooms).toContain('chat:7');
  }, 90_000);
});
