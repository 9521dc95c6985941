import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { OpwireError } from '@opwire/protocol';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import type { ServerOptions } from 'socket.io';
// A second, real copy of socket.io at another patch version (what @nestjs/platform-socket.io
// pins), installed under an npm alias: its classes are not the ones opwire's own copy exports.
import { Server as OtherCopyServer } from 'socket.io-alt';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpwire, type Opwire } from '../createOpwire.js';

type AdapterConstructor = ServerOptions['adapter'];

const versionOf = (name: string): string =>
  (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(url: string, sub: string, path: string): TestClient {
  const test = createTestClient(
    url,
    { token: signToken({ sub, tid: 'acme' }), v: 1, vmax: 2 },
    path,
  );
  cleanups.push(() => test.close());
  return test;
}

async function expectLiveOperation(opwire: Opwire, test: TestClient, user: string) {
  await waitFor(() => test.hello !== undefined, 'hello', 5_000);
  expect(test.hello?.principal).toMatchObject({ userId: user, tenantId: 'acme' });
  const { id, done } = opwire.operation.track(
    'copy-check',
    async (op) => {
      op.progress(50, 'halfway');
      return { ok: true };
    },
    { audience: { user } },
  );
  await done;
  await test.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
  expect(test.operationEvents(id).map((m) => m.seq)).toEqual([1, 2, 3]);
}

/** A Socket.IO server of the other copy on a fresh HTTP server, closed after the test. */
function otherCopyServer(path = '/socket.io') {
  const httpServer = createServer();
  const io = new OtherCopyServer(httpServer, { path });
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { httpServer, io };
}

describe('a Socket.IO server built by another copy of socket.io', () => {
  it('is another copy at another version', async () => {
    expect(versionOf('socket.io-alt')).not.toBe(versionOf('socket.io'));
    expect(OtherCopyServer).not.toBe((await import('socket.io')).Server);
  });

  it('is recognised by its shape and carries operations', async () => {
    const { httpServer, io } = otherCopyServer();
    const opwire = createOpwire({ server: io, namespace: '/opwire', auth: testAuth });
    cleanups.push(() => opwire.close());
    expect(opwire.io).toBe(io);
    const url = await listen(httpServer);
    await expectLiveOperation(opwire, client(`${url}/opwire`, 'alice', '/socket.io'), 'alice');
  });

  it('is accepted as a namespace, what a Nest gateway with a namespace gets', async () => {
    const { httpServer, io } = otherCopyServer('/ws');
    const events = io.of('/events');
    const opwire = createOpwire({
      server: events,
      auth: testAuth,
    });
    cleanups.push(() => opwire.close());
    expect(opwire.io).toBe(io);
    const url = await listen(httpServer);
    await expectLiveOperation(opwire, client(`${url}/events`, 'bob', '/ws'), 'bob');
    // opwire's handshake check guards that namespace only; the main one stays the app's.
    const main = createTestClient(url, {}, '/ws');
    cleanups.push(() => main.close());
    await waitFor(() => main.socket.connected, 'the app namespace', 5_000);
  });

  it('refuses a namespace option that names another namespace than the one given', () => {
    const { io } = otherCopyServer();
    const attempt = () =>
      createOpwire({
        server: io.of('/events'),
        namespace: '/opwire',
        auth: testAuth,
      });
    expect(attempt).toThrow(OpwireError);
    expect(attempt).toThrow(/namespace "\/events".*`namespace: '\/opwire'`/);
  });

  it('refuses an adapter with a server of its own, as with the same copy', () => {
    const { io } = otherCopyServer();
    const attempt = () =>
      createOpwire({
        server: io,
        adapter: { createAdapter: io.of('/').adapter.constructor as AdapterConstructor },
        auth: testAuth,
      });
    expect(attempt).toThrow(/Pass `adapter` only with an HTTP server/);
  });
});
