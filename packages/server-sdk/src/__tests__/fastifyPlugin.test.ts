import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { OpwireError, PROTOCOL_VERSION } from '@opwire/protocol';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpwire } from '../createOpwire.js';
import { opwireFastify } from '../fastify/opwireFastify.js';
import type { OpwireOptions } from '../options.js';
import { memoryStore } from '../store/memoryStore.js';
import type { OperationStore } from '../store/operationStore.js';

const alice = signToken({ sub: 'alice', tid: 'acme' });
const settings = {
  auth: testAuth,
  lifecycle: { shutdownGraceMs: 0 },
} satisfies Partial<OpwireOptions>;

const apps: FastifyInstance[] = [];
const clients: OpwireClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function fastifyWith(options: Partial<OpwireOptions> = {}): Promise<FastifyInstance> {
  const fastify = Fastify();
  apps.push(fastify);
  await fastify.register(opwireFastify, { ...settings, ...options });
  return fastify;
}

describe('the Fastify plugin', () => {
  it('decorates fastify.opwire and serves its routes under httpBasePath through Fastify', async () => {
    const fastify = await fastifyWith({ httpBasePath: '/jobs/api' });
    const op = fastify.opwire.operation.start('export', { audience: { user: 'alice' } });
    const answer = await fastify.inject({
      url: `/jobs/api/operations/${op.id}`,
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['opwire-api']).toBe(String(PROTOCOL_VERSION));
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toMatchObject({ snapshot: { id: op.id, status: 'running' } });
    expect(fastify.hasRoute({ method: 'POST', url: '/jobs/api/operations/:id/cancel' })).toBe(true);
    const unknown = await fastify.inject({ url: '/jobs/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it("runs the app's hooks on opwire's routes", async () => {
    const fastify = Fastify();
    apps.push(fastify);
    const seen: string[] = [];
    fastify.addHook('onRequest', async (request, reply) => {
      seen.push(request.url);
      if (request.headers['x-blocked'] === 'yes') return reply.code(418).send({ blocked: true });
    });
    fastify.addHook('onSend', async (_request, reply) => {
      reply.header('x-app', 'seen');
    });
    await fastify.register(opwireFastify, settings);
    const answer = await fastify.inject({
      url: '/opwire/api/operations',
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-app']).toBe('seen');
    const blocked = await fastify.inject({
      url: '/opwire/api/operations',
      headers: { 'x-blocked': 'yes' },
    });
    expect(blocked.statusCode).toBe(418);
    expect(seen).toEqual(['/opwire/api/operations', '/opwire/api/operations']);
  });

  it("hands a server failure to the app's error handler, without its details, and reports it", async () => {
    const store: OperationStore = memoryStore();
    const failing: OperationStore = Object.assign(Object.create(store) as OperationStore, {
      list: () => Promise.reject(new Error('store exploded at 10.0.0.7')),
    });
    const fastify = Fastify();
    apps.push(fastify);
    const handled: unknown[] = [];
    fastify.setErrorHandler((error, _request, reply) => {
      handled.push(error);
      return reply.code(500).send({ handledBy: 'app', message: (error as Error).message });
    });
    await fastify.register(opwireFastify, { ...settings, store: failing });
    const reported: OpwireError[] = [];
    fastify.opwire.events.on('error', (error) => reported.push(error));
    const answer = await fastify.inject({
      url: '/opwire/api/operations',
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toEqual({
      handledBy: 'app',
      message: 'The server failed to handle this request.',
    });
    expect(handled[0]).toBeInstanceOf(OpwireError);
    expect(handled[0]).toMatchObject({ code: 'internal', statusCode: 500 });
    expect(reported.map((error) => error.message)).toEqual(['store exploded at 10.0.0.7']);
  });

  it("keeps its body handling to its own routes: the app's JSON parser still parses the app's", async () => {
    const fastify = await fastifyWith();
    fastify.post('/api/echo', async (request) => ({ got: request.body }));
    const echoed = await fastify.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } });
    expect(echoed.json()).toEqual({ got: { a: 1 } });
    const op = fastify.opwire.operation.start('export', { audience: { user: 'alice' } });
    const cancel = await fastify.inject({
      method: 'POST',
      url: `/opwire/api/operations/${op.id}/cancel`,
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'text/plain' },
      payload: JSON.stringify({ reason: 'sent as text' }),
    });
    expect(cancel.statusCode).toBe(202);
    await expect(op.done).resolves.toMatchObject({ status: 'cancelled', message: 'sent as text' });
  });

  it('answers origin checks and the rate limit exactly as opwire.http does', async () => {
    const options = {
      cors: { origin: 'https://app.example.com' },
      limits: { httpRequestsPerSecond: 0.01, httpBurst: 3 },
    } satisfies Partial<OpwireOptions>;
    const fastify = await fastifyWith(options);
    const plain = await plainServer(options);
    try {
      const requests: Array<{
        method: 'GET' | 'POST';
        path: string;
        headers: Record<string, string>;
      }> = [
        {
          method: 'POST',
          path: '/operations/op-1/cancel',
          headers: { origin: 'https://evil.example.net' },
        },
        {
          method: 'POST',
          path: '/operations/op-1/cancel',
          headers: { 'sec-fetch-site': 'cross-site' },
        },
        ...Array.from({ length: 5 }, () => ({
          method: 'GET' as const,
          path: '/operations',
          headers: {},
        })),
      ];
      for (const { method, path, headers } of requests) {
        const all = { authorization: `Bearer ${alice}`, ...headers };
        const viaPlugin = await fastify.inject({ method, url: `/opwire/api${path}`, headers: all });
        const viaHandler = await fetch(`${plain.url}/opwire/api${path}`, { method, headers: all });
        const expected = {
          status: viaHandler.status,
          body: withoutEpoch(await viaHandler.json()),
          retryAfter: viaHandler.headers.get('retry-after') ?? undefined,
        };
        expect({
          status: viaPlugin.statusCode,
          body: withoutEpoch(viaPlugin.json()),
          retryAfter: viaPlugin.headers['retry-after'],
        }).toEqual(expected);
      }
      const limited = await fastify.inject({
        url: '/opwire/api/operations',
        headers: { authorization: `Bearer ${alice}` },
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      await plain.close();
    }
  });

  it('serves sockets on fastify.server, and fastify.close() ends what runs and disconnects them', async () => {
    const fastify = await fastifyWith();
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const client = createOpwireClient({
      url,
      token: () => alice,
      transports: ['websocket'],
      operationToasts: false,
    });
    clients.push(client);
    const finished = fastify.opwire.operation.track(
      'export',
      async (op) => {
        op.progress(50);
        return { url: '/files/1' };
      },
      { audience: { user: 'alice' } },
    );
    await expect(client.operation(finished.id).done).resolves.toEqual({ url: '/files/1' });

    const running = fastify.opwire.operation.start('reindex', { audience: { user: 'alice' } });
    const handle = client.operation(running.id);
    await waitFor(() => handle.getSnapshot()?.status === 'running', 'the client to follow', 5_000);
    await fastify.close();
    await waitFor(
      () => handle.getSnapshot()?.status === 'failed',
      'owner_shutdown on the client',
      5_000,
    );
    expect(handle.getSnapshot()?.error).toMatchObject({ code: 'owner_shutdown' });
  });
});

/** Each server has its own store, so its own epoch. */
function withoutEpoch(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('epoch' in body)) return body;
  const { epoch: _epoch, ...rest } = body;
  return rest;
}

async function plainServer(options: Partial<OpwireOptions>) {
  const server: Server = createServer((req, res) => opwire.http(req, res));
  const opwire = createOpwire({ ...settings, ...options, server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await opwire.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
