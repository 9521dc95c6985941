// A backend as an app would have it: an HTTP server with its own route that
// starts a job and answers 202 { operationId }, and opwire attached to it.
// Tests drive each started operation through its server-side handle.
import { request } from 'node:http';
import type { OperationHandle, OperationOptions } from '@opwire/server';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';

export interface AppServer extends TestServer {
  /** Operations started through `POST /jobs`, oldest first. */
  jobs: OperationHandle[];
  /** Options of the operations `POST /jobs` starts (audience: the user `u1`). */
  jobOptions: Omit<OperationOptions, 'audience'>;
}

export async function startAppServer(): Promise<AppServer> {
  const jobs: OperationHandle[] = [];
  const server: AppServer = Object.assign(
    await startTestServer({
      progressIntervalMs: 0,
      routes(req, res) {
        if (req.method === 'POST' && req.url === '/jobs') {
          const op = server.opwire.operation.start('import', {
            ...server.jobOptions,
            audience: { user: 'u1' },
          });
          jobs.push(op);
          res.writeHead(202, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ operationId: op.id }));
          return true;
        }
        if (req.method === 'POST' && req.url === '/jobs/refused') {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'The import queue is full' }));
          return true;
        }
        return false;
      },
    }),
    { jobs, jobOptions: {} },
  );
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
