import type { EventEmitter } from 'eventemitter3';
import type { OpwireServerEvents } from '../lifecycleEvents.js';
import type { Delivery } from '../messaging/delivery.js';
import type { ServerStats } from '../stats/serverStats.js';
import type { OperationStore } from '../store/operationStore.js';
import type { Timers } from './progressCoalescer.js';

/** The services every live operation uses. */
export interface OperationRuntime {
  store: OperationStore;
  delivery: Delivery;
  events: EventEmitter<OpwireServerEvents>;
  stats: ServerStats;
  timers: Timers;
  /** 0 turns coalescing off. */
  progressIntervalMs: number;
  validatePayloads: boolean;
  /**
   * Asks the process that runs an operation to cancel it, when that is not
   * this one (a worker behind Redis). Resolves whether a runner was reached.
   */
  cancelRemote?: (operationId: string, reason: string | undefined) => Promise<boolean>;
}
