// A backend as an app would have it: an HTTP server with its own route that
// starts a job and answers 202 { operationId }, and opwire attached to it.
// Tests drive each started operation through its server-side handle.
import { createServer, request } from 'node:http';
import type { Socket } from 'node:net';
import {
  createOpwire,
  jwtAuth,
  type OperationHandle,
  type OperationOptions,
  type Opwire,
} from '@opwire/server';
import { SECRET } from '../../../../client-sdk/src/__tests__/support/testServer.js';

export { signToken } from '../../../../client-sdk/src/__tests__/support/testServer.js';

export interface AppServer {
  url: string;
  opwire: Opwire;
  /** Operations started through `POST /jobs`, oldest first. */
  jobs: OperationHandle[];
  /** Options of the operations `POST /jobs` starts (audience: the user `u1`). */
  jobOptions: Omit<OperationOptions, 'audience'>;
  /** TCP connections accepted since the start, and open now. */
  tcp: { accepted: number; open: number };
  /** Destroys every open TCP connection, as a network failure would. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const sockets = new Set<Socket>();
  const tcp = { accepted: 0, open: 0 };
  const http = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/jobs') {
      const op = opwire.operation.start('import', {
        ...server.jobOptions,
        audience: { user: 'u1' },
      });
      server.jobs.push(op);
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ operationId: op.id }));
      return;
    }
    if (req.method === 'POST' && req.url === '/jobs/refused') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'The import queue is full' }));
      return;
    }
    opwire.http(req, res);
  });
  http.on('connection', (socket) => {
    tcp.accepted += 1;
    tcp.open += 1;
    sockets.add(socket);
    socket.on('close', () => {
      tcp.open -= 1;
      sockets.delete(socket);
    });
  });
  const opwire = createOpwire({
    // Jobs still running when a test closes the server end at once, without a grace period.
    lifecycle: { shutdownGraceMs: 0 },
    server: http,
    auth: jwtAuth({
      secret: SECRET,
      algorithms: ['HS256'],
      claims: (payload) => ({
        userId: String(payload.sub),
        tenantId: payload.tid as string,
        roles: (payload.roles as string[] | undefined) ?? [],
      }),
    }),
    progressIntervalMs: 0,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  let closed = false;
  const server: AppServer = {
    url: `http://127.0.0.1:${address.port}`,
    opwire,
    jobs: [],
    jobOptions: {},
    tcp,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      if (closed) return;
      closed = true;
      await opwire.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}

/**
 * POSTs to the app, as a page's `start` function would with `fetch`, and
 * resolves with the JSON body; rejects with the body's `error` on a non-2xx.
 * (Node's own HTTP client: happy-dom's `fetch` applies a page's CORS rules.)
 */
export function postJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        const parsed = JSON.parse(body) as T & { error?: string };
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(parsed);
        else reject(new Error(parsed.error ?? `HTTP ${status}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}
