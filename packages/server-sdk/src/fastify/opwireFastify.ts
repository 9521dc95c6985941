import type { FastifyPluginAsync } from 'fastify';
import type fastifyPlugin from 'fastify-plugin';
import { assembleOpwire } from '../assembleOpwire.js';
import type { Opwire } from '../createOpwire.js';
import type { EventSchemas } from '../messaging/defineEvents.js';
import { requireOptionalPeer } from '../optionalPeer.js';
import type { OpwireOptions } from '../options.js';
import { attachSocketServer } from '../socket/attach.js';
import { registerOpwireRoutes } from './fastifyRoutes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The opwire server the `@opwire/server/fastify` plugin registered. */
    opwire: Opwire;
  }
}

/**
 * Options of the Fastify plugin: those of `createOpwire` without `server`
 * (the plugin attaches to `fastify.server`). The HTTP routes are registered
 * under `httpBasePath`.
 */
export type OpwireFastifyOptions = Omit<OpwireOptions<EventSchemas>, 'server'>;

const fp = requireOptionalPeer<typeof fastifyPlugin>('fastify-plugin', '@opwire/server/fastify');

const plugin: FastifyPluginAsync<OpwireFastifyOptions> = async (fastify, options) => {
  const { opwire, http } = assembleOpwire(options, (attachOptions) =>
    attachSocketServer(fastify.server, attachOptions),
  );
  fastify.decorate('opwire', opwire);
  // Before Fastify closes its server, which waits for every connection: opwire's
  // sockets get their last events and are disconnected first.
  fastify.addHook('preClose', () => opwire.close());
  await fastify.register((instance) => registerOpwireRoutes(instance, http), {
    prefix: http.basePath,
  });
};

/**
 * opwire as a Fastify 5 plugin: attaches Socket.IO to `fastify.server`,
 * registers the HTTP routes under `httpBasePath` (default `/opwire/api`)
 * through Fastify's router, so the app's hooks and error handler apply,
 * decorates the instance with `fastify.opwire`, and closes opwire when
 * Fastify closes.
 *
 * @example
 * const fastify = Fastify();
 * await fastify.register(opwireFastify, { auth: jwtAuth({ secret, algorithms: ['HS256'], claims }) });
 * fastify.post('/api/exports', async () => fastify.opwire.operation.track('export', run, { audience }));
 */
export const opwireFastify: FastifyPluginAsync<OpwireFastifyOptions> = fp(plugin, {
  name: '@opwire/server/fastify',
  fastify: '5.x',
});
