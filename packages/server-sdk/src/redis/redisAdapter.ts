import { OpwireError } from '@opwire/protocol';
import type * as RedisAdapterPackage from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import { offerStoredPublisher } from '../operations/storedPublisher.js';
import { requireOptionalPeer } from '../optionalPeer.js';
import type { OpwireAdapter } from '../options.js';
import { adapterFrames } from './adapterFrames.js';
import { watchClusterRecovery } from './clusterRecovery.js';
import { orderedPublisher } from './orderedPublisher.js';
import { publishOnCommit } from './publishOnCommit.js';
import { isClusterClient, type RedisClient } from './redisClient.js';
import { type RedisStreamsOptions, streamsAdapter } from './redisStreams.js';
import { reportedPublisher } from './reportedPublisher.js';
import { reportedSubscriber } from './reportedSubscriber.js';

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
  /**
   * Deliver through a Redis stream (`@socket.io/redis-streams-adapter`, to
   * install) instead of pub/sub, so a node whose link to Redis drops reads
   * what it missed when it is back. Workers' `createOpwireEmitter` must be
   * given the same `streams`. @default pub/sub
   */
  streams?: RedisStreamsOptions;
}

/**
 * Wires Socket.IO's own Redis adapter (`@socket.io/redis-adapter`, or with
 * `streams` its Redis Streams adapter) so events emitted on any node, or by a
 * worker through `createOpwireEmitter`, reach sockets on every node. Pass it
 * as `createOpwire({ adapter })`.
 */
export function redisAdapter(options: RedisAdapterOptions): OpwireAdapter {
  const redis = options?.redis;
  if (!redis || typeof redis.duplicate !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'redisAdapter needs an ioredis client: redisAdapter({ redis: new Redis(url) }) (npm install ioredis).',
    );
  }
  const failed = new Set<(error: OpwireError) => void>();
  const report = (error: OpwireError) => {
    for (const listener of failed) listener(error);
  };
  const recovered = new Set<() => void>();
  const notifyRecovered = () => {
    for (const listener of recovered) listener();
  };

  const key = options.key ?? 'socket.io';
  let createAdapter: ServerOptions['adapter'];
  // The connection whose reconnects tell that delivery between nodes recovered.
  let watched: RedisClient;
  let subscriber: RedisClient | undefined;
  if (options.streams) {
    // The streams adapter makes its own duplicates of `redis` to read with; they go down with it.
    createAdapter = streamsAdapter(redis, options.streams, 'redisAdapter({ streams })', report);
    watched = redis;
  } else {
    const pubSub = requireOptionalPeer<typeof RedisAdapterPackage>(
      '@socket.io/redis-adapter',
      'redisAdapter()',
    );
    subscriber = redis.duplicate();
    subscriber.on('error', () => {
      // ioredis reconnects by itself and the adapter re-subscribes; errors also reach the caller's client.
    });
    const publisher = reportedPublisher(orderedPublisher(redis), report);
    createAdapter = pubSub.createAdapter(publisher, reportedSubscriber(subscriber, report), {
      key,
    });
    watched = subscriber;
  }
  const stopReconnects = watchReconnects(watched, notifyRecovered);
  const stopWatching =
    isClusterClient(redis) && isClusterClient(watched)
      ? watchClusterRecovery(watched === redis ? [redis] : [redis, watched], notifyRecovered)
      : () => {};
  const adapter: OpwireAdapter = {
    createAdapter,
    async ready() {
      try {
        await Promise.all([redis.ping(), subscriber?.ping()]);
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
      stopReconnects();
      stopWatching();
      await subscriber?.quit().catch(() => subscriber?.disconnect());
    },
  };
  if (!options.streams) {
    offerStoredPublisher(adapter, (store, namespace) => {
      const frames = adapterFrames(namespace, key);
      return frames && publishOnCommit(store, redis, frames);
    });
  }
  return adapter;
}

/** Calls `onRecovered` on every 'ready' of `client` after its first one (each follows an outage). */
function watchReconnects(client: RedisClient, onRecovered: () => void): () => void {
  let readyBefore = client.status === 'ready';
  const onReady = () => {
    // ioredis sends its SUBSCRIBE (or pending XREAD) commands right after announcing 'ready';
    // a PING queued behind them is answered only once Redis has taken them, so listeners
    // hear of the recovery when messages flow again, not before.
    if (readyBefore) {
      queueMicrotask(() => {
        client.ping().then(onRecovered, () => {
          // The link dropped again; the next 'ready' tells.
        });
      });
    }
    readyBefore = true;
  };
  client.on('ready', onReady);
  return () => client.off('ready', onReady);
}
