import type { EventEmitter } from 'eventemitter3';
import type { OpwireServerEvents } from '../lifecycleEvents.js';
import type { Delivery } from '../messaging/delivery.js';
import type { ServerStats } from '../stats/serverStats.js';
import type { OperationStore } from '../store/operationStore.js';
import type { Timers } from './progressCoalescer.js';
import type { QueueWatch } from './queueWatch.js';
import type { RemoteRuns } from './remoteRuns.js';
import type { StoredPublisher } from './storedPublisher.js';

/** How long a lease lasts and how often its owner renews it. */
export interface LeaseSettings {
  /** An operation is lost when its owner does not renew its lease for this long. */
  leaseMs: number;
  /** How often an owner renews each of its leases; below `leaseMs`. */
  renewMs: number;
}

/** The services every live operation uses. */
export interface OperationRuntime {
  store: OperationStore;
  delivery: Delivery;
  /**
   * Appends that also publish the event, used for the events of a run; without
   * it, an event is sent through `delivery` once stored.
   */
  storedPublisher?: StoredPublisher;
  events: EventEmitter<OpwireServerEvents>;
  stats: ServerStats;
  timers: Timers;
  /** 0 turns coalescing off. */
  progressIntervalMs: number;
  validatePayloads: boolean;
  /** This process instance, as the owner of the operations it runs. */
  ownerId: string;
  /** Default lease of the operations this process runs. */
  lease: LeaseSettings;
  /** Follows runs other processes own until they end. */
  remote: RemoteRuns;
  /** Queues this process watches, by name. */
  queues: Map<string, QueueWatch>;
  /**
   * Asks the process that runs an operation to cancel it, when that is not
   * this one (a worker behind Redis); with `queue`, a process watching that
   * queue removes the waiting job. Resolves whether a process was reached.
   */
  cancelRemote?: (
    operationId: string,
    reason: string | undefined,
    queue?: string,
  ) => Promise<boolean>;
}
