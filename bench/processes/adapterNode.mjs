// One process of the adapter comparison (bench/streamsAdapter.mjs): a web node (a Socket.IO
// server whose sockets all join room "r") or a worker, on Socket.IO's classic Redis adapter
// (the worker publishes with @socket.io/redis-emitter) or its Redis Streams adapter (the
// worker holds a headless Socket.IO server on the same adapter, its only way in).
import { createServer } from 'node:http';
import { createAdapter as createPubSubAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { childConfig, exitWithParent, serve } from './serve.mjs';

const { role, flavor, redisUrl } = childConfig();
exitWithParent();
// Commands wait for Redis to come back however long it is cut off.
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
redis.on('error', () => {});

const adapter = () => {
  if (flavor === 'streams') return createStreamsAdapter(redis);
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  return createPubSubAdapter(redis, subscriber);
};

/** @type {(i: number) => void} */
let send;
/** @type {Record<string, unknown>} */
let ready = {};
if (role === 'node') {
  const http = createServer();
  const io = new Server(http, { adapter: adapter(), transports: ['websocket'] });
  io.on('connection', (socket) => socket.join('r'));
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = http.address();
  ready = { port: typeof address === 'object' && address ? address.port : 0 };
} else if (flavor === 'streams') {
  const io = new Server({ adapter: adapter() });
  send = (i) => io.to('r').emit('m', { i, t: Date.now() });
} else {
  const emitter = new Emitter(redis);
  send = (i) => emitter.to('r').emit('m', { i, t: Date.now() });
}
await redis.ping();

serve(
  {
    cpu: () => process.cpuUsage(),
    /** Sends `count` messages at `rate` per second, numbered from `from`. */
    async burst({ from, count, rate }) {
      const started = performance.now();
      for (let k = 0; k < count; k += 1) {
        send(from + k);
        const due = started + ((k + 1) * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  },
  ready,
);
