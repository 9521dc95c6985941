import { OpwireError } from '@opwire/protocol';
import { createTestClient, startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken, TEST_SECRET } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authenticate } from '../auth/types.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/** Connects with raw handshake auth and resolves with the connect error's data, or 'connected'. */
async function handshake(
  url: string,
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
) {
  const client = createTestClient(url, auth);
  if (extraHeaders) client.socket.io.opts.extraHeaders = extraHeaders;
  try {
    return await new Promise<unknown>((resolve) => {
      client.socket.on('connect', () => resolve('connected'));
      client.socket.on('connect_error', (error: Error & { data?: unknown }) => resolve(error.data));
    });
  } finally {
    client.close();
  }
}

describe('handshake authentication', () => {
  it('accepts a valid token and says hello with principal, rooms, epoch and expiry', async () => {
    server = await startTestServer();
    const token = signToken({ sub: 'alice', tid: 'acme', roles: ['admin'] }, { expiresInSec: 60 });
    const client = await server.connect({ auth: { token, v: 1, vmax: 2 } });
    expect(client.hello).toMatchObject({
      v: 2,
      principal: { userId: 'alice', tenantId: 'acme', roles: ['admin'] },
      rooms: ['user:alice', 'tenant:acme', 'tenant:acme:role:admin'],
    });
    expect(client.hello?.epoch).toEqual(expect.any(String));
    expect(client.hello?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('keeps no copy of the verified token in the socket handshake', async () => {
    server = await startTestServer();
    const token = signToken({ sub: 'alice' }, { expiresInSec: 60 });
    const client = await server.connect({ auth: { token, v: 1, vmax: 2 } });
    const [socket] = server.opwire.io.of('/').sockets.values();
    expect(socket?.handshake.auth).toEqual({ v: 1, vmax: 2 });
    expect(client.hello?.expiresAt).toBeGreaterThan(Date.now());
  });

  it.each([
    ['an expired token', () => signToken({ sub: 'alice' }, { expiresInSec: -10 })],
    ['a token signed with another secret', () => signToken({ sub: 'alice' }, { secret: 'other' })],
    [
      'an alg:none token',
      () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}.`,
    ],
    ['a tampered token', () => `${signToken({ sub: 'bob' }).slice(0, -4)}abcd`],
    [
      'a not-yet-valid token',
      () => jwt.sign({ sub: 'alice', nbf: Math.floor(Date.now() / 1000) + 600 }, TEST_SECRET),
    ],
    ['garbage', () => 'not-a-jwt'],
  ])('refuses %s with code unauthorized', async (_name, token) => {
    server = await startTestServer();
    const data = await handshake(server.url, { token: token(), v: 1, vmax: 2 });
    expect(data).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('Authentication failed'),
    });
    expect(server.opwire.stats().connectionsRefused).toBe(1);
  });

  it('refuses anonymous sockets unless allowAnonymous is set', async () => {
    server = await startTestServer();
    expect(await handshake(server.url, { v: 1, vmax: 2 })).toMatchObject({ code: 'unauthorized' });
    await server.close();
    server = await startTestServer({ allowAnonymous: true });
    const anonymous = await server.connect({ auth: { v: 1, vmax: 2 } });
    expect(anonymous.hello).toMatchObject({ principal: null, rooms: [] });
    expect(await anonymous.request('opwire:join', { room: 'user:alice' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(server.opwire.stats().connections).toEqual({ authenticated: 0, anonymous: 1 });
  });

  it('reads the token from an Authorization header', async () => {
    server = await startTestServer();
    const client = createTestClient(server.url, { v: 1, vmax: 2 });
    client.socket.disconnect();
    client.socket.io.opts.transports = ['polling'];
    client.socket.io.opts.extraHeaders = { authorization: `Bearer ${signToken({ sub: 'carol' })}` };
    client.socket.connect();
    await waitFor(() => client.hello !== undefined);
    expect(client.hello?.principal?.userId).toBe('carol');
    client.close();
  });

  it('answers unavailable, not unauthorized, when the authenticator throws', async () => {
    const failing: Authenticate = () => {
      throw new Error('session store unreachable');
    };
    server = await startTestServer({ auth: failing });
    const errors: OpwireError[] = [];
    server.opwire.events.on('error', (error) => errors.push(error));
    const data = await handshake(server.url, { token: signToken({ sub: 'alice' }), v: 1, vmax: 2 });
    expect(data).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/reconnect/),
    });
    // The cause stays on the server.
    expect(JSON.stringify(data)).not.toContain('session store');
    expect(errors).toMatchObject([{ code: 'unavailable', message: 'session store unreachable' }]);
  });

  it('refuses with unauthorized when the authenticator throws an OpwireError of that code', async () => {
    const refusing: Authenticate = () => {
      throw new OpwireError('unauthorized', 'account locked');
    };
    server = await startTestServer({ auth: refusing });
    const data = await handshake(server.url, { token: signToken({ sub: 'alice' }), v: 1, vmax: 2 });
    expect(data).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses with unsupported_version a client that reads only version 1, or a later one', async () => {
    server = await startTestServer();
    const token = signToken({ sub: 'alice' });
    expect(await handshake(server.url, { token, v: 1 })).toMatchObject({
      code: 'unsupported_version',
      message: expect.stringContaining('reload the page'),
    });
    expect(await handshake(server.url, { token, v: 3, vmax: 3 })).toMatchObject({
      code: 'unsupported_version',
    });
    const client = await server.connect({ auth: { token, v: 1, vmax: 3 } });
    expect(client.hello?.v).toBe(2);
  });

  it('refuses a principal whose ids could escape their rooms', async () => {
    server = await startTestServer();
    const data = await handshake(server.url, {
      token: signToken({ sub: 'alice:tenant:other' }),
      v: 1,
      vmax: 2,
    });
    expect(data).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('invalid userId'),
    });
  });
});

describe('token lifetime after connect', () => {
  it('tells and drops the socket within a second of exp', async () => {
    server = await startTestServer();
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = jwt.sign({ sub: 'alice', exp }, TEST_SECRET);
    const client = await server.connect({ auth: { token, v: 1, vmax: 2 } });
    let expiredAt = 0;
    let disconnectedAt = 0;
    client.socket.on('opwire:auth-expired', () => {
      expiredAt = Date.now();
    });
    client.socket.on('disconnect', () => {
      disconnectedAt = Date.now();
    });
    await waitFor(() => disconnectedAt > 0, 'disconnect', 5_000);
    expect(expiredAt).toBeGreaterThanOrEqual(exp * 1000);
    expect(disconnectedAt - exp * 1000).toBeLessThan(1_000);
  });

  it('keeps a socket that re-authenticates with a fresh token, and moves its rooms', async () => {
    server = await startTestServer();
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = jwt.sign({ sub: 'alice', tid: 'acme', roles: ['viewer'], exp }, TEST_SECRET);
    const client = await server.connect({ auth: { token, v: 1, vmax: 2 } });
    const fresh = signToken({ sub: 'alice', tid: 'acme', roles: ['admin'] }, { expiresInSec: 60 });
    const ack = await client.request<{ expiresAt: number; rooms: string[] }>('opwire:auth', {
      token: fresh,
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.rooms.sort()).toEqual(['tenant:acme', 'tenant:acme:role:admin', 'user:alice']);
    server.opwire.to({ tenant: 'acme', roles: ['admin'] }).emit('admin.notice', { n: 1 });
    await client.waitForMessage((m) => m.topic === 'admin.notice');
    // Nothing to wait for: the old token's expiry must pass without a disconnect.
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 + 300 - Date.now()));
    expect(client.socket.connected).toBe(true);
  });

  it('refuses a fresh token of another user', async () => {
    server = await startTestServer();
    const client = await server.connect({ sub: 'alice' });
    const ack = await client.request('opwire:auth', { token: signToken({ sub: 'mallory' }) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(client.hello?.principal?.userId).toBe('alice');
  });
});
