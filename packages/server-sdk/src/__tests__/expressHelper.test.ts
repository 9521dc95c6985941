import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { PROTOCOL_VERSION } from '@opwire/protocol';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authenticate } from '../auth/types.js';
import { opwireExpress } from '../express/opwireExpress.js';
import type { OpwireOptions } from '../options.js';

const alice = signToken({ sub: 'alice', tid: 'acme' });
const settings = {
  auth: testAuth,
  lifecycle: { shutdownGraceMs: 0 },
  checkRoutes: false,
} satisfies Partial<OpwireOptions> & { checkRoutes: boolean };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(app: Express): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function connect(url: string): OpwireClient {
  const client = createOpwireClient({
    url,
    token: () => alice,
    transports: ['websocket'],
    operationToasts: false,
  });
  cleanups.push(() => client.close());
  return client;
}

/** Answers every request it sees with a page, as Swagger UI's `setup()` mounted at `/` does. */
const swaggerAtRoot: express.RequestHandler = (_req, res) => {
  res.type('html').send('<!doctype html><title>Swagger UI</title>');
};
const notFound: express.RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Not found' });
};

describe('opwireExpress', () => {
  it('works when the HTTP server is created after the routes', async () => {
    const app = express();
    const { opwire, attach } = opwireExpress(app, settings);
    cleanups.push(() => opwire.close());
    app.post('/api/exports', (_req, res) => {
      const { id } = opwire.operation.track('export', async () => ({ url: '/files/1' }), {
        audience: { user: 'alice' },
      });
      res.status(202).json({ operationId: id });
    });
    app.use(swaggerAtRoot);

    // Operations run before any server exists.
    const early = opwire.operation.start('reindex', { audience: { user: 'alice' } });
    const { server, url } = await listen(app);
    const handshake = await fetch(`${url}/opwire/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(503);
    expect(await handshake.json()).toMatchObject({
      error: { code: 'unavailable', message: expect.stringContaining('attach(') },
    });

    expect(attach(server)).toBe(server);
    const client = connect(url);
    const posted = await fetch(`${url}/api/exports`, { method: 'POST' });
    const { operationId } = (await posted.json()) as { operationId: string };
    await expect(client.operation(operationId).done).resolves.toEqual({ url: '/files/1' });
    early.complete({ rows: 3 });
    await expect(client.operation(early.id).done).resolves.toEqual({ rows: 3 });
    expect(() => attach(server)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });

  it('authenticates app routes with the same auth and puts the principal on req', async () => {
    const app = express();
    const { opwire, authenticate, attach } = opwireExpress(app, settings);
    cleanups.push(() => opwire.close());
    app.get('/api/me', authenticate, (req, res) => {
      res.json({ principal: req.opwirePrincipal });
    });
    const { server, url } = await listen(app);
    attach(server);
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${alice}` } });
    expect(await me.json()).toEqual({
      principal: { userId: 'alice', tenantId: 'acme', roles: [] },
    });
    for (const token of [undefined, 'not-a-jwt', signToken({ sub: 'a' }, { secret: 'other' })]) {
      const refused = await fetch(`${url}/api/me`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('opwire-api')).toBe(String(PROTOCOL_VERSION));
      expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('answers 503 unavailable when the authenticator cannot decide', async () => {
    const outage: Authenticate = () => {
      throw new Error('session store unreachable');
    };
    const app = express();
    const { opwire, authenticate } = opwireExpress(app, { ...settings, auth: outage });
    cleanups.push(() => opwire.close());
    const reported: string[] = [];
    opwire.events.on('error', (error) => reported.push(error.message));
    app.get('/api/me', authenticate, (_req, res) => {
      res.json({ reached: true });
    });
    const { url } = await listen(app);
    const answer = await fetch(`${url}/api/me`, { headers: { authorization: 'Bearer x' } });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(reported).toEqual(['session store unreachable']);
  });

  describe('routes shadowed by what is mounted before them', () => {
    it.each([
      ['Swagger UI at /', swaggerAtRoot, 200, /^text\/html/],
      ['a 404 catch-all', notFound, 404, /^application\/json/],
    ])('tells when %s answers first', async (_name, shadow, status, contentType) => {
      const app = express();
      app.use(shadow);
      const { opwire, attach, checkRoutes } = opwireExpress(app, settings);
      cleanups.push(() => opwire.close());
      const { server, url } = await listen(app);
      attach(server);
      const check = await checkRoutes();
      expect(check).toMatchObject({ reached: false, status });
      expect(check.reached === false && check.contentType).toMatch(contentType);
      expect(check.reached === false && check.message).toContain('shadowed');
      // The documented way to tell by hand: opwire's answers carry opwire-api, this one does not.
      const answer = await fetch(`${url}/opwire/api/operations`, {
        headers: { authorization: `Bearer ${alice}` },
      });
      expect(answer.status).toBe(status);
      expect(answer.headers.get('opwire-api')).toBeNull();
    });

    it('emits a process warning once the server listens', async () => {
      const warned = new Promise<Error>((resolve) => {
        const onWarning = (warning: Error & { code?: string }) => {
          if (warning.code !== 'OPWIRE_ROUTES_SHADOWED') return;
          process.off('warning', onWarning);
          resolve(warning);
        };
        process.on('warning', onWarning);
      });
      const app = express();
      app.use('/', swaggerAtRoot);
      const { opwire, attach } = opwireExpress(app, { ...settings, checkRoutes: true });
      cleanups.push(() => opwire.close());
      const server = attach(app.listen(0, '127.0.0.1'));
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      expect((await warned).message).toMatch(/answered 200 \(text\/html.*shadowed/);
    });

    it('reaches opwire when it is wired before them, and leaves them working', async () => {
      const app = express();
      const { opwire, attach, checkRoutes } = opwireExpress(app, settings);
      cleanups.push(() => opwire.close());
      app.get('/api/health', (_req, res) => {
        res.json({ ok: true });
      });
      app.use('/', swaggerAtRoot);
      app.use(notFound);
      const { server, url } = await listen(app);
      attach(server);
      expect(await checkRoutes()).toEqual({ reached: true });
      const answer = await fetch(`${url}/opwire/api/operations`, {
        headers: { authorization: `Bearer ${alice}` },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('opwire-api')).toBe(String(PROTOCOL_VERSION));
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });
      expect((await fetch(`${url}/docs`)).headers.get('content-type')).toMatch(/^text\/html/);
    });
  });
});
