import { json, writeFiles } from './packing.js';

/**
 * A project with the packed server and client and nothing optional: no Redis
 * packages, no ioredis, no bullmq, no jwks-rsa, no prom-client. socket.io and
 * socket.io-client are the oldest releases the peer ranges allow.
 */

export const FLOOR = { 'socket.io': '4.6.1', 'socket.io-client': '4.6.0' } as const;

/** Optional peers the minimal project must not have. */
export const ABSENT = [
  '@socket.io/redis-adapter',
  '@socket.io/redis-emitter',
  'ioredis',
  'bullmq',
  'jwks-rsa',
  'prom-client',
  'express',
  'fastify',
  'fastify-plugin',
] as const;

/** Uses every feature that needs an optional peer, and prints what each one threw. */
const optionalPeersBody = (load: string) => `${load}

const outcomes = {};
async function attempt(name, use) {
  try {
    await use();
    outcomes[name] = 'no error';
  } catch (error) {
    outcomes[name] = { code: error.code, message: error.message };
  }
}
// A stand-in for an ioredis client: the missing package is reported before the client is used.
const redis = { duplicate: () => redis };
await attempt('redisAdapter', () => redisPackage.redisAdapter({ redis }));
await attempt('createOpwireEmitter', () => redisPackage.createOpwireEmitter({ redis }));
await attempt('jwksAuth', () =>
  server.jwksAuth({
    jwksUri: 'https://id.example.com/.well-known/jwks.json',
    algorithms: ['RS256'],
    claims: (payload) => ({ userId: String(payload.sub), roles: [] }),
  }),
);
await attempt('registerOpwireMetrics', () =>
  promClient.registerOpwireMetrics({ stats: () => ({}) }, {}),
);
await attempt('opwireFastify', () => loadSubpath('@opwire/server/fastify'));
await attempt('opwireExpress', async () => {
  const { opwireExpress } = await loadSubpath('@opwire/server/express');
  const mounted = [];
  const { opwire } = opwireExpress({ use: (handler) => mounted.push(handler) }, { allowAnonymous: true });
  await opwire.close();
  if (mounted.length !== 1) throw new Error('nothing mounted');
});
console.log(JSON.stringify(outcomes));
`;

const optionalPeersEsm = optionalPeersBody(`import * as server from '@opwire/server';
import * as redisPackage from '@opwire/server/redis';
import * as promClient from '@opwire/server/prom-client';
const loadSubpath = (name) => import(name);`);

const optionalPeersCjs = optionalPeersBody(`const server = require('@opwire/server');
const redisPackage = require('@opwire/server/redis');
const promClient = require('@opwire/server/prom-client');
const loadSubpath = async (name) => require(name);
(async () => {`).concat('})();\n');

/** A server and a client in one process, on the oldest socket.io the ranges allow. */
const floorEndToEnd = `import { createServer } from 'node:http';
import { createOpwire } from '@opwire/server';
import { createOpwireClient } from '@opwire/client';

const http = createServer();
const opwire = createOpwire({
  server: http,
  auth: ({ token }) => (token === 'let-me-in' ? { userId: 'u1', roles: [] } : null),
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const url = 'http://127.0.0.1:' + http.address().port;
const client = createOpwireClient({ url, token: () => 'let-me-in' });
await new Promise((resolve) => client.onStatusChange(({ status }) => status === 'connected' && resolve()));
const { id } = opwire.operation.track('floor-check', async (op) => {
  op.progress(50, 'half way');
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ok: true };
}, { audience: { user: 'u1' } });
const result = await client.operation(id).done;
client.close();
await opwire.close();
http.close();
console.log(JSON.stringify({ result }));
`;

/** Type-checks the main entries with library checks on: they must not need an optional peer's types. */
const mainEntryTypes = `import { createOpwire, jwksAuth, jwtAuth, type OpwireAdapter } from '@opwire/server';
import { createOpwireClient } from '@opwire/client';
import type { Namespace, Server } from 'socket.io';

declare const namespace: Namespace;
declare const io: Server;
export const adapter: OpwireAdapter | undefined = undefined;
export const make = () => [
  createOpwire({ server: namespace, auth: jwtAuth({ secret: 's', algorithms: ['HS256'], claims: () => null }) }),
  createOpwire({ server: io, allowAnonymous: true }),
  jwksAuth,
  createOpwireClient({ url: 'http://localhost' }),
];
`;

export function setUpMinimalProject(dir: string, dep: (name: string) => string): void {
  writeFiles(dir, {
    'package.json': json({
      name: 'opwire-packed-minimal-consumer',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: {
        '@opwire/protocol': dep('@opwire/protocol'),
        '@opwire/server': dep('@opwire/server'),
        '@opwire/client': dep('@opwire/client'),
        ...FLOOR,
        '@types/node': '^20.19.43',
      },
    }),
    'optional-peers.mjs': optionalPeersEsm,
    'optional-peers.cjs': optionalPeersCjs,
    'floor.mjs': floorEndToEnd,
    'src/main-entry.ts': mainEntryTypes,
    'tsconfig.json': json({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['es2022'],
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['src/main-entry.ts'],
    }),
  });
}
