import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpwireError, Principal } from '@opwire/protocol';
import { createTestClient, startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';
import { type JwksAuthOptions, jwksAuth } from '../auth/jwksAuth.js';
import {
  type JwksServer,
  type SigningKeyPair,
  signingKeyPair,
  signWith,
  startJwksServer,
} from './support/jwksServer.js';

const issuer = 'https://id.example.test/';
const audience = 'opwire-tests';
const claims = (payload: Readonly<Record<string, unknown>>): Principal => ({
  userId: String(payload.sub),
  tenantId: 'acme',
  roles: [],
});

const keyA = signingKeyPair('key-a');
const keyB = signingKeyPair('key-b');

let jwks: JwksServer | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await jwks?.close();
  server = undefined;
  jwks = undefined;
});

async function start(
  keys: readonly SigningKeyPair[],
  options: Partial<JwksAuthOptions> = {},
): Promise<{ jwks: JwksServer; server: TestServer; errors: OpwireError[] }> {
  jwks = await startJwksServer(keys);
  const auth = jwksAuth({
    jwksUri: jwks.uri,
    algorithms: ['RS256'],
    issuer,
    audience,
    claims,
    ...options,
  });
  server = await startTestServer({ auth });
  const errors: OpwireError[] = [];
  server.opwire.events.on('error', (error) => errors.push(error));
  return { jwks, server, errors };
}

const token = (key: SigningKeyPair, sub: string) => signWith(key, { sub }, { issuer, audience });

/** Connects with a token and resolves with 'connected' or the refusal's `data`. */
async function handshake(url: string, bearer: string) {
  const client = createTestClient(url, { token: bearer, v: 1, vmax: 2 });
  try {
    return await new Promise<unknown>((resolve) => {
      client.socket.on('connect', () => resolve('connected'));
      client.socket.on('connect_error', (error: Error & { data?: unknown }) => resolve(error.data));
    });
  } finally {
    client.close();
  }
}

/** Calls `GET {base}/operations` of the test server's `opwire.http`, served on a port of its own. */
async function listOperations(bearer: string): Promise<Response> {
  const opwire = server?.opwire;
  if (opwire === undefined) throw new Error('no server');
  const http = createServer((req, res) => opwire.http(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = http.address() as AddressInfo;
    return await fetch(`http://127.0.0.1:${port}/opwire/api/operations`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
  } finally {
    http.closeAllConnections();
    http.close();
  }
}

describe('jwksAuth with a key set served over HTTP', () => {
  it('verifies tokens with the published key, fetching the set once for every socket', async () => {
    const { jwks, server } = await start([keyA]);
    const sockets = await Promise.all(
      ['alice', 'bob', 'carol'].map((sub) =>
        server.connect({ auth: { token: token(keyA, sub), v: 1, vmax: 2 } }),
      ),
    );
    expect(sockets.map((socket) => socket.hello?.principal?.userId)).toEqual([
      'alice',
      'bob',
      'carol',
    ]);
    expect((await listOperations(token(keyA, 'alice'))).status).toBe(200);
    expect(jwks.fetches).toBe(1);
  });

  it('refuses a token of another issuer or audience, or signed by a key the set does not hold', async () => {
    const { server } = await start([keyA]);
    const otherIssuer = signWith(
      keyA,
      { sub: 'alice' },
      { issuer: 'https://evil.test/', audience },
    );
    const otherAudience = signWith(keyA, { sub: 'alice' }, { issuer, audience: 'another-api' });
    // The right kid, the wrong private key: the signature check fails.
    const forged = signWith(signingKeyPair('key-a'), { sub: 'mallory' }, { issuer, audience });
    // The public key used as an HS256 secret: refused before any key is looked up.
    const confused = jwt.sign({ sub: 'mallory', iss: issuer, aud: audience }, keyA.publicPem, {
      algorithm: 'HS256',
      keyid: 'key-a',
    });
    for (const bearer of [otherIssuer, otherAudience, forged, confused, 'not-a-jwt']) {
      expect(await handshake(server.url, bearer)).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('picks up a rotated key while sockets stay connected and re-authenticate', async () => {
    const { jwks, server } = await start([keyA]);
    const alice = await server.connect({ auth: { token: token(keyA, 'alice'), v: 1, vmax: 2 } });
    const bob = await server.connect({ auth: { token: token(keyA, 'bob'), v: 1, vmax: 2 } });
    expect(jwks.fetches).toBe(1);

    // The provider rotates: key B signs from now on, key A is withdrawn.
    jwks.publish([keyB]);
    const acks = await Promise.all([
      alice.request('opwire:auth', { token: token(keyB, 'alice') }),
      bob.request('opwire:auth', { token: token(keyB, 'bob') }),
    ]);
    expect(acks).toMatchObject([{ ok: true }, { ok: true }]);
    // One fetch found key B for both: the loads of one kid are shared.
    expect(jwks.fetches).toBe(2);
    expect(alice.socket.connected && bob.socket.connected).toBe(true);

    server.opwire.to({ user: 'alice' }).emit('after.rotation', { n: 1 });
    await alice.waitForMessage((message) => message.topic === 'after.rotation');
    const carol = await server.connect({ auth: { token: token(keyB, 'carol'), v: 1, vmax: 2 } });
    expect(carol.hello?.principal?.userId).toBe('carol');
    expect(jwks.fetches).toBe(2);
  });

  it('refuses a kid the set does not hold, and rate-limits the fetches such tokens cause', async () => {
    const { jwks, server } = await start([keyA], { fetchesPerMinute: 3 });
    expect(await handshake(server.url, token(keyA, 'alice'))).toBe('connected');
    const rogue = (n: number) => token(signingKeyPair(`rogue-${n}`), 'mallory');
    // Fetches 2 and 3 read the set and find no such key: a bad token.
    expect(await handshake(server.url, rogue(1))).toMatchObject({ code: 'unauthorized' });
    expect(await handshake(server.url, rogue(2))).toMatchObject({ code: 'unauthorized' });
    expect(jwks.fetches).toBe(3);
    // Past the rate no fetch is made, so the key cannot be checked: retry later.
    expect(await handshake(server.url, rogue(3))).toMatchObject({ code: 'unavailable' });
    expect(jwks.fetches).toBe(3);
    // A cached key needs no fetch and still works.
    expect(await handshake(server.url, token(keyA, 'bob'))).toBe('connected');
  });

  it('answers unavailable, not unauthorized, while the key set cannot be fetched', async () => {
    const { jwks, server, errors } = await start([keyA, keyB]);
    const alice = await server.connect({ auth: { token: token(keyA, 'alice'), v: 1, vmax: 2 } });

    jwks.failWith(503);
    // Key A is cached: its tokens do not depend on the provider being up.
    expect(await handshake(server.url, token(keyA, 'bob'))).toBe('connected');
    // Key B is not: the provider's outage is the caller's answer, everywhere.
    const refused = await handshake(server.url, token(keyB, 'carol'));
    expect(refused).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('reconnect shortly'),
    });
    const response = await listOperations(token(keyB, 'carol'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
    const ack = await alice.request('opwire:auth', { token: token(keyB, 'alice') });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(alice.socket.connected).toBe(true);
    expect(errors.map((error) => error.code)).toEqual([
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
    expect(errors[0]?.message).toContain(jwks.uri);

    jwks.failWith(null);
    expect(await handshake(server.url, token(keyB, 'carol'))).toBe('connected');
  });

  it('answers unavailable when the key set does not answer within timeoutMs', async () => {
    const { jwks, server } = await start([keyA], { timeoutMs: 200 });
    jwks.failWith('hang');
    expect(await handshake(server.url, token(keyA, 'alice'))).toMatchObject({
      code: 'unavailable',
    });
  });
});

describe('jwksAuth options', () => {
  const base = {
    jwksUri: 'https://id.example.test/jwks.json',
    algorithms: ['RS256'],
    claims,
  } as const;

  it.each([
    ['no jwksUri', { jwksUri: undefined }, /needs `jwksUri`/],
    ['a jwksUri that is not an http(s) URL', { jwksUri: 'file:///etc/keys' }, /needs `jwksUri`/],
    ['no algorithm', { algorithms: [] }, /at least one algorithm/],
    [
      'a shared-secret algorithm',
      { algorithms: ['HS256'] },
      /does not accept the algorithm "HS256"/,
    ],
    ['no claims mapping', { claims: undefined }, /needs `claims`/],
    ['a timeout of zero', { timeoutMs: 0 }, /`timeoutMs` must be a positive number/],
  ])('refuses %s with invalid_option', (_name, change, message) => {
    const options = { ...base, ...change } as unknown as JwksAuthOptions;
    expect(() => jwksAuth(options)).toThrow(
      expect.objectContaining({ code: 'invalid_option', message: expect.stringMatching(message) }),
    );
  });
});
