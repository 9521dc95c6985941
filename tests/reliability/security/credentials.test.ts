// Credentials handling: what a socket keeps of its credentials, and what counts as none.
import { Manager } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, SOCKET_PATH, socketTo, startTarget, type Target, token } from './target.js';

interface SocketView {
  userId: string | null;
  handshakeAuthorization: string | null;
  requestAuthorization: string | null;
  rawAuthorization: boolean;
  auth: Record<string, unknown>;
}

/** What the server keeps of the socket of `userId`, asked until that socket is set up there. */
async function keptBy(target: Target, userId: string): Promise<SocketView> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const { sockets } = await target.ask<{ sockets: SocketView[] }>('sockets');
    const found = sockets.find((view) => view.userId === userId);
    if (found !== undefined) return found;
  }
  throw new Error(`the server never set up a socket for ${userId}`);
}

describe('credentials a socket keeps', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target?.kill());

  it.each(['polling', 'websocket'] as const)(
    'drops a verified Authorization header from the handshake and the request (%s)',
    async (transport) => {
      const bearer = `Bearer ${token({ sub: `carol-${transport}` })}`;
      const socket = socketTo(target.url, {
        auth: { v: 1, vmax: 2 },
        transports: [transport],
        extraHeaders: { authorization: bearer },
      });
      expect(await outcome(socket)).toBe('connected');
      expect(await keptBy(target, `carol-${transport}`)).toMatchObject({
        handshakeAuthorization: null,
        requestAuthorization: null,
        rawAuthorization: false,
        auth: { v: 1, vmax: 2 },
      });
      socket.disconnect();
    },
  );

  it('keeps no token in handshake.auth either', async () => {
    const socket = socketTo(target.url, { auth: { token: token({ sub: 'dave' }), v: 1, vmax: 2 } });
    expect(await outcome(socket)).toBe('connected');
    expect((await keptBy(target, 'dave')).auth).toEqual({ v: 1, vmax: 2 });
    socket.disconnect();
  });
});

describe('credentials on a Socket.IO server the application passes in', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ ownSocketServer: true });
  });
  afterAll(() => target?.kill());

  it("drops the header from opwire's sockets, and leaves it to the application's namespaces", async () => {
    const bearer = `Bearer ${token({ sub: 'frank' })}`;
    const manager = new Manager(target.url, {
      path: SOCKET_PATH,
      transports: ['polling'],
      extraHeaders: { authorization: bearer },
      reconnection: false,
    });
    const opwireSocket = manager.socket('/opwire', { auth: { v: 1, vmax: 2 } });
    expect(await outcome(opwireSocket)).toBe('connected');
    expect(await keptBy(target, 'frank')).toMatchObject({
      handshakeAuthorization: null,
      auth: { v: 1, vmax: 2 },
    });
    // A namespace of the application's own, on the same connection, joined afterwards.
    const chat = manager.socket('/chat');
    const welcome = await new Promise<{ authorization: string | null }>((resolve) =>
      chat.once('welcome', resolve),
    );
    expect(welcome.authorization).toBe(bearer);
    opwireSocket.disconnect();
    chat.disconnect();
  });
});

describe('allowAnonymous refuses a token that is there but invalid', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ allowAnonymous: true });
  });
  afterAll(() => target?.kill());

  it.each<[string, Record<string, unknown>, Record<string, string> | undefined]>([
    ['a token that is not a string', { token: 42, v: 1, vmax: 2 }, undefined],
    ['an oversized token', { token: 'x'.repeat(9_000), v: 1, vmax: 2 }, undefined],
    ['an empty token', { token: '', v: 1, vmax: 2 }, undefined],
    ['a token the authenticator refuses', { token: 'not-a-jwt', v: 1, vmax: 2 }, undefined],
    ['a Bearer header without a token', { v: 1, vmax: 2 }, { authorization: 'Bearer ' }],
    ['a Bearer header with a bad token', { v: 1, vmax: 2 }, { authorization: 'Bearer not-a-jwt' }],
  ])('refuses %s', async (_name, auth, extraHeaders) => {
    const socket = socketTo(target.url, {
      auth,
      transports: extraHeaders ? ['polling'] : ['websocket'],
      ...(extraHeaders ? { extraHeaders } : {}),
    });
    expect(await outcome(socket)).toMatchObject({ code: 'unauthorized' });
    socket.disconnect();
  });

  it('accepts a socket without any token as anonymous, and one with a valid token as its user', async () => {
    const anonymous = socketTo(target.url, { auth: { v: 1, vmax: 2 } });
    const hello = new Promise((resolve) => anonymous.once('opwire:hello', resolve));
    expect(await outcome(anonymous)).toBe('connected');
    expect(await hello).toMatchObject({ principal: null, rooms: [] });
    const known = socketTo(target.url, { auth: { token: token({ sub: 'erin' }), v: 1, vmax: 2 } });
    const knownHello = new Promise((resolve) => known.once('opwire:hello', resolve));
    expect(await outcome(known)).toBe('connected');
    expect(await knownHello).toMatchObject({ principal: { userId: 'erin' } });
    anonymous.disconnect();
    known.disconnect();
  });
});
