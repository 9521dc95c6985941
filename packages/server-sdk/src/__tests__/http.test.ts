import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpwire, type Opwire } from '../createOpwire.js';
import { opwireExpress } from '../express/opwireExpress.js';
import { opwireFastify } from '../fastify/opwireFastify.js';
import type { OpwireOptions } from '../options.js';
import { memoryStore } from '../store/memoryStore.js';
import type { OperationStore } from '../store/operationStore.js';

const BASE = '/opwire/api';
const METRICS_TOKEN = 'metrics-token-for-tests';

interface Mounted {
  opwire: Opwire;
  store: OperationStore;
  url: string;
  close(): Promise<void>;
}

type MountKind = 'plain http' | 'Express 5' | 'Fastify 5' | 'Fastify plugin' | 'Express helper';

async function listen(server: Server): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts a real server of the given kind with `opwire.http` mounted the way its users would. */
async function mount(kind: MountKind, options: Partial<OpwireOptions> = {}): Promise<Mounted> {
  const store = memoryStore();
  // Operations left running when a mount closes end at once rather than after a grace period.
  const settings = { auth: testAuth, store, lifecycle: { shutdownGraceMs: 0 }, ...options };
  if (kind === 'Fastify 5') {
    const fastify = Fastify();
    const opwire = createOpwire({ ...settings, server: fastify.server });
    fastify.all(`${BASE}/*`, (request, reply) => {
      reply.hijack();
      // Fastify has read the body already; hand it over parsed.
      opwire.http(Object.assign(request.raw, { body: request.body }), reply.raw);
    });
    fastify.get('/health', async () => ({ from: 'app' }));
    fastify.setNotFoundHandler((_request, reply) => {
      reply.code(404).send({ from: 'app' });
    });
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const close = async () => {
      await opwire.close();
      await fastify.close();
    };
    return { opwire, store, url, close };
  }
  if (kind === 'Fastify plugin') {
    const fastify = Fastify();
    await fastify.register(opwireFastify, settings);
    fastify.get('/health', async () => ({ from: 'app' }));
    fastify.setNotFoundHandler((_request, reply) => {
      reply.code(404).send({ from: 'app' });
    });
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    return { opwire: fastify.opwire, store, url, close: () => fastify.close() };
  }
  if (kind === 'Express helper') {
    const app = express();
    const { server: _plain, ...helperSettings } = settings;
    const { opwire, attach } = opwireExpress(app, helperSettings);
    app.get('/health', (_req, res) => {
      res.json({ from: 'app' });
    });
    app.use((_req, res) => {
      res.status(404).json({ from: 'app' });
    });
    const server = attach(app.listen(0, '127.0.0.1'));
    const close = async () => {
      await opwire.close();
      await closeServer(server);
    };
    return { opwire, store, url: await listen(server), close };
  }
  if (kind === 'Express 5') {
    const app = express();
    const server = app.listen(0, '127.0.0.1');
    const opwire = createOpwire({ ...settings, server });
    app.use(opwire.http);
    app.get('/health', (_req, res) => {
      res.json({ from: 'app' });
    });
    app.use((_req, res) => {
      res.status(404).json({ from: 'app' });
    });
    const close = async () => {
      await opwire.close();
      await closeServer(server);
    };
    return { opwire, store, url: await listen(server), close };
  }
  const server = createServer((req, res) => opwire.http(req, res));
  const opwire = createOpwire({ ...settings, server });
  server.listen(0, '127.0.0.1');
  const close = async () => {
    await opwire.close();
    await closeServer(server);
  };
  return { opwire, store, url: await listen(server), close };
}

interface Answer {
  status: number;
  type: string | null;
  text: string;
  body: unknown;
}

async function call(url: string, token?: string, method = 'GET', sent?: unknown): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (sent !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    ...(sent === undefined ? {} : { body: typeof sent === 'string' ? sent : JSON.stringify(sent) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type');
  const body: unknown = type?.startsWith('application/json') ? JSON.parse(text) : undefined;
  return { status: response.status, type, text, body };
}

const alice = signToken({ sub: 'alice', tid: 'acme' });
const bob = signToken({ sub: 'bob', tid: 'globex' });
const admin = signToken({ sub: 'root', roles: ['platform-admin'] });
const unsignedToken = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"alice","tid":"acme"}').toString('base64url')}.`;

/** A tracked operation that runs until it is asked to cancel. */
function trackUntilCancelled(opwire: Opwire, user: string) {
  return opwire.operation.track(
    'long-job',
    (op) =>
      new Promise<void>((resolve) => {
        op.progress(5, 'working');
        op.signal.addEventListener('abort', () => resolve());
      }),
    { audience: { user } },
  );
}

describe.each<MountKind>([
  'plain http',
  'Express 5',
  'Fastify 5',
  'Fastify plugin',
  'Express helper',
])('opwire.http on %s', (kind) => {
  let app: Mounted;
  const ids = { alice: 'op-alice', tenant: 'op-acme', bob: 'op-globex', ended: 'op-ended' };

  beforeAll(async () => {
    app = await mount(kind, { metrics: { token: METRICS_TOKEN } });
    const { operation } = app.opwire;
    operation.start('export', { id: ids.alice, audience: { user: 'alice' } }).progress(30);
    operation.start('reindex', { id: ids.tenant, audience: { tenant: 'acme' } });
    operation.start('export', { id: ids.bob, audience: { tenant: 'globex' } });
    const ended = operation.start('export', { id: ids.ended, audience: { user: 'alice' } });
    ended.complete({ url: '/files/1' });
    await ended.done;
  });
  afterAll(() => app.close());

  const api = (path: string) => `${app.url}${BASE}${path}`;

  it('GET operations/:id answers 200 { epoch, snapshot } for a visible operation', async () => {
    const answer = await call(api(`/operations/${ids.alice}`), alice);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      epoch: await app.store.epoch(),
      snapshot: expect.objectContaining({ id: ids.alice, status: 'running', percent: 30 }),
    });
    const viaTenant = await call(api(`/operations/${ids.tenant}`), alice);
    expect(viaTenant.status).toBe(200);
  });

  it("answers another tenant's operation with the very same 404 as a missing one", async () => {
    const foreign = await call(api(`/operations/${ids.bob}`), alice);
    const missing = await call(api('/operations/no-such-operation'), alice);
    const malformed = await call(api('/operations/not%20an%20id'), alice);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'not_found' } });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe(foreign.text);
    expect(malformed.text).toBe(foreign.text);
  });

  it('GET operations?status=active lists only what the caller may see and is still active', async () => {
    const listed = (answer: Answer) =>
      (answer.body as { operations: Array<{ id: string }> }).operations.map((op) => op.id).sort();
    const active = await call(api('/operations?status=active'), alice);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ epoch: await app.store.epoch() });
    expect(listed(active)).toEqual([ids.tenant, ids.alice].sort());
    expect(listed(await call(api('/operations'), alice))).toEqual(listed(active));
    expect(listed(await call(api('/operations?status=all'), alice))).toEqual(
      [ids.tenant, ids.alice, ids.ended].sort(),
    );
    expect(listed(await call(api('/operations?status=active'), bob))).toEqual([ids.bob]);
  });

  it('refuses an invalid status query with 400 invalid_request', async () => {
    const answer = await call(api('/operations?status=finished'), alice);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('POST operations/:id/cancel answers 202 and the tracked operation ends cancelled', async () => {
    const { id, done } = trackUntilCancelled(app.opwire, 'alice');
    const answer = await call(api(`/operations/${id}/cancel`), alice, 'POST');
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ id });
    expect((await done).status).toBe('cancelled');
    const after = await call(api(`/operations/${id}`), alice);
    expect(after.body).toMatchObject({ snapshot: { status: 'cancelled' } });
  });

  it("passes the cancel body's reason on to the operation", async () => {
    const op = app.opwire.operation.start('export', { audience: { user: 'alice' } });
    const answer = await call(api(`/operations/${op.id}/cancel`), alice, 'POST', {
      reason: 'Stopped from the admin page',
    });
    expect(answer.status).toBe(202);
    expect(await op.done).toMatchObject({
      status: 'cancelled',
      message: 'Stopped from the admin page',
    });
  });

  it('refuses a cancel body that is not JSON, too large, or whose reason is too long', async () => {
    const op = app.opwire.operation.start('export', { audience: { user: 'alice' } });
    // Fastify answers a body that is not JSON itself, before any route runs.
    const bodies = [{ reason: 'r'.repeat(501) }, { reason: 'r'.repeat(5000) }];
    for (const body of kind === 'Fastify 5' ? bodies : ['{not json', ...bodies]) {
      const answer = await call(api(`/operations/${op.id}/cancel`), alice, 'POST', body);
      expect(answer.status, JSON.stringify(body).slice(0, 20)).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect((await app.opwire.operation.get(op.id))?.status).toBe('running');
    op.complete();
    await op.done;
  });

  it('refuses malformed named rooms with 400 invalid_request', async () => {
    for (const rooms of ['chat::1', Array.from({ length: 101 }, (_, i) => `chat:${i}`).join(',')]) {
      const answer = await call(api(`/operations/${ids.alice}?rooms=${rooms}`), alice);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });

  it('answers a cross-tenant cancel exactly like a missing operation, and cancels nothing', async () => {
    const { id } = trackUntilCancelled(app.opwire, 'bob');
    const foreign = await call(api(`/operations/${id}/cancel`), alice, 'POST');
    const missing = await call(api('/operations/no-such-operation/cancel'), alice, 'POST');
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect((await app.opwire.operation.get(id))?.status).toBe('running');
    expect((await call(api(`/operations/${id}/cancel`), bob, 'POST')).status).toBe(202);
  });

  it('answers 409 conflict when cancelling an operation that already ended', async () => {
    const answer = await call(api(`/operations/${ids.ended}/cancel`), alice, 'POST');
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
    ['an expired token', signToken({ sub: 'alice', tid: 'acme' }, { expiresInSec: -30 })],
    ['an alg:none token', unsignedToken],
    ['a token signed with another secret', signToken({ sub: 'alice' }, { secret: 'wrong' })],
  ])('refuses %s with 401 unauthorized', async (_name, token) => {
    const answer = await call(api(`/operations/${ids.alice}`), token);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(answer.text).not.toContain(ids.alice);
  });

  it('serves GET stats to platform-admin holders only', async () => {
    const denied = await call(api('/stats'), alice);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: 'forbidden' } });
    const stats = await call(api('/stats'), admin);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      connections: { authenticated: 0, anonymous: 0 },
      operations: { succeeded: expect.any(Number), running: expect.any(Number) },
      messagesSent: expect.any(Number),
    });
  });

  it('serves Prometheus text on GET metrics with the metrics token only', async () => {
    expect((await call(api('/metrics'))).status).toBe(401);
    expect((await call(api('/metrics'), 'not-the-token')).status).toBe(401);
    expect((await call(api('/metrics'), alice)).status).toBe(401);
    const metrics = await call(api('/metrics'), METRICS_TOKEN);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toContain('# TYPE opwire_connections gauge');
    expect(metrics.text).toMatch(/^opwire_operations\{status="succeeded"\} \d+$/m);
    expect(metrics.text).toMatch(/^opwire_messages_sent_total \d+$/m);
  });

  it('answers unknown routes under the base with a 404 JSON error', async () => {
    for (const [path, method] of [
      ['/nothing-here', 'GET'],
      [`/operations/${ids.alice}`, 'DELETE'],
      [`/operations/${ids.alice}/cancel`, 'GET'],
    ] as const) {
      const answer = await call(api(path), alice, method);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  if (kind !== 'plain http') {
    it("leaves the app's own routes and its 404 working (next() passes through)", async () => {
      expect((await call(`${app.url}/health`)).body).toEqual({ from: 'app' });
      const elsewhere = await call(`${app.url}/opwire/elsewhere`);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body).toEqual({ from: 'app' });
    });
  }
});

describe('opwire.http without the framework around it', () => {
  let app: Mounted;
  beforeAll(async () => {
    app = await mount('plain http');
  });
  afterAll(() => app.close());

  it('answers 404 on metrics while metrics are disabled', async () => {
    const answer = await call(`${app.url}${BASE}/metrics`, METRICS_TOKEN);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining('metrics: { token }') },
    });
  });

  it('answers 404 JSON outside its base path when there is no next()', async () => {
    const answer = await call(`${app.url}/somewhere-else`, alice);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers a malformed percent-encoded id with the usual 404, not a server error', async () => {
    const errors: Error[] = [];
    app.opwire.events.on('error', (error) => errors.push(error));
    const malformed = await call(`${app.url}${BASE}/operations/%E0%A4%A`, alice);
    const missing = await call(`${app.url}${BASE}/operations/no-such-operation`, alice);
    expect(malformed.status).toBe(404);
    expect(malformed.text).toBe(missing.text);
    expect(errors).toEqual([]);
  });
});
