import { OpwireError } from '@opwire/protocol';
import type * as RedisAdapterPackage from '@socket.io/redis-adapter';
import { requireOptionalPeer } from '../optionalPeer.js';
import type { OpwireAdapter } from '../options.js';
import { watchClusterRecovery } from './clusterRecovery.js';
import { orderedPublisher } from './orderedPublisher.js';
import { isClusterClient, type RedisClient } from './redisClient.js';
import { reportedPublisher } from './reportedPublisher.js';

/** The Redis connection Socket.IO's adapter uses between web nodes. */
export interface RedisAdapterOptions {
  /**
   * An ioredis client for publishing; a duplicate of it subscribes. On a
   * Redis Cluster pass an ioredis `Cluster`: the classic adapter publishes on
   * classic channels, which the cluster forwards to every node, so workers'
   * `createOpwireEmitter` reaches it too.
   */
  redis: RedisClient;
  /**
   * Channel prefix shared with `createOpwireEmitter` (and any Socket.IO Redis emitter).
   * @default 'socket.io'
   */
  key?: string;
}

/**
 * Wires Socket.IO's own Redis adapter (`@socket.io/redis-adapter`) so events
 * emitted on any node, or by a worker through `createOpwireEmitter`, reach
 * sockets on every node. Pass it as `createOpwire({ adapter })`.
 */
export function redisAdapter(options: RedisAdapterOptions): OpwireAdapter {
  const { createAdapter } = requireOptionalPeer<typeof RedisAdapterPackage>(
    '@socket.io/redis-adapter',
    'redisAdapter()',
  );
  const redis = options?.redis;
  if (!redis || typeof redis.duplicate !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'redisAdapter needs an ioredis client: redisAdapter({ redis: new Redis(url) }) (npm install ioredis).',
    );
  }
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {
    // ioredis reconnects by itself and the adapter re-subscribes; errors also reach the caller's client.
  });
  const recovered = new Set<() => void>();
  let readyBefore = false;
  subscriber.on('ready', () => {
    // Every ready after the first one follows an outage. ioredis sends its SUBSCRIBE commands
    // right after announcing 'ready'; a PING queued behind them is answered only once Redis
    // has taken them, so listeners hear of the recovery when messages flow again, not before.
    if (readyBefore) {
      queueMicrotask(() => {
        subscriber.ping().then(notifyRecovered, () => {
          // The link dropped again; the next 'ready' tells.
        });
      });
    }
    readyBefore = true;
  });
  const notifyRecovered = () => {
    for (const listener of recovered) listener();
  };
  const failed = new Set<(error: OpwireError) => void>();
  const publisher = reportedPublisher(
    isClusterClient(redis) ? orderedPublisher(redis) : redis,
    (error) => {
      for (const listener of failed) listener(error);
    },
  );
  const stopWatching =
    isClusterClient(redis) && isClusterClient(subscriber)
      ? watchClusterRecovery([redis, subscriber], notifyRecovered)
      : () => {};
  return {
    createAdapter: createAdapter(publisher, subscriber, { key: options.key ?? 'socket.io' }),
    async ready() {
      try {
        await Promise.all([redis.ping(), subscriber.ping()]);
      } catch (error) {
        throw new OpwireError(
          'unavailable',
          `opwire cannot reach Redis for the adapter (${(error as Error).message}).`,
          {
            cause: error,
          },
        );
      }
    },
    onRecovered(listener) {
      recovered.add(listener);
      return () => recovered.delete(listener);
    },
    onError(listener) {
      failed.add(listener);
      return () => failed.delete(listener);
    },
    async close() {
      stopWatching();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
