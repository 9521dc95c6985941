/**
 * The Fastify plugin: `fastify.register(opwireFastify, options)`.
 *
 * @module @opwire/server/fastify
 */
export type { OpwireFastifyOptions } from './opwireFastify.js';
export { opwireFastify, opwireFastify as default } from './opwireFastify.js';
