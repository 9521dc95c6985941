import { encodeOperationEvent, OpwireError, SOCKET_EVENTS } from '@opwire/protocol';
import type * as RedisEmitterPackage from '@socket.io/redis-emitter';
import type { EventEmitter } from 'eventemitter3';
import { createCore } from '../core.js';
import type { CloseOptions } from '../createOpwire.js';
import type { OpwireServerEvents } from '../lifecycleEvents.js';
import type {
  EventSchemas,
  EventsDefinition,
  inferEvents,
  UntypedEvents,
} from '../messaging/defineEvents.js';
import type { Delivery } from '../messaging/delivery.js';
import type { Messenger } from '../messaging/messenger.js';
import type { OperationsApi } from '../operations/operationsApi.js';
import { requireOptionalPeer } from '../optionalPeer.js';
import { defaults, type LifecycleOptions, lifecycleOptions } from '../options.js';
import type { OperationStore } from '../store/operationStore.js';
import { orderedPublisher } from './orderedPublisher.js';
import { isClusterClient, type RedisClient } from './redisClient.js';
import { redisStore } from './redisStore.js';
import { reportedPublisher } from './reportedPublisher.js';

/** Where a worker's emitter reaches the web nodes, and how it reports. */
export interface OpwireEmitterOptions<TSchemas extends EventSchemas = EventSchemas> {
  /** An ioredis client reaching the same Redis (or Redis Cluster, as a `Cluster`) as the web nodes. */
  redis: RedisClient;
  /** The store the web nodes use. @default redisStore({ redis }) */
  store?: OperationStore;
  /** Channel prefix of the web nodes' Redis adapter. @default 'socket.io' */
  key?: string;
  /** The web nodes' Socket.IO namespace. @default '/' */
  namespace?: string;
  /** At most one progress message per operation per this many ms. @default 100 */
  progressIntervalMs?: number;
  /** Validate payloads against `defineOperation`/`defineEvents` schemas. @default NODE_ENV !== 'production' */
  validatePayloads?: boolean;
  /** Typed application events from `defineEvents()`, the same definition the web nodes use. */
  events?: EventsDefinition<TSchemas>;
  /** Leases of the operations this worker runs, its sweeps and its shutdown grace period. */
  lifecycle?: Partial<LifecycleOptions>;
}

/** A process without a socket server (a worker) reporting to the web nodes' clients. */
export interface OpwireEmitter<TEvents = UntypedEvents> extends Messenger<TEvents> {
  /** `track` and `start` operations, stored in Redis and delivered by the web nodes. */
  readonly operation: OperationsApi;
  /** Lifecycle events of this process's operations and its errors, as on `createOpwire`. */
  readonly events: EventEmitter<OpwireServerEvents>;
  /**
   * Waits up to the grace period (`lifecycle.shutdownGraceMs`, or
   * `options.graceMs`) for the operations running here to end, ends the rest
   * `failed` with code `owner_shutdown` (a queued job's attempt goes back to
   * its queue when the queue will retry it), sends every event, and stops
   * sweeping and listening for cancel requests.
   */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * For worker processes: the same `operation.track/start`, `to().emit()`,
 * `toast` and `refreshTables` as `createOpwire`, stored in Redis and delivered
 * by the web nodes through `@socket.io/redis-emitter`. Cancel requests made on
 * any web node reach the operation's `op.signal` here. Rejects with
 * `unavailable` when Redis cannot be reached.
 */
export async function createOpwireEmitter<TSchemas extends EventSchemas = EventSchemas>(
  options: OpwireEmitterOptions<TSchemas>,
): Promise<
  OpwireEmitter<EventSchemas extends TSchemas ? UntypedEvents : inferEvents<{ schemas: TSchemas }>>
> {
  const { Emitter } = requireOptionalPeer<typeof RedisEmitterPackage>(
    '@socket.io/redis-emitter',
    'createOpwireEmitter()',
  );
  if (!options?.redis || typeof options.redis.duplicate !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'createOpwireEmitter needs an ioredis client: { redis: new Redis(url) } (npm install ioredis).',
    );
  }
  const lifecycle = lifecycleOptions(options.lifecycle);
  const store = options.store ?? redisStore({ redis: options.redis });
  await store.ready?.();
  // Reported once the core (and its events) exists; no publish happens before.
  let reportFailure = (_error: OpwireError) => {};
  const publisher = reportedPublisher(
    isClusterClient(options.redis) ? orderedPublisher(options.redis) : options.redis,
    (error) => reportFailure(error),
  );
  const emitter = new Emitter(publisher, { key: options.key ?? 'socket.io' }).of(
    options.namespace ?? '/',
  );
  const delivery: Delivery = {
    send(rooms, envelope) {
      if (rooms === 'all') emitter.emit(SOCKET_EVENTS.message, envelope);
      else emitter.to([...rooms]).emit(SOCKET_EVENTS.message, envelope);
    },
    sendOperation(rooms, event) {
      emitter.to([...rooms]).emit(SOCKET_EVENTS.operation, encodeOperationEvent(event));
    },
    clearRoom(room) {
      emitter.in(room).socketsLeave(room);
    },
  };
  const core = createCore({
    store,
    delivery,
    progressIntervalMs: options.progressIntervalMs ?? defaults.progressIntervalMs,
    validatePayloads: options.validatePayloads ?? process.env.NODE_ENV !== 'production',
    schemas: options.events?.schemas,
    lease: { leaseMs: lifecycle.leaseMs, renewMs: lifecycle.leaseRenewMs },
    sweepIntervalMs: lifecycle.sweepIntervalMs,
  });
  reportFailure = (error) => core.events.emit('error', error);
  let closing: Promise<void> | undefined;
  const result: OpwireEmitter<UntypedEvents> = {
    ...(core.messenger as Messenger<UntypedEvents>),
    operation: core.operation,
    events: core.events,
    close(closeOptions = {}) {
      closing ??= (async () => {
        await core.shutdown(closeOptions.graceMs ?? lifecycle.shutdownGraceMs);
        if (options.store === undefined) await store.close();
      })();
      return closing;
    },
  };
  return result as never;
}
