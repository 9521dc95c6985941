import type { OpwireError } from '@opwire/protocol';
import type * as RedisStreamsAdapterPackage from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import { requireOptionalPeer } from '../optionalPeer.js';
import type { RedisClient } from './redisClient.js';
import { reportedPublisher } from './reportedPublisher.js';

/**
 * Delivery between nodes through a Redis stream (Socket.IO's Redis Streams
 * adapter) instead of pub/sub: a node whose link to Redis drops reads what
 * it missed once it is back, up to `maxLen` messages. Web nodes
 * (`redisAdapter`) and workers (`createOpwireEmitter`) must use the same
 * settings. See docs/scaling.md for what it costs.
 */
export interface RedisStreamsOptions {
  /** The stream's key; every message of the namespace goes through it. @default 'socket.io' */
  streamName?: string;
  /**
   * About how many messages the stream keeps (trimmed approximately): how
   * much a node cut off from Redis can still catch up on.
   * @default 10000
   */
  maxLen?: number;
}

/** Socket.IO's Redis Streams adapter on `redis`, its failed writes reported to `onFailure`. */
export function streamsAdapter(
  redis: RedisClient,
  options: RedisStreamsOptions,
  neededBy: string,
  onFailure: (error: OpwireError) => void,
): ServerOptions['adapter'] {
  const { createAdapter } = requireOptionalPeer<typeof RedisStreamsAdapterPackage>(
    '@socket.io/redis-streams-adapter',
    neededBy,
  );
  return createAdapter(reportedPublisher(redis, onFailure), {
    ...(options.streamName === undefined ? {} : { streamName: options.streamName }),
    ...(options.maxLen === undefined ? {} : { maxLen: options.maxLen }),
  });
}
