// A plain node:http backend for the framework-free test page: it serves the
// page under a strict Content-Security-Policy, a browser ESM build of
// @opwire/client, the demo login and imports.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createOpwire } from '@opwire/server';
import {
  demoAuth,
  demoLogin,
  importDurationMs,
  importSpeed,
  parseImportRequest,
  runUserImport,
  userFromAuthorization,
  userImport,
} from '@opwire-examples/demo-kit';
import { build } from 'esbuild';

const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
const here = fileURLToPath(new URL('.', import.meta.url));
const speed = importSpeed();

/** @opwire/client and its dependencies as one browser ES module. */
async function bundleClient(): Promise<string> {
  const result = await build({
    stdin: { contents: "export * from '@opwire/client';", resolveDir: here, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The page allows nothing but its own origin: no inline script or style, no `eval`. The
 * client works under it, since it never evaluates code; `'self'` covers its WebSocket.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const readPublic = (name: string) => readFile(new URL(`public/${name}`, import.meta.url), 'utf8');
const [page, script, style, clientBundle] = await Promise.all([
  readPublic('index.html'),
  readPublic('app.js'),
  readPublic('style.css'),
  bundleClient(),
]);
const files: Record<string, [body: string, type: string]> = {
  '/': [page, 'text/html; charset=utf-8'],
  '/index.html': [page, 'text/html; charset=utf-8'],
  '/app.js': [script, 'text/javascript; charset=utf-8'],
  '/style.css': [style, 'text/css; charset=utf-8'],
  '/opwire-client.js': [clientBundle, 'text/javascript; charset=utf-8'],
};

const server = createServer((req, res) => opwire.http(req, res, () => route(req, res)));
// opwire: attach to the plain HTTP server; `opwire.http` answers under /opwire/api.
const opwire = createOpwire({
  server,
  auth: demoAuth(),
  rooms: {
    // Any signed-in user of a tenant may join that tenant's `lab:{tenantId}:{name}` rooms.
    'lab:{tenantId}:{name}': ({ principal, params }) => principal.tenantId === params.tenantId,
  },
});

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = req.method === 'GET' ? files[path] : undefined;
  if (file) return send(res, 200, ...file);
  if (req.method === 'POST' && path === '/api/login') {
    // DEMO ONLY: issues tokens for the demo users (password "demo").
    const login = demoLogin(await readJson(req));
    return json(res, login ? 200 : 401, login ?? { error: 'Unknown demo user or wrong password' });
  }
  const user = userFromAuthorization(req.headers.authorization);
  if (req.method === 'POST' && path === '/api/imports') {
    if (!user) return json(res, 401, { error: 'Log in first' });
    const request = parseImportRequest(await readJson(req));
    if (typeof request === 'string') return json(res, 400, { error: request });
    const { id } = opwire.operation.track(
      userImport,
      (op) => runUserImport(op, request, { speed }),
      {
        audience: { tenant: user.tenantId },
        title: 'CSV user import',
        estimatedDurationMs: importDurationMs(speed),
      },
    );
    return json(res, 202, { operationId: id });
  }
  if (req.method === 'POST' && path === '/api/events') {
    if (!user) return json(res, 401, { error: 'Log in first' });
    const { topic, payload, room } = (await readJson(req)) as Record<string, unknown>;
    try {
      const target =
        typeof room === 'string' && room.startsWith(`lab:${user.tenantId}:`)
          ? { rooms: [room] }
          : { tenant: user.tenantId };
      opwire.to(target).emit(String(topic), payload ?? null);
      return json(res, 202, { sent: true });
    } catch (error) {
      return json(res, 400, { error: (error as Error).message });
    }
  }
  json(res, 404, { error: 'Not found' });
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res
    .writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    })
    .end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65_536) return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await opwire.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

server.listen(port, host, () => {
  console.log(`opwire vanilla example listening on http://${host}:${port}`);
});
