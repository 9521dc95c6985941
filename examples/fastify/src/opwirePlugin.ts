import { createOpwire, type Opwire, type OpwireOptions } from '@opwire/server';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    opwire: Opwire;
  }
}

export type OpwirePluginOptions = Omit<OpwireOptions, 'server'>;

/**
 * Attaches opwire to Fastify's HTTP server, serves its HTTP API under
 * /opwire/api, exposes it as `fastify.opwire` and closes it with Fastify.
 */
const opwirePlugin: FastifyPluginAsync<OpwirePluginOptions> = async (fastify, options) => {
  const opwire = createOpwire({ ...options, server: fastify.server });
  fastify.decorate('opwire', opwire);
  fastify.all('/opwire/api/*', (request, reply) => {
    reply.hijack();
    opwire.http(request.raw, reply.raw);
  });
  fastify.addHook('preClose', () => opwire.close());
};

export default fp(opwirePlugin, { name: 'opwire', fastify: '5.x' });
