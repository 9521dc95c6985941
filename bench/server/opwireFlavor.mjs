import { createOpwire, jwtAuth } from '@opwire/server';
import { BENCH_JWT_SECRET } from '../lib/identity.mjs';
import { countRedisCommands } from './redisCommandCounter.mjs';

/**
 * The same server written with opwire: JWT authentication, built-in user and
 * tenant rooms, a policy for the bench's custom rooms, `opwire.to().emit()`
 * and operations. With `redisUrl`, the Redis store and adapter of
 * `@opwire/server/redis`.
 *
 * @param {import('node:http').Server} httpServer
 * @param {{ progressIntervalMs?: number, redisUrl?: string, redisKey?: string }} config
 * @returns {Promise<import('./flavor.mjs').ServerFlavor>}
 */
export async function createOpwireFlavor(httpServer, config) {
  /** @type {import('ioredis').Redis | undefined} */
  let redis;
  /** @type {() => Record<string, number>} */
  let redisCommands = () => ({});
  /** @type {Partial<import('@opwire/server').OpwireOptions>} */
  const scaleOut = {};
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    const { redisAdapter, redisStore } = await import('@opwire/server/redis');
    redis = new Redis(config.redisUrl);
    redisCommands = countRedisCommands(redis);
    const key = config.redisKey ?? 'socket.io';
    scaleOut.store = redisStore({ redis, prefix: `${key}:opwire:` });
    scaleOut.adapter = redisAdapter({ redis, key });
  }
  const opwire = createOpwire({
    server: httpServer,
    auth: jwtAuth({
      secret: BENCH_JWT_SECRET,
      algorithms: ['HS256'],
      claims: (payload) => ({
        userId: String(payload.sub),
        tenantId: String(payload.tid),
        roles: [],
      }),
    }),
    rooms: { 'bench:{name}': () => true },
    ...(config.progressIntervalMs === undefined
      ? {}
      : { progressIntervalMs: config.progressIntervalMs }),
    ...scaleOut,
  });
  opwire.events.on('error', (error) => console.error(`opwire error: ${error.message}`));
  await opwire.ready();

  return {
    path: '/opwire/socket.io',
    connections: () => opwire.io.of('/').sockets.size,
    redisCommands: () => redisCommands(),
    send(room, topic, payload) {
      opwire.to({ rooms: [room] }).emit(topic, payload);
    },
    operation(room, id) {
      const op = opwire.operation.start('bench', { audience: { rooms: [room] }, id });
      return {
        progress(percent, details) {
          op.progress(percent, undefined, details);
        },
        async complete(result) {
          op.complete(result);
          await op.done;
        },
      };
    },
    async lastSeq(id) {
      return (await opwire.operation.get(id))?.seq ?? 0;
    },
    async close() {
      await opwire.close();
      redis?.disconnect();
    },
  };
}
