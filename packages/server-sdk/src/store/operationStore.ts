import type { OperationEvent, OperationSnapshot, OperationTopic } from '@opwire/protocol';

/** An event before the store gave it its `seq`. */
export interface EventDraft {
  /** The operation the event belongs to. */
  operationId: string;
  /** What happened; `payload` must be this topic's payload. */
  topic: OperationTopic;
  /** The topic's payload. */
  payload: OperationEvent['payload'];
  /** Server time when the event was made, milliseconds since the Unix epoch. */
  ts: number;
}

/** What ends an operation whose owner stopped renewing its lease. */
export type LeaseLossPolicy =
  /** It ends `failed` with code `owner_lost`. */
  | 'fail'
  /** It goes back to `queued`: its queue runs it again (a BullMQ job the queue will retry). */
  | 'requeue';

/** Who runs an operation: the process instance holding its lease. */
export interface OperationOwner {
  /** The owning process instance (one per `createOpwire` or `createOpwireEmitter`). */
  id: string;
  /**
   * Fencing token: grows by one at every change of owner. Only a writer
   * holding the current token may append, so a process that comes back after
   * its lease was taken over cannot write again.
   */
  token: number;
  /** Lease length in ms: the operation is lost when its owner does not renew it for this long. */
  leaseMs: number;
  /**
   * When the lease runs out, by the store's clock (ms since the epoch); `null`
   * where the lease cannot run out because the process is the store (memory store).
   */
  leaseUntil: number | null;
  /** What ends the operation when the lease runs out. */
  onLost: LeaseLossPolicy;
}

/** An operation as the store holds it: its snapshot, its owner and its queue. */
export interface OperationRecord {
  /** The operation's snapshot. */
  snapshot: OperationSnapshot;
  /** Who runs it, or `null` (waiting in its queue, or ended). */
  owner: OperationOwner | null;
  /** The queue whose job runs it, or `null` when it is not queue-backed. */
  queue: string | null;
  /** The last fencing token handed out (kept after the owner let go). */
  token: number;
}

/** Ownership taken with an append: a start, or the claim of an attempt. */
export interface OwnerClaim {
  /** The process instance taking the operation. */
  id: string;
  /** Lease length in ms. */
  leaseMs: number;
  /** What ends the operation when the lease runs out. */
  onLost: LeaseLossPolicy;
}

/**
 * Conditions and ownership changes of one {@link OperationStore.append}. The
 * store checks every condition atomically with the write, across processes.
 */
export interface AppendOptions {
  /** Write only while the store's fencing token is this one (the writer still owns the operation); a successful write renews the lease. */
  token?: number;
  /** Take ownership with this append (a start, or the claim of an attempt); the token grows by one. */
  claim?: OwnerClaim;
  /** Give ownership up with this append (the operation goes back to its queue). */
  release?: boolean;
  /** With `operation.started`: the queue whose job runs the operation. */
  queue?: string;
  /** Write only when this holds for the stored record. */
  when?: (record: OperationRecord) => boolean;
  /** Write only when the owner's lease has run out, by the store's clock. */
  leaseExpired?: boolean;
}

/** What {@link OperationStore.append} did with a draft. */
export type AppendResult =
  | {
      /** The event was stored. */
      status: 'appended';
      /** The stored event, with its `seq`. */
      event: OperationEvent;
      /** The operation's snapshot with the event applied. */
      snapshot: OperationSnapshot;
      /** The fencing token after the write (a new one when the append claimed ownership). */
      token: number;
    }
  | {
      /** `operation.started` for an id the store still holds. */
      status: 'conflict';
      /** The operation already held under that id. */
      snapshot: OperationSnapshot;
    }
  | {
      /** Any other event for an id the store does not hold. */
      status: 'not_found';
    }
  | {
      /** The operation already ended; a terminal state is final. */
      status: 'ended';
      /** Its final snapshot. */
      snapshot: OperationSnapshot;
    }
  | {
      /**
       * A condition did not hold: another owner holds the operation now (the
       * token differs), `when` was false, or the lease has not run out.
       */
      status: 'refused';
      /** The stored record the conditions were checked against. */
      record: OperationRecord;
    };

/** What {@link OperationStore.appendBatch} stored. */
export interface BatchAppend {
  /** The stored events, with their `seq`, in order. */
  events: OperationEvent[];
  /** The snapshot after each event. */
  snapshots: OperationSnapshot[];
  /** The fencing token after the write. */
  token: number;
}

/** What {@link OperationStore.eventsAfter} found. */
export type HistoryResult =
  | {
      /** The store holds every event after the requested `seq`. */
      status: 'events';
      /** Those events, in `seq` order; empty when there are none. */
      events: OperationEvent[];
    }
  | {
      /** The store no longer holds every event after the requested `seq`. */
      status: 'history_gone';
      /** The operation's current snapshot, to send instead. */
      snapshot: OperationSnapshot;
    }
  | {
      /** The store does not hold the operation. */
      status: 'not_found';
    };

/** Which snapshots {@link OperationStore.list} returns. */
export interface ListFilter {
  /** `active`: operations still queued or running; `all`: ended ones too. */
  status: 'active' | 'all';
  /** Only operations whose audience shares one of these rooms; all when absent. */
  rooms?: readonly string[];
  /** Most snapshots returned, newest first. */
  limit: number;
}

/**
 * Where operations live: a snapshot plus the latest events of each, so a
 * client that missed events can resume, and who runs each one. One interface
 * for every back end; the server never asks which one it has.
 */
export interface OperationStore {
  /** Changes whenever the store lost its history (a memory store after a restart). */
  epoch(): Promise<string>;
  /**
   * The part of an epoch that `operationId`'s `seq` counts in, for stores
   * that lose data in parts (a Redis Cluster shard): a resume compares these
   * parts, so losing one part sends snapshots only for the operations it held.
   * The whole epoch when absent.
   */
  epochOf?(epoch: string, operationId: string): string;
  /**
   * Assigns the next `seq` atomically, applies the event with the protocol
   * reducer, keeps it in the history and saves the snapshot, when every
   * condition in `options` holds.
   */
  append(draft: EventDraft, options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends several progress events of one operation in one write, in order,
   * under one check of `options` (a `token` only): all of them, or none and
   * `null`, and the caller appends them one at a time. Stores where a write
   * costs a round trip provide it, so events that queued up behind a write
   * go out together.
   */
  appendBatch?(drafts: readonly EventDraft[], options: AppendOptions): Promise<BatchAppend | null>;
  /** The operation's snapshot, or `null` when the store does not hold it. */
  get(operationId: string): Promise<OperationSnapshot | null>;
  /** The operation with its owner and queue, or `null`. */
  record(operationId: string): Promise<OperationRecord | null>;
  /** Events with `seq` greater than `afterSeq`, in order. */
  eventsAfter(operationId: string, afterSeq: number): Promise<HistoryResult>;
  /** Snapshots matching `filter`, newest first. */
  list(filter: ListFilter): Promise<OperationSnapshot[]>;
  /**
   * Extends the lease of a running operation while `token` is still the
   * current one: `renewed`; `lost` when the writer no longer owns it (another
   * owner took it over, or it ended); `missing` when the store does not hold
   * it (it lost its data: the owner writes it back with `restore`).
   */
  renew(operationId: string, token: number, leaseMs: number): Promise<RenewResult>;
  /**
   * Running operations whose lease has probably run out, oldest first, for a
   * sweeper to end (each through `append` with `leaseExpired`, which decides).
   * Stores whose owners can die while the store lives (shared by processes)
   * provide it; in the memory store the process is the owner.
   */
  expiredLeases?(limit: number): Promise<OperationRecord[]>;
  /** Ids of `queue`'s waiting operations that entered `queued`, or were last checked, before `before`. */
  queuedBefore(queue: string, before: number, limit: number): Promise<string[]>;
  /** Records that a waiting operation of `queue` was checked at `at`, or forgets it (`null`). */
  markQueued(queue: string, operationId: string, at: number | null): Promise<void>;
  /** Drops index entries of operations the store no longer holds; a sweeper calls it now and then. */
  prune?(): Promise<void>;
  /**
   * Writes back a running operation the back end lost (Redis restarted
   * without persistence), so its later events can still be stored.
   * History before it is gone; the epoch has changed, so resuming clients get
   * a snapshot.
   */
  restore?(record: OperationRecord): Promise<void>;
  /** Fails with a clear error when the back end cannot be reached. */
  ready?(): Promise<void>;
  /**
   * Carries cancel requests to the process that runs an operation. Stores
   * shared by several processes provide one; without it a cancel reaches the
   * operations of this process only.
   */
  readonly cancelRelay?: CancelRelay;
  /** Releases the store's timers and connections; `opwire.close()` calls it. */
  close(): Promise<void>;
}

/** What {@link OperationStore.renew} found. */
export type RenewResult = 'renewed' | 'lost' | 'missing';

/**
 * Cancel requests between the processes that share a store: not storage, but
 * kept beside it because the processes that share a store are the ones to reach.
 */
export interface CancelRelay {
  /**
   * Asks whichever process runs the operation to cancel it (or, with `queue`,
   * a process watching that queue to remove its waiting job); resolves
   * whether any process was reached.
   */
  request(operationId: string, reason: string | undefined, queue?: string): Promise<boolean>;
  /** Hears requests relayed by other processes; returns an unsubscribe function. */
  listen(handler: CancelRequestHandler): () => void;
}

/** Hears one relayed cancel request. */
export type CancelRequestHandler = (
  operationId: string,
  reason: string | undefined,
  queue: string | undefined,
) => void;
