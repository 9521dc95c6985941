import { encodeOperationEvent, type OpwireError, SOCKET_EVENTS } from '@opwire/protocol';
import type * as RedisEmitterPackage from '@socket.io/redis-emitter';
import { Server } from 'socket.io';
import type { Delivery } from '../messaging/delivery.js';
import type { StoredPublisher } from '../operations/storedPublisher.js';
import { requireOptionalPeer } from '../optionalPeer.js';
import type { OperationStore } from '../store/operationStore.js';
import { emitterFrames } from './emitterFrames.js';
import { orderedPublisher } from './orderedPublisher.js';
import { publishOnCommit } from './publishOnCommit.js';
import type { RedisClient } from './redisClient.js';
import { type RedisStreamsOptions, streamsAdapter } from './redisStreams.js';
import { reportedPublisher } from './reportedPublisher.js';

/** How a worker's events reach the web nodes' sockets, and how that stops. */
export interface WorkerDelivery {
  delivery: Delivery;
  /** Pairs the worker's store with the delivery, when the store's commits can publish. */
  storedPublisher?(store: OperationStore): StoredPublisher | undefined;
  close(): Promise<void>;
}

/** What both ways of delivering need to send to rooms of one namespace. */
interface RoomSender {
  emit(event: string, ...payload: unknown[]): unknown;
  to(rooms: string[]): { emit(event: string, ...payload: unknown[]): unknown };
  in(room: string): { socketsLeave(room: string): unknown };
}

const deliveryTo = (target: RoomSender): Delivery => ({
  send(rooms, envelope) {
    if (rooms === 'all') target.emit(SOCKET_EVENTS.message, envelope);
    else target.to([...rooms]).emit(SOCKET_EVENTS.message, envelope);
  },
  sendOperation(rooms, events) {
    target.to([...rooms]).emit(SOCKET_EVENTS.operation, ...events.map(encodeOperationEvent));
  },
  clearRoom(room) {
    target.in(room).socketsLeave(room);
  },
});

/** Publishes on the classic adapter's channels with `@socket.io/redis-emitter`. */
export function pubSubDelivery(
  options: { redis: RedisClient; key?: string; namespace?: string },
  onFailure: (error: OpwireError) => void,
): WorkerDelivery {
  const { Emitter } = requireOptionalPeer<typeof RedisEmitterPackage>(
    '@socket.io/redis-emitter',
    'createOpwireEmitter()',
  );
  const { redis } = options;
  const key = options.key ?? 'socket.io';
  const namespace = options.namespace ?? '/';
  const publisher = reportedPublisher(orderedPublisher(redis), onFailure);
  const emitter = new Emitter(publisher, { key }).of(namespace);
  return {
    delivery: deliveryTo(emitter),
    storedPublisher: (store) =>
      publishOnCommit(store, redis, emitterFrames(Emitter, key, namespace)),
    close: async () => {},
  };
}

/**
 * Adds to the web nodes' Redis stream through a Socket.IO server of its own
 * (no HTTP, no sockets) on the streams adapter, the only writer Socket.IO
 * offers for it.
 */
export function streamsDelivery(
  redis: RedisClient,
  streams: RedisStreamsOptions,
  namespace: string | undefined,
  onFailure: (error: OpwireError) => void,
): WorkerDelivery {
  const io = new Server({
    adapter: streamsAdapter(redis, streams, 'createOpwireEmitter({ streams })', onFailure),
  });
  const target = io.of(namespace ?? '/');
  return {
    delivery: deliveryTo(target as unknown as RoomSender),
    // `io.close()` expects an HTTP engine; without one, closing the adapters stops their readers.
    close: async () => {
      const adapters = new Set([io.sockets.adapter, target.adapter]);
      await Promise.all([...adapters].map((adapter) => adapter.close()));
    },
  };
}
