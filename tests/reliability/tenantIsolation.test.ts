import type { AddressInfo } from 'node:net';
import { createOpwire, type Opwire } from '@opwire/server';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken, TEST_SECRET, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import express from 'express';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs } from './clients.js';

const ORIGIN = 'https://app.example.com';
const METRICS_TOKEN = 'metrics-secret';
let opwire: Opwire;
let url: string;
let close: () => Promise<void>;
let mallory: TestClient;
let bobOp: string;
let bobPrivateOp: string;
const clients: TestClient[] = [];
const malloryToken = signToken(
  { sub: 'mallory', tid: 'tenant-a', roles: ['admin'] },
  { expiresInSec: 3600 },
);

const forgeries: Array<[string, string]> = [
  ['signed with another secret', signToken({ sub: 'bob', tid: 'tenant-b' }, { secret: 'guess' })],
  [
    'alg: none',
    `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"bob","tid":"tenant-b"}').toString('base64url')}.`,
  ],
  [
    'tampered claims',
    (() => {
      const [header, , signature] = malloryToken.split('.');
      const claims = Buffer.from(
        JSON.stringify({ sub: 'mallory', tid: 'tenant-b', roles: ['admin'] }),
      ).toString('base64url');
      return `${header}.${claims}.${signature}`;
    })(),
  ],
  ['expired', signToken({ sub: 'bob', tid: 'tenant-b' }, { expiresInSec: -60 })],
  [
    'not yet valid',
    jwt.sign(
      { sub: 'bob', tid: 'tenant-b', nbf: Math.floor(Date.now() / 1000) + 3600 },
      TEST_SECRET,
    ),
  ],
  [
    'signed with an algorithm that is not allowed (HS384)',
    jwt.sign({ sub: 'bob', tid: 'tenant-b' }, TEST_SECRET, { algorithm: 'HS384' }),
  ],
];

async function http(path: string, options: { method?: string; token?: string } = {}) {
  const response = await fetch(`${url}/opwire/api${path}`, {
    method: options.method ?? 'GET',
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
  });
  return { status: response.status, body: await response.text() };
}

describe('tenant isolation: tenant A probing tenant B', () => {
  beforeAll(async () => {
    const app = express();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    opwire = createOpwire({
      // Jobs still running when a test closes the server end at once, without a grace period.
      lifecycle: { shutdownGraceMs: 0 },
      server,
      auth: testAuth,
      cors: { origin: [ORIGIN] },
      metrics: { token: METRICS_TOKEN },
      rooms: {
        'project:{projectId}': ({ principal, params }) =>
          (params.projectId ?? '').startsWith(`${principal.tenantId}-`),
      },
    });
    app.use(opwire.http);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await opwire.close();
      await new Promise((resolve) => server.close(resolve));
    };
    const bob = await connectAs(url, { sub: 'bob', tid: 'tenant-b', roles: ['admin'] });
    clients.push(bob);
    mallory = await connectAs(url, { sub: 'mallory', tid: 'tenant-a', roles: ['admin'] });
    clients.push(mallory);
    expect(await bob.request('opwire:join', { room: 'project:tenant-b-1' })).toMatchObject({
      ok: true,
    });
    const tracked = opwire.operation.start('payroll', { audience: { tenant: 'tenant-b' } });
    tracked.progress(40, 'Computing salaries', { employees: 12 });
    bobOp = tracked.id;
    const privateOp = opwire.operation.start('export', {
      audience: { user: 'bob', rooms: ['project:tenant-b-1'] },
    });
    bobPrivateOp = privateOp.id;
    opwire.to({ tenant: 'tenant-b' }).emit('data.salary.updated', { employee: 7 });
    opwire.toast({ tenant: 'tenant-b' }, { title: 'Payroll ready', type: 'info' });
    opwire.refreshTables({ tenant: 'tenant-b' }, ['salaries']);
    opwire.to({ rooms: ['project:tenant-b-1'] }).emit('project.updated', {});
    await bob.waitForMessage((m) => m.topic === 'project.updated');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await close?.();
  });

  it("cannot join any of B's rooms", async () => {
    for (const room of [
      'tenant:tenant-b',
      'tenant:tenant-b:role:admin',
      'user:bob',
      'project:tenant-b-1',
    ]) {
      expect(await mallory.request('opwire:join', { room })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    for (const room of [`operation:${bobOp}`, `operation:${bobPrivateOp}`]) {
      expect(await mallory.request('opwire:join', { room })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
  });

  it("gets the very same answers for B's operations as for ones that do not exist, on sockets and HTTP", async () => {
    const probe = async (id: string) =>
      JSON.stringify([
        await mallory.request('opwire:join', { room: `operation:${id}` }),
        await mallory.request('opwire:operation.get', { id }),
        await mallory.request('opwire:operation.cancel', { id }),
        await mallory.request('opwire:resume', {
          operations: [{ id, seq: 0, epoch: mallory.hello?.epoch }],
        }),
        await http(`/operations/${id}`, { token: malloryToken }),
        await http(`/operations/${id}/cancel`, { method: 'POST', token: malloryToken }),
      ]).replaceAll(id, 'ID');
    const missing = await probe('no-such-operation');
    expect(await probe(bobOp)).toBe(missing);
    expect(await probe(bobPrivateOp)).toBe(missing);
    expect((await opwire.operation.get(bobOp))?.status).toBe('running');
  });

  it("lists none of B's operations and received none of B's events, whatever its patterns", async () => {
    for (const status of ['active', 'all']) {
      expect(await mallory.request('opwire:operation.list', { status })).toMatchObject({
        ok: true,
        operations: [],
      });
      const listed = await http(`/operations?status=${status}`, { token: malloryToken });
      expect(JSON.parse(listed.body).operations).toEqual([]);
    }
    // A client subscribes to patterns locally; the server never sends B's events to A's socket at all.
    expect(mallory.messages).toEqual([]);
  });

  it('reads no stats without the platform role and no metrics without the metrics token', async () => {
    expect((await http('/stats', { token: malloryToken })).status).toBe(403);
    expect((await http('/metrics', { token: malloryToken })).status).toBe(401);
    expect((await http('/metrics')).status).toBe(401);
    expect((await http('/metrics', { token: METRICS_TOKEN })).status).toBe(200);
  });

  it.each(forgeries)('refuses a forged token (%s) on sockets and HTTP', async (_name, token) => {
    const client = createTestClient(url, { token, v: 1, vmax: 2 });
    clients.push(client);
    const refusal = await new Promise<unknown>((resolve) => {
      client.socket.on('connect', () => resolve('connected'));
      client.socket.on('connect_error', (error: Error & { data?: unknown }) => resolve(error.data));
    });
    expect(refusal).toMatchObject({ code: 'unauthorized' });
    expect((await http(`/operations/${bobOp}`, { token })).status).toBe(401);
    expect((await mallory.request('opwire:auth', { token })).ok).toBe(false);
  });

  it('refuses a WebSocket handshake from an origin that is not allowed (cross-site WebSocket hijacking)', async () => {
    const attempt = async (origin: string) => {
      const client = createTestClient(url, { token: malloryToken, v: 1, vmax: 2 });
      clients.push(client);
      client.socket.disconnect();
      client.socket.io.opts.extraHeaders = { origin };
      client.socket.connect();
      return new Promise<string>((resolve) => {
        client.socket.on('connect', () => resolve('connected'));
        client.socket.on('connect_error', () => resolve('refused'));
      });
    };
    expect(await attempt('https://evil.example.net')).toBe('refused');
    expect(await attempt(ORIGIN)).toBe('connected');
    await waitFor(() => mallory.socket.connected);
  });
});
