import { createRequire } from 'node:module';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpwireModule, OpwireService } from '../index.js';
import { GatewayAppModule, LiveGateway } from './support/gatewayApp.js';
import { startNestApp } from './support/nestApp.js';
import { PublicGateway, SharedServerAppModule } from './support/sharedServerApp.js';

let app: INestApplication;
let url: string;
const clients: OpwireClient[] = [];

beforeAll(async () => {
  ({ app, url } = await startNestApp(GatewayAppModule));
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.close();
});

/** The version of `name` as package `from` resolves it. */
function versionFrom(from: string, name: string): string {
  const require = createRequire(createRequire(import.meta.url).resolve(from));
  return (require(`${name}/package.json`) as { version: string }).version;
}

describe('OpwireModule with the namespace of an existing @WebSocketGateway', () => {
  it('runs on the socket.io copy Nest pins, another version than @opwire/server’s', async () => {
    const nests = versionFrom('@nestjs/platform-socket.io', 'socket.io');
    expect(nests).not.toBe(versionFrom('@opwire/server/package.json', 'socket.io'));
    const { opwire } = app.get(OpwireService);
    expect(opwire.io).toBe(app.get(LiveGateway).server.server);
    expect(opwire.io).not.toBeInstanceOf((await import('socket.io')).Server);
  });

  it('carries operations to a real client at the gateway’s namespace', async () => {
    const client = createOpwireClient({
      url,
      path: '/socket.io',
      namespace: '/live',
      token: signToken({ sub: 'alice', tid: 'acme' }),
      transports: ['websocket'],
    });
    clients.push(client);
    const { opwire } = app.get(OpwireService);
    const { id, done } = opwire.operation.track(
      'export',
      async (op) => {
        op.progress(40, 'rows');
        return { file: 'export.csv' };
      },
      { audience: { user: 'alice' } },
    );
    await done;
    await expect(client.operation(id).done).resolves.toEqual({ file: 'export.csv' });
    expect(client.principal).toMatchObject({ userId: 'alice' });
  });

  it('leaves the gateway’s own events working, behind opwire’s authentication', async () => {
    const socket = connectSocket(`${url}/live`, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: signToken({ sub: 'bob', tid: 'acme' }), v: 1, vmax: 2 },
    });
    try {
      await expect(
        socket.timeout(5_000).emitWithAck('echo', { hello: 'gateway' }),
      ).resolves.toEqual({
        hello: 'gateway',
      });
    } finally {
      socket.close();
    }
    const anonymous = connectSocket(`${url}/live`, {
      path: '/socket.io',
      transports: ['websocket'],
    });
    try {
      const refused = await new Promise<unknown>((resolve) =>
        anonymous.on('connect_error', (error: Error & { data?: unknown }) => resolve(error.data)),
      );
      expect(refused).toMatchObject({ code: 'unauthorized' });
    } finally {
      anonymous.close();
    }
  });
});

describe('OpwireModule given a gateway without a Socket.IO server', () => {
  it('fails at start-up, saying what to add', async () => {
    class PlainProvider {}
    @Module({
      imports: [OpwireModule.forRoot({ auth: testAuth, gateway: PlainProvider, http: false })],
      providers: [PlainProvider],
    })
    class BrokenModule {}
    const broken = await NestFactory.create(BrokenModule, { logger: false, abortOnError: false });
    await expect(broken.init()).rejects.toMatchObject({
      code: 'invalid_option',
      message: expect.stringMatching(/PlainProvider has no @WebSocketServer\(\) property/),
    });
    await broken.close();
  });
});

describe('OpwireModule.forRootAsync sharing a gateway’s server on a namespace of its own', () => {
  let shared: INestApplication;
  let sharedUrl: string;

  beforeAll(async () => {
    ({ app: shared, url: sharedUrl } = await startNestApp(SharedServerAppModule));
  });

  afterAll(async () => {
    await shared?.close();
  });

  it('leaves the gateway’s namespace open while opwire’s namespace authenticates', async () => {
    const { opwire } = shared.get(OpwireService);
    expect(opwire.io).toBe(shared.get(PublicGateway).server);
    const open = connectSocket(sharedUrl, { path: '/socket.io', transports: ['websocket'] });
    try {
      await new Promise<void>((resolve, reject) => {
        open.on('connect', resolve);
        open.on('connect_error', reject);
      });
    } finally {
      open.close();
    }
    const client = createOpwireClient({
      url: sharedUrl,
      path: '/socket.io',
      namespace: '/opwire',
      token: signToken({ sub: 'dora', tid: 'acme' }),
      transports: ['websocket'],
    });
    clients.push(client);
    const { id, done } = opwire.operation.track('sync', async () => ({ synced: true }), {
      audience: { user: 'dora' },
    });
    await done;
    await expect(client.operation(id).done).resolves.toEqual({ synced: true });
  });

  it('serves opwire’s routes at the configured path, behind the listed guards', async () => {
    const headers = { authorization: `Bearer ${signToken({ sub: 'dora', tid: 'acme' })}` };
    const refused = await fetch(`${sharedUrl}/realtime/api/operations`, { headers });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: 'internal only' });
    const allowed = await fetch(`${sharedUrl}/realtime/api/operations?status=all`, {
      headers: { ...headers, 'x-internal': 'yes' },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ operations: [{ type: 'sync' }] });
    expect((await fetch(`${sharedUrl}/opwire/api/operations`, { headers })).status).toBe(404);
  });
});
