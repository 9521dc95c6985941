import { OpwireError } from '@opwire/protocol';
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
import type { Messenger } from '../messaging/messenger.js';
import type { OperationsApi } from '../operations/operationsApi.js';
import { defaults, type LifecycleOptions, lifecycleOptions } from '../options.js';
import type { OperationStore } from '../store/operationStore.js';
import type { RedisClient } from './redisClient.js';
import { redisStore } from './redisStore.js';
import type { RedisStreamsOptions } from './redisStreams.js';
import { pubSubDelivery, streamsDelivery } from './workerDelivery.js';

/** Where a worker's emitter reaches the web nodes, and how it reports. */
export interface OpwireEmitterOptions<TSchemas extends EventSchemas = EventSchemas> {
  /** An ioredis client reaching the same Redis (or Redis Cluster, as a `Cluster`) as the web nodes. */
  redis: RedisClient;
  /** The store the web nodes use. @default redisStore({ redis }) */
  store?: OperationStore;
  /** Channel prefix of the web nodes' Redis adapter (pub/sub). @default 'socket.io' */
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
  /**
   * The web nodes deliver through a Redis stream (`redisAdapter({ streams })`):
   * the same settings. This process then holds a Socket.IO server without
   * HTTP on the streams adapter, which also reads every message of the
   * stream. @default pub/sub, through `@socket.io/redis-emitter`
   */
  streams?: RedisStreamsOptions;
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
 * by the web nodes through `@socket.io/redis-emitter` (or, with `streams`, a
 * Redis stream). Cancel requests made on any web node reach the operation's
 * `op.signal` here. Rejects with `unavailable` when Redis cannot be reached.
 */
export async function createOpwireEmitter<TSchemas extends EventSchemas = EventSchemas>(
  options: OpwireEmitterOptions<TSchemas>,
): Promise<
  OpwireEmitter<EventSchemas extends TSchemas ? UntypedEvents : inferEvents<{ schemas: TSchemas }>>
> {
  if (!options?.redis || typeof options.redis.duplicate !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'createOpwireEmitter needs an ioredis client: { redis: new Redis(url) } (npm install ioredis).',
    );
  }
  // Reported once the core (and its events) exists; no publish happens before.
  let reportFailure = (_error: OpwireError) => {};
  const workerDelivery = options.streams
    ? streamsDelivery(options.redis, options.streams, options.namespace, (error) =>
        reportFailure(error),
      )
    : pubSubDelivery(options, (error) => reportFailure(error));
  const { delivery, close: closeDelivery } = workerDelivery;
  const lifecycle = lifecycleOptions(options.lifecycle);
  const store = options.store ?? redisStore({ redis: options.redis });
  try {
    await store.ready?.();
  } catch (error) {
    await closeDelivery();
    throw error;
  }
  const storedPublisher = workerDelivery.storedPublisher?.(store);
  const core = createCore({
    store,
    delivery,
    ...(storedPublisher ? { storedPublisher } : {}),
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
        await closeDelivery();
        if (options.store === undefined) await store.close();
      })();
      return closing;
    },
  };
  return result as never;
}
