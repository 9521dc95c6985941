import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpwireError } from '@opwire/protocol';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import express from 'express';
import Fastify from 'fastify';
import { Server as SocketIOServer } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpwire, type Opwire } from '../createOpwire.js';

/** Cleanups run after each test, last registered first. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function urlOf(server: Server): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(url: string, sub: string, path?: string): TestClient {
  const test = createTestClient(
    url,
    { token: signToken({ sub, tid: 'acme' }), v: 1, vmax: 2 },
    path,
  );
  cleanups.push(() => test.close());
  return test;
}

/** Checks the whole path: hello, then an operation's events reach the user it is for. */
async function expectLiveOperation(opwire: Opwire, test: TestClient, user: string) {
  await waitFor(() => test.hello !== undefined, 'hello', 5_000);
  expect(test.hello?.principal).toMatchObject({ userId: user, tenantId: 'acme' });
  const { id, done } = opwire.operation.track(
    'attach-check',
    async (op) => {
      op.progress(50, 'halfway');
      return { ok: true };
    },
    { audience: { user } },
  );
  await done;
  await test.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
  expect(test.operationEvents(id).map((m) => m.seq)).toEqual([1, 2, 3]);
  return id;
}

/** Resolves with the connect error's message, or 'connected'. */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('attaching to the server an app already has', () => {
  it("works on Express's app.listen() server, next to the app's own routes", async () => {
    const app = express();
    app.get('/health', (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    const opwire = createOpwire({ server, auth: testAuth });
    app.post('/imports', (_req, res) => {
      const { id } = opwire.operation.track('import', async () => ({ rows: 3 }), {
        audience: { user: 'alice' },
      });
      res.status(202).json({ operationId: id });
    });
    cleanups.push(
      () => closeServer(server),
      () => opwire.close(),
    );
    const url = await urlOf(server);
    const alice = client(url, 'alice');
    await expectLiveOperation(opwire, alice, 'alice');
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
    const started = await fetch(`${url}/imports`, { method: 'POST' });
    expect(started.status).toBe(202);
    const { operationId } = (await started.json()) as { operationId: string };
    const completed = await alice.waitForMessage(
      (m) => m.operationId === operationId && m.topic === 'operation.completed',
    );
    expect(completed.payload).toEqual({ result: { rows: 3 } });
  });

  it('works on fastify.server after listen(), next to the app’s own routes', async () => {
    const fastify = Fastify();
    fastify.get('/health', async () => ({ ok: true }));
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const opwire = createOpwire({ server: fastify.server, auth: testAuth });
    cleanups.push(
      () => fastify.close(),
      () => opwire.close(),
    );
    await expectLiveOperation(opwire, client(url, 'alice'), 'alice');
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
  });

  it('works on fastify.server attached after ready(), before listen()', async () => {
    const fastify = Fastify();
    await fastify.ready();
    const opwire = createOpwire({ server: fastify.server, auth: testAuth });
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(
      () => fastify.close(),
      () => opwire.close(),
    );
    await expectLiveOperation(opwire, client(url, 'bob'), 'bob');
  });
});

describe('a server that is not one gets a readable invalid_option error', () => {
  const attempt = (server: unknown) => {
    try {
      createOpwire({ server: server as Server, auth: testAuth });
    } catch (error) {
      return error;
    }
    throw new Error('createOpwire accepted it');
  };

  it('says to pass what app.listen() returns for an Express app', () => {
    const error = attempt(express());
    expect(error).toBeInstanceOf(OpwireError);
    expect(error).toMatchObject({ code: 'invalid_option' });
    expect((error as Error).message).toMatch(/not an Express app.*what app\.listen\(\) returns/);
  });

  it('says to pass fastify.server for a Fastify instance', async () => {
    const fastify = Fastify();
    cleanups.push(() => fastify.close());
    const error = attempt(fastify);
    expect(error).toMatchObject({ code: 'invalid_option' });
    expect((error as Error).message).toMatch(/not a Fastify instance.*fastify\.server/);
  });

  it.each([
    ['undefined', undefined, /none was given/],
    [
      'a plain object',
      { port: 3000 },
      /needs a Node http\.Server\/https\.Server, a Socket\.IO Server or a Socket\.IO Namespace/,
    ],
    ['a port number', 3000, /needs a Node http\.Server/],
  ])('explains what to pass for %s', (_name, server, message) => {
    const error = attempt(server);
    expect(error).toBeInstanceOf(OpwireError);
    expect(error).toMatchObject({
      code: 'invalid_option',
      message: expect.stringMatching(message),
    });
  });
});

describe('an existing Socket.IO server', () => {
  it('is used as given, and close() leaves it and its other namespaces running', async () => {
    const server = createServer();
    const io = new SocketIOServer(server, { path: '/realtime' });
    io.of('/app').on('connection', (socket) => {
      socket.on('ping', (ack: (answer: string) => void) => ack('pong'));
    });
    const opwire = createOpwire({ server: io, namespace: '/opwire', auth: testAuth });
    expect(opwire.io).toBe(io);
    server.listen(0, '127.0.0.1');
    cleanups.push(() => io.close()); // closes the HTTP server too
    const url = await urlOf(server);

    const live = client(`${url}/opwire`, 'alice', '/realtime');
    // The app's own socket shares the connection (one Manager) with opwire's.
    const appSocket = live.socket.io.socket('/app');
    appSocket.connect();
    cleanups.push(() => {
      appSocket.disconnect();
    });
    await expectLiveOperation(opwire, live, 'alice');
    await waitFor(() => appSocket.connected, 'the app socket', 5_000);

    await opwire.close();
    await waitFor(() => !live.socket.connected, 'opwire socket to close', 5_000);
    expect(appSocket.connected).toBe(true);
    expect(await appSocket.timeout(2_000).emitWithAck('ping')).toBe('pong');
    const later = connect(`${url}/app`, {
      path: '/realtime',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => {
      later.disconnect();
    });
    expect(await outcome(later)).toBe('connected');
  });
});

describe('cors.origin', () => {
  const allowed = 'https://app.example.com';
  const hostile = 'https://evil.example.net';

  async function start() {
    const server = createServer();
    const opwire = createOpwire({ server, auth: testAuth, cors: { origin: [allowed] } });
    server.listen(0, '127.0.0.1');
    cleanups.push(
      () => closeServer(server),
      () => opwire.close(),
    );
    return urlOf(server);
  }

  function fromOrigin(url: string, origin: string, transport: 'websocket' | 'polling') {
    const socket = connect(url, {
      path: '/opwire/socket.io',
      auth: { token: signToken({ sub: 'alice' }), v: 1, vmax: 2 },
      transports: [transport],
      extraHeaders: { origin },
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => {
      socket.disconnect();
    });
    return socket;
  }

  it.each(['websocket', 'polling'] as const)(
    'refuses a %s handshake from a disallowed Origin and accepts an allowed one',
    async (transport) => {
      const url = await start();
      expect(await outcome(fromOrigin(url, hostile, transport))).not.toBe('connected');
      const accepted = fromOrigin(url, allowed, transport);
      expect(await outcome(accepted)).toBe('connected');
    },
  );

  it('answers the engine handshake with 403 for a disallowed Origin, CORS headers for an allowed one', async () => {
    const url = await start();
    const handshake = `${url}/opwire/socket.io/?EIO=4&transport=polling`;
    const refused = await fetch(handshake, { headers: { origin: hostile } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).not.toBe(hostile);
    const accepted = await fetch(handshake, { headers: { origin: allowed } });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(allowed);
    await accepted.text();
    await refused.text();
  });
});
