// The opwire demo backend on Fastify 5.
import { opwireFastify } from '@opwire/server/fastify';
import { demoAuth } from '@opwire-examples/demo-kit';
import Fastify from 'fastify';
import { demoRoutes } from './routes.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const fastify = Fastify();
await fastify.register(opwireFastify, { auth: demoAuth() });
await fastify.register(demoRoutes);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => fastify.close().then(() => process.exit(0)));
}

const address = await fastify.listen({ port, host });
console.log(`opwire Fastify example listening on ${address}`);
