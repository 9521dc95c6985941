import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Server } from 'socket.io';
import { BENCH_JWT_SECRET } from '../lib/identity.mjs';
import { countRedisCommands } from './redisCommandCounter.mjs';

/**
 * Hand-written Socket.IO, the way most teams write it today: rooms from the
 * handshake, a `join` event, `io.to(room).emit(...)`, progress as one emit per
 * call. With `recovery`, Socket.IO's connection state recovery replays what a
 * briefly disconnected client missed. With `jwt`, a middleware verifies the
 * handshake's JWT (HS256, its key prepared once) and takes user and tenant
 * from its claims, as a hand-written server that authenticates would.
 *
 * @param {import('node:http').Server} httpServer
 * @param {{ recovery?: boolean, jwt?: boolean, redisUrl?: string, redisKey?: string }} config
 * @returns {Promise<import('./flavor.mjs').ServerFlavor>}
 */
export async function createRawFlavor(httpServer, config) {
  /** @type {Partial<import('socket.io').ServerOptions>} */
  const options = { serveClient: false };
  if (config.recovery) {
    options.connectionStateRecovery = { maxDisconnectionDuration: 120_000, skipMiddlewares: true };
  }
  /** @type {import('ioredis').Redis[]} */
  const redisClients = [];
  /** @type {() => Record<string, number>} */
  let redisCommands = () => ({});
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const publisher = new Redis(config.redisUrl);
    const subscriber = publisher.duplicate();
    redisCommands = countRedisCommands(publisher);
    redisClients.push(publisher, subscriber);
    options.adapter = createAdapter(publisher, subscriber, { key: config.redisKey ?? 'socket.io' });
  }
  const io = new Server(httpServer, options);
  if (config.jwt) io.use(verifyJwt());

  io.on('connection', (socket) => {
    const { userId, tenantId } = socket.data.identity ?? socket.handshake.auth ?? {};
    if (!socket.recovered) socket.join([`user:${userId}`, `tenant:${tenantId}`]);
    socket.on('join', (room, ack) => {
      socket.join(String(room));
      if (typeof ack === 'function') ack({ ok: true });
    });
  });

  /** @type {Map<string, number>} */
  const seqs = new Map();

  return {
    path: '/socket.io',
    connections: () => io.of('/').sockets.size,
    redisCommands: () => redisCommands(),
    send(room, topic, payload) {
      io.to(room).emit(topic, payload);
    },
    operation(room, id) {
      let seq = 1;
      seqs.set(id, seq);
      io.to(room).emit('operation.started', { id, seq });
      return {
        progress(percent, details) {
          seq += 1;
          seqs.set(id, seq);
          io.to(room).emit('operation.progress', { id, seq, percent, details });
        },
        complete(result) {
          seq += 1;
          seqs.set(id, seq);
          io.to(room).emit('operation.completed', { id, seq, result });
          return Promise.resolve();
        },
      };
    },
    async lastSeq(id) {
      return seqs.get(id) ?? 0;
    },
    async close() {
      io.close();
      for (const client of redisClients) client.disconnect();
    },
  };
}

/**
 * A Socket.IO middleware that accepts a handshake only with a valid bench JWT.
 * @returns {(socket: import('socket.io').Socket, next: (error?: Error) => void) => void}
 */
function verifyJwt() {
  const key = createSecretKey(Buffer.from(BENCH_JWT_SECRET));
  return (socket, next) => {
    try {
      const claims = /** @type {import('jsonwebtoken').JwtPayload} */ (
        jwt.verify(String(socket.handshake.auth?.token), key, { algorithms: ['HS256'] })
      );
      socket.data.identity = { userId: String(claims.sub), tenantId: String(claims.tid) };
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  };
}
