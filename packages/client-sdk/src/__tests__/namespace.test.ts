import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwire, type Opwire } from '@opwire/server';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';

const clients = clientFactory();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  clients.closeAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const auth = () => ({ userId: 'u1', tenantId: 't1', roles: [] });

async function listen(http: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

async function expectOperationThrough(opwire: Opwire, url: string, init: object) {
  const { client } = clients.create({ url, ...init });
  await waitFor(() => client.status === 'connected', 'connected');
  const { id } = opwire.operation.track('namespaced', async () => ({ ok: true }), {
    audience: { user: 'u1' },
  });
  expect(await client.operation(id).done).toEqual({ ok: true });
}

describe('the namespace option', () => {
  it('connects to the namespace of a Socket.IO server passed as a namespace', async () => {
    const http = createServer();
    const io = new Server(http, { path: '/ws' });
    const opwire = createOpwire({ server: io.of('/events'), auth });
    cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
    cleanups.push(() => opwire.close());
    const url = await listen(http);
    await expectOperationThrough(opwire, url, { path: '/ws', namespace: '/events' });
    expect(io.of('/events').sockets.size).toBe(1);
    expect(io.of('/').sockets.size).toBe(0);
  });

  it('connects to the namespace named by createOpwire({ namespace })', async () => {
    const http = createServer();
    const opwire = createOpwire({ server: http, namespace: '/opwire', auth });
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    cleanups.push(() => opwire.close());
    await expectOperationThrough(opwire, await listen(http), { namespace: '/opwire' });
  });
});
