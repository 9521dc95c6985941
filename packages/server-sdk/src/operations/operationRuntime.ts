import type { EventEmitter } from 'eventemitter3';
import type { OpwireServerEvents } from '../lifecycleEvents.js';
import type { Delivery } from '../messaging/delivery.js';
import type { ServerStats } from '../stats/serverStats.js';
import type {
  AppendOptions,
  AppendResult,
  BatchAppend,
  EventDraft,
  OperationStore,
} from '../store/operationStore.js';
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

/** How a run stores its events: the store's own appends, or appends that also publish. */
export interface RunAppends {
  append(draft: EventDraft, conditions: AppendOptions): Promise<AppendResult>;
  /** Absent when the store has no batch append; a run then appends its events one by one. */
  appendBatch?(
    drafts: readonly EventDraft[],
    conditions: AppendOptions,
  ): Promise<BatchAppend | null>;
  /** Each stored event is already published: the run must not send it again. */
  publishes: boolean;
}

/** The services every live operation uses. */
export interface OperationRuntime {
  store: OperationStore;
  delivery: Delivery;
  /** The appends of a run's events; when they do not publish, a stored event goes out through `delivery`. */
  appends: RunAppends;
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

/** A run's appends: the publishing ones when there are, else the store's own. */
export function runAppends(
  store: OperationStore,
  publisher: StoredPublisher | undefined,
): RunAppends {
  if (publisher) {
    return {
      append: (draft, conditions) => publisher.append(draft, conditions),
      appendBatch: (drafts, conditions) => publisher.appendBatch(drafts, conditions),
      publishes: true,
    };
  }
  const appends: RunAppends = {
    append: (draft, conditions) => store.append(draft, conditions),
    publishes: false,
  };
  if (store.appendBatch) {
    appends.appendBatch = (drafts, conditions) =>
      store.appendBatch?.(drafts, conditions) ?? Promise.resolve(null);
  }
  return appends;
}
