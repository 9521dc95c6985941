/** Sources of the consumer projects that packedConsumers.test.ts writes into temp dirs. */

export const strictOptions = {
  strict: true,
  noEmit: true,
  target: 'es2022',
  skipLibCheck: false,
  forceConsistentCasingInFileNames: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
};

export const esmConsumer = `import { createServer } from 'node:http';
import {
  type OperationSnapshot,
  OpwireError,
  PatternRegistry,
  PROTOCOL_VERSION,
  isTerminalStatus,
} from '@opwire/protocol';
import {
  createOpwire,
  defineOperation,
  jwksAuth,
  jwtAuth,
  memoryStore,
  type Opwire,
  type OperationReporter,
  type TrackedOperation,
} from '@opwire/server';
import {
  createOpwireEmitter,
  redisAdapter,
  redisStore,
  trackBullJob,
  type BullJobLike,
  type RedisStoreOptions,
} from '@opwire/server/redis';
import { registerOpwireMetrics } from '@opwire/server/prom-client';
import { opwireExpress, type RoutesCheck } from '@opwire/server/express';
import { opwireFastify, type OpwireFastifyOptions } from '@opwire/server/fastify';
import express from 'express';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import {
  createOpwireClient,
  type OperationHandle,
  type OpwireClient,
  type ConnectionStatus,
} from '@opwire/client';
import {
  OpwireProvider,
  ProgressTracker,
  useLiveOperation,
  useOperation,
  type LiveOperationOptions,
  type OperationState,
} from '@opwire/react';
import type { Redis } from 'ioredis';

interface ImportDetails {
  processed: number;
}
interface ImportResult {
  imported: number;
}

const registry = new PatternRegistry<string>();
registry.add('jobs.*', 'one job');
export const matched: string[] = registry.match('jobs.import');
export const version: 1 = PROTOCOL_VERSION;

export const importJob = defineOperation<ImportResult, ImportDetails, 'parsing' | 'saving'>({
  type: 'user-import',
  stages: ['parsing', 'saving'],
});

export function startServer(): Opwire {
  const server = createServer();
  const opwire = createOpwire({
    server,
    store: memoryStore(),
    auth: jwtAuth({
      secret: 'a-secret',
      algorithms: ['HS256'],
      claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
    }),
  });
  const tracked: TrackedOperation<ImportResult, ImportDetails> = opwire.operation.track(
    importJob,
    async (op: OperationReporter<ImportDetails, 'parsing' | 'saving'>) => {
      op.stage('parsing');
      op.progress(50, 'half way', { processed: 5 });
      op.stage('saving');
      return { imported: 10 };
    },
    { audience: { user: 'u1' }, title: 'Import' },
  );
  void tracked.done.then((snapshot: OperationSnapshot<ImportResult, ImportDetails>) => {
    const imported: number | undefined = snapshot.result?.imported;
    return isTerminalStatus(snapshot.status) ? imported : undefined;
  });
  return opwire;
}

export function withPromClientAndJwks(opwire: Opwire): () => void {
  jwksAuth({
    jwksUri: 'https://id.example.com/.well-known/jwks.json',
    algorithms: ['RS256'],
    issuer: 'https://id.example.com/',
    claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
  });
  return registerOpwireMetrics(opwire, new Registry(), { prefix: 'app_' });
}

export async function withRedis(redis: Redis, opwire: Opwire, job: BullJobLike): Promise<number> {
  const options: RedisStoreOptions = { redis, prefix: 'opwire:' };
  redisStore(options);
  redisAdapter({ redis });
  const emitter = await createOpwireEmitter({ redis });
  void emitter;
  return trackBullJob(opwire.operation, job, async (op) => {
    op.progress(10);
    return 1;
  }, { audience: { tenant: 't1' } });
}

export async function follow(id: string): Promise<number | undefined> {
  const client: OpwireClient = createOpwireClient({ url: 'http://localhost:3000', token: () => 't' });
  const status: ConnectionStatus = client.status;
  void status;
  const handle: OperationHandle<ImportResult, ImportDetails> = client.operation<ImportResult, ImportDetails>(id);
  const eta: number | null = handle.timeLeft();
  void eta;
  try {
    const result = await handle.done;
    return result?.imported;
  } catch (error) {
    if (error instanceof OpwireError) return undefined;
    throw error;
  } finally {
    client.close();
  }
}

export function useImport(id: string | null): OperationState<ImportResult, ImportDetails> {
  return useOperation<ImportResult, ImportDetails>(id);
}
export const liveOptions: LiveOperationOptions<ImportResult, string> = {
  start: async (name) => ({ operationId: name }),
};
export const components = [OpwireProvider, ProgressTracker, useLiveOperation] as const;

export async function onFastify(options: OpwireFastifyOptions): Promise<string> {
  const fastify = Fastify();
  await fastify.register(opwireFastify, options);
  const { id } = fastify.opwire.operation.start('export', { audience: { user: 'u1' } });
  return id;
}

export function onExpress(): Promise<RoutesCheck> {
  const app = express();
  const { opwire, authenticate, attach, checkRoutes } = opwireExpress(app, { allowAnonymous: true });
  app.get('/api/me', authenticate, (req, res) => {
    const userId: string | undefined = req.opwirePrincipal?.userId;
    res.json({ userId, stats: opwire.stats() });
  });
  attach(app.listen(0));
  return checkRoutes();
}

declare const snapshot: OperationSnapshot<ImportResult>;
// @ts-expect-error percent is a number: this fails to compile if the types resolved to any
export const notAString: string = snapshot.percent;
`;

export const requireTypesConsumer = `import { PatternRegistry } from '@opwire/protocol';
import { createOpwire, jwtAuth } from '@opwire/server';
import { redisStore } from '@opwire/server/redis';
import { registerOpwireMetrics } from '@opwire/server/prom-client';
import { opwireExpress } from '@opwire/server/express';
import { opwireFastify } from '@opwire/server/fastify';
import { createOpwireClient } from '@opwire/client';
import { useOperation } from '@opwire/react';

const registry = new PatternRegistry<number>();
registry.add('jobs.**', 1);
export const found: number[] = registry.match('jobs.import.rows');
export const functions = [
  createOpwire,
  jwtAuth,
  redisStore,
  registerOpwireMetrics,
  opwireExpress,
  opwireFastify,
  createOpwireClient,
  useOperation,
] as const;
`;

export const cjsConsumer = `'use strict';
const assert = require('node:assert/strict');
const protocol = require('@opwire/protocol');
const server = require('@opwire/server');
const redis = require('@opwire/server/redis');
const fastifySubpath = require('@opwire/server/fastify');
const expressSubpath = require('@opwire/server/express');
const client = require('@opwire/client');
const react = require('@opwire/react');

const registry = new protocol.PatternRegistry();
registry.add('jobs.*', 'one');
registry.add('jobs.**', 'many');
assert.deepEqual(registry.match('jobs.import').sort(), ['many', 'one']);
assert.deepEqual(registry.match('jobs.import.rows'), ['many']);
assert.equal(registry.matches('billing.invoice'), false);
assert.equal(protocol.PROTOCOL_VERSION, 1);

for (const name of ['createOpwire', 'jwtAuth', 'defineOperation', 'memoryStore', 'defineEvents']) {
  assert.equal(typeof server[name], 'function', '@opwire/server ' + name);
}
assert.equal(typeof fastifySubpath.opwireFastify, 'function');
assert.equal(fastifySubpath.default, fastifySubpath.opwireFastify);
assert.equal(typeof expressSubpath.opwireExpress, 'function');
const auth = server.jwtAuth({
  secret: 'a-secret',
  algorithms: ['HS256'],
  claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
});
assert.equal(typeof auth, 'function');
for (const name of ['redisStore', 'redisAdapter', 'createOpwireEmitter', 'trackBullJob']) {
  assert.equal(typeof redis[name], 'function', '@opwire/server/redis ' + name);
}
assert.equal(
  typeof server.jwksAuth({
    jwksUri: 'https://id.example.com/.well-known/jwks.json',
    algorithms: ['RS256'],
    claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
  }),
  'function',
);

assert.equal(typeof client.createOpwireClient, 'function');
const opwireClient = client.createOpwireClient({ url: 'http://127.0.0.1:9', autoConnect: false });
assert.equal(typeof opwireClient.operation, 'function');
opwireClient.close();

for (const name of ['OpwireProvider', 'useOperation', 'useLiveOperation', 'ProgressTracker']) {
  assert.equal(typeof react[name], 'function', '@opwire/react ' + name);
}

// One copy of the protocol behind every package: errors compare by class.
assert.equal(server.OpwireError, protocol.OpwireError);
assert.equal(client.OpwireError, protocol.OpwireError);
assert.equal(react.OpwireError, protocol.OpwireError);
assert.ok(new protocol.OpwireError('not_found', 'gone') instanceof Error);

// prom-client, loaded by require() in the CommonJS build too.
const { registerOpwireMetrics } = require('@opwire/server/prom-client');
const { Registry } = require('prom-client');
const opwire = server.createOpwire({ server: require('node:http').createServer(), allowAnonymous: true });
const promRegistry = new Registry();
registerOpwireMetrics(opwire, promRegistry);
promRegistry.metrics().then(async (text) => {
  assert.match(text, /^opwire_connections\\{kind="authenticated"\\} 0$/m);
  await opwire.close();
  console.log(JSON.stringify({ ok: true }));
});
`;

/** The packed-import route and its job, shared by the Express and Fastify servers. */
const importJob = `const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const runImport = (rows) => async (op) => {
  await pause(300);
  op.progress(40, 'first half');
  await pause(300);
  op.progress(80, 'second half');
  await pause(300);
  return { imported: rows };
};
const importOptions = { audience: { user: 'u1' }, title: 'Packed import' };
const auth = jwtAuth({
  secret: process.env.OPWIRE_SECRET,
  algorithms: ['HS256'],
  claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
});
`;

/** Express with the helper; the HTTP server is created after the routes, behind a 404 catch-all. */
export const e2eServer = `import { jwtAuth } from '@opwire/server';
import { opwireExpress } from '@opwire/server/express';
import express from 'express';
${importJob}
const app = express();
const { opwire, authenticate, attach, checkRoutes } = opwireExpress(app, { auth });

app.post('/api/imports', express.json(), authenticate, (req, res) => {
  const rows = Number(req.body?.rows ?? 0);
  const audience = { user: req.opwirePrincipal.userId };
  const { id } = opwire.operation.track('packed-import', runImport(rows), { ...importOptions, audience });
  res.status(202).json({ operationId: id });
});
app.use((_req, res) => res.status(404).json({ error: 'Not found' }));

const server = attach(app.listen(0, '127.0.0.1'));
server.once('listening', async () => {
  const routes = await checkRoutes();
  console.log(JSON.stringify({ port: server.address().port, routes }));
});
process.once('SIGTERM', async () => {
  await opwire.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
`;

/** Fastify 5 with the plugin. */
export const e2eFastifyServer = `import { jwtAuth } from '@opwire/server';
import { opwireFastify } from '@opwire/server/fastify';
import Fastify from 'fastify';
${importJob}
const fastify = Fastify();
await fastify.register(opwireFastify, { auth });

fastify.post('/api/imports', async (request, reply) => {
  const rows = Number(request.body?.rows ?? 0);
  const { id } = fastify.opwire.operation.track('packed-import', runImport(rows), importOptions);
  return reply.code(202).send({ operationId: id });
});

await fastify.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: fastify.server.address().port }));
process.once('SIGTERM', async () => {
  await fastify.close();
  process.exit(0);
});
`;

export const e2eClient = `import { createOpwireClient } from '@opwire/client';
import jwt from 'jsonwebtoken';

const url = process.env.OPWIRE_URL;
const token = jwt.sign({ sub: 'u1' }, process.env.OPWIRE_SECRET, {
  algorithm: 'HS256',
  expiresIn: '5m',
});
const client = createOpwireClient({ url, token: () => token, transports: ['websocket'] });

const response = await fetch(url + '/api/imports', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
  body: JSON.stringify({ rows: 42 }),
});
const { operationId } = await response.json();
const handle = client.operation(operationId);
const seen = [];
handle.subscribe((snapshot) => {
  if (snapshot) seen.push({ status: snapshot.status, percent: snapshot.percent, message: snapshot.message });
});
const result = await handle.done;
const final = handle.getSnapshot();
client.close();
console.log(
  JSON.stringify({
    httpStatus: response.status,
    operationId,
    result,
    final: { status: final.status, percent: final.percent, title: final.title },
    seen,
  }),
);
process.exit(0);
`;

export const reactConsumer = `import { createOpwireClient } from '@opwire/client';
import { OpwireProvider, ProgressTracker, useLiveOperation, useOperation } from '@opwire/react';
import type { ReactNode } from 'react';

interface ImportResult {
  imported: number;
}

function Status({ operationId }: { operationId: string | null }): ReactNode {
  const { status, percent, message, result } = useOperation<ImportResult>(operationId);
  if (status === 'succeeded') return <p>Imported {result?.imported ?? 0} rows</p>;
  return (
    <progress max={100} value={percent}>
      {message}
    </progress>
  );
}

function Importer(): ReactNode {
  const [state, { execute, cancel, reset }] = useLiveOperation<ImportResult, string>({
    start: async (file) => {
      const response = await fetch('/api/imports', { method: 'POST', body: file });
      return (await response.json()) as { operationId: string };
    },
    onComplete: (result) => {
      console.log(result?.imported);
    },
    onError: (error) => {
      console.error(error.message);
    },
  });
  return (
    <div>
      <button type="button" disabled={state.isActive} onClick={() => void execute('users.csv')}>
        Import
      </button>
      <button type="button" onClick={() => void cancel('no longer needed')}>
        Cancel
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <ProgressTracker<ImportResult>
        operationId={state.operationId}
        stages={['parsing', { name: 'saving', label: 'Saving rows' }]}
        render={({ percent, stages, activeStage, timeLeftMs }) => (
          <span>
            {percent}% ({activeStage?.name ?? 'waiting'}, {stages.length} stages, {timeLeftMs ?? '?'} ms)
          </span>
        )}
      />
      <ProgressTracker operationId={state.operationId} label="Import progress" />
      <Status operationId={state.operationId} />
    </div>
  );
}

const client = createOpwireClient({
  url: 'https://api.example.com',
  token: () => 'token',
  autoConnect: false,
});

export function App(): ReactNode {
  return (
    <OpwireProvider client={client}>
      <Importer />
    </OpwireProvider>
  );
}

export function AppWithOptions(): ReactNode {
  return (
    <OpwireProvider options={{ url: 'https://api.example.com' }}>
      <Status operationId={null} />
    </OpwireProvider>
  );
}
`;
