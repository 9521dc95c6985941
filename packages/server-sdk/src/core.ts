import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'eventemitter3';
import type { OpwireServerEvents } from './lifecycleEvents.js';
import type { EventSchemas } from './messaging/defineEvents.js';
import type { Delivery } from './messaging/delivery.js';
import { createMessenger, type Messenger } from './messaging/messenger.js';
import {
  type LeaseSettings,
  type OperationRuntime,
  runAppends,
} from './operations/operationRuntime.js';
import {
  createOperationsApi,
  type LocalOperations,
  type OperationsApi,
} from './operations/operationsApi.js';
import { realTimers } from './operations/progressCoalescer.js';
import { RemoteRuns } from './operations/remoteRuns.js';
import type { StoredPublisher } from './operations/storedPublisher.js';
import { Sweeper } from './operations/sweeper.js';
import { ServerStats } from './stats/serverStats.js';
import type { OperationStore } from './store/operationStore.js';

export interface CoreOptions {
  store: OperationStore;
  delivery: Delivery;
  /** Appends that publish what they store, when the store and the delivery share a Redis. */
  storedPublisher?: StoredPublisher;
  progressIntervalMs: number;
  validatePayloads: boolean;
  schemas: EventSchemas | undefined;
  lease: LeaseSettings;
  sweepIntervalMs: number;
}

/** Operations and messaging over a store and a delivery: shared by web servers and workers. */
export interface Core {
  runtime: OperationRuntime;
  running: LocalOperations;
  operation: OperationsApi;
  messenger: Messenger<never>;
  events: EventEmitter<OpwireServerEvents>;
  /** Ends expired leases and vanished queue jobs now (the sweeper also runs on its own). */
  sweep(): Promise<void>;
  /** Sends pending progress and waits until every running operation's events are out. */
  flush(): Promise<void>;
  /**
   * Waits up to `graceMs` for the operations running here to end, then ends
   * the rest `owner_shutdown` (or sends them back to their queue), stores
   * and sends every event, and stops sweeping and relaying cancel requests.
   */
  shutdown(graceMs: number): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = new EventEmitter<OpwireServerEvents>();
  const stats = new ServerStats();
  const { store } = options;
  const runtime: OperationRuntime = {
    store,
    delivery: options.delivery,
    appends: runAppends(store, options.storedPublisher),
    events,
    stats,
    timers: realTimers,
    progressIntervalMs: options.progressIntervalMs,
    validatePayloads: options.validatePayloads,
    ownerId: randomUUID(),
    lease: options.lease,
    remote: new RemoteRuns(store, Math.min(1_000, options.sweepIntervalMs)),
    queues: new Map(),
  };
  const running: LocalOperations = new Map();
  const relay = store.cancelRelay;
  if (relay) runtime.cancelRemote = (id, reason, queue) => relay.request(id, reason, queue);
  const unsubscribe = relay?.listen((operationId, reason, queue) => {
    if (queue === undefined) {
      running.get(operationId)?.requestCancel(reason);
      return;
    }
    runtime.queues
      .get(queue)
      ?.remove(operationId)
      .catch(() => {});
  });
  const sweeper = new Sweeper(runtime, options.sweepIntervalMs);
  sweeper.start();

  const flush = async () => {
    for (const live of running.values()) live.flush();
    await Promise.all([...running.values()].map((live) => live.settled()));
  };

  return {
    runtime,
    running,
    operation: createOperationsApi(runtime, running),
    messenger: createMessenger<never>(
      options.delivery,
      stats,
      options.schemas,
      options.validatePayloads,
    ),
    events,
    sweep: () => sweeper.sweep(),
    flush,
    async shutdown(graceMs) {
      await sweeper.stop();
      const lives = [...running.values()];
      if (lives.length > 0 && graceMs > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const graceOver = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([Promise.all(lives.map((live) => live.outcome)), graceOver]);
        clearTimeout(timer);
      }
      for (const live of running.values()) live.shutdown();
      await flush();
      await Promise.all(lives.map((live) => live.settled()));
      unsubscribe?.();
      runtime.remote.close();
    },
  };
}
