import { EventEmitter } from 'eventemitter3';
import type { OpwireServerEvents } from './lifecycleEvents.js';
import type { EventSchemas } from './messaging/defineEvents.js';
import type { Delivery } from './messaging/delivery.js';
import { createMessenger, type Messenger } from './messaging/messenger.js';
import type { OperationRuntime } from './operations/operationRuntime.js';
import {
  createOperationsApi,
  type LocalOperations,
  type OperationsApi,
} from './operations/operationsApi.js';
import { realTimers } from './operations/progressCoalescer.js';
import { ServerStats } from './stats/serverStats.js';
import type { OperationStore } from './store/operationStore.js';

export interface CoreOptions {
  store: OperationStore;
  delivery: Delivery;
  progressIntervalMs: number;
  validatePayloads: boolean;
  schemas: EventSchemas | undefined;
}

/** Operations and messaging over a store and a delivery: shared by web servers and workers. */
export interface Core {
  runtime: OperationRuntime;
  running: LocalOperations;
  operation: OperationsApi;
  messenger: Messenger<never>;
  events: EventEmitter<OpwireServerEvents>;
  /** Sends pending progress and waits until every running operation's events are out. */
  flush(): Promise<void>;
  /** Stops relaying cancel requests to this process. */
  detach(): void;
}

export function createCore(options: CoreOptions): Core {
  const events = new EventEmitter<OpwireServerEvents>();
  const stats = new ServerStats();
  const runtime: OperationRuntime = {
    store: options.store,
    delivery: options.delivery,
    events,
    stats,
    timers: realTimers,
    progressIntervalMs: options.progressIntervalMs,
    validatePayloads: options.validatePayloads,
  };
  const running: LocalOperations = new Map();
  const { store } = options;
  if (store.relayCancel) runtime.cancelRemote = store.relayCancel.bind(store);
  const unsubscribe = store.onCancelRequest?.((operationId, reason) => {
    running.get(operationId)?.requestCancel(reason);
  });

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
    async flush() {
      for (const live of running.values()) live.flush();
      await Promise.all([...running.values()].map((live) => live.settled()));
    },
    detach() {
      unsubscribe?.();
    },
  };
}
