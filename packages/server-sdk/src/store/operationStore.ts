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

/** What {@link OperationStore.append} did with a draft. */
export type AppendResult =
  | {
      /** The event was stored. */
      status: 'appended';
      /** The stored event, with its `seq`. */
      event: OperationEvent;
      /** The operation's snapshot with the event applied. */
      snapshot: OperationSnapshot;
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
    };

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
 * client that missed events can resume. One interface for every back end;
 * the server never asks which one it has.
 */
export interface OperationStore {
  /** Changes whenever the store lost its history (a memory store after a restart). */
  epoch(): Promise<string>;
  /**
   * Assigns the next `seq` atomically, applies the event with the protocol
   * reducer, keeps it in the history and saves the snapshot.
   */
  append(draft: EventDraft): Promise<AppendResult>;
  /** The operation's snapshot, or `null` when the store does not hold it. */
  get(operationId: string): Promise<OperationSnapshot | null>;
  /** Events with `seq` greater than `afterSeq`, in order. */
  eventsAfter(operationId: string, afterSeq: number): Promise<HistoryResult>;
  /** Snapshots matching `filter`, newest first. */
  list(filter: ListFilter): Promise<OperationSnapshot[]>;
  /**
   * Writes back the snapshot of a running operation the back end lost (Redis
   * restarted without persistence), so its later events can still be stored.
   * History before it is gone; the epoch has changed, so resuming clients get
   * a snapshot.
   */
  restore?(snapshot: OperationSnapshot): Promise<void>;
  /** Fails with a clear error when the back end cannot be reached. */
  ready?(): Promise<void>;
  /**
   * Asks whichever process runs the operation to cancel it. Stores shared by
   * several processes provide it; resolves whether any process was reached.
   */
  relayCancel?(operationId: string, reason: string | undefined): Promise<boolean>;
  /** Hears cancel requests relayed by other processes; returns an unsubscribe function. */
  onCancelRequest?(handler: (operationId: string, reason: string | undefined) => void): () => void;
  /** Releases the store's timers and connections; `opwire.close()` calls it. */
  close(): Promise<void>;
}
