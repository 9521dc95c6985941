import { isTerminalStatus, type OperationSnapshot, type OpwireError } from '@opwire/protocol';
import type { Unsubscribe } from './listenerSet.js';
import type { OperationEntry } from './operationEntry.js';
import type { OperationStore } from './operationStore.js';
import { estimateTimeLeft } from './timeLeft.js';

/**
 * A live view of one operation, following the store contract that React's
 * `useSyncExternalStore`, Svelte stores and Vue refs bind to.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 */
export interface OperationHandle<TResult = unknown, TDetails = unknown> {
  /** The operation id, as the server returned it. */
  readonly id: string;
  /**
   * The current snapshot, or `null` until the first one arrives. The same
   * object is returned until the operation changes, so it can be compared by
   * reference.
   */
  getSnapshot(): OperationSnapshot<TResult, TDetails> | null;
  /**
   * Calls `listener` right away with the current snapshot and again after
   * every change; returns the function that stops it. This is both the
   * `useSyncExternalStore` subscribe function and a Svelte store.
   */
  subscribe(listener: (snapshot: OperationSnapshot<TResult, TDetails> | null) => void): Unsubscribe;
  /**
   * Settles when the operation ends: resolves with its result, rejects with
   * an `OpwireError` whose code is `operation_failed`, `operation_cancelled`
   * or `not_found` (or `closed` when the client closes first).
   */
  readonly done: Promise<TResult | null>;
  /** Why the operation cannot be followed (`not_found`), or `null`. */
  readonly error: OpwireError | null;
  /**
   * Asks the server to cancel the operation. Resolves once the request was
   * accepted; the operation's own `operation.cancelled` event follows. Rejects
   * with `forbidden`, `not_found` or `conflict` (it already ended).
   */
  cancel(reason?: string): Promise<void>;
  /**
   * Estimated milliseconds until the operation ends, from its observed rate
   * of progress and its declared `estimatedDurationMs`; `0` once it ended and
   * `null` while nothing is known. `now` is server time, which the client
   * derives from its clock and the server's.
   */
  timeLeft(now?: number): number | null;
}

/** What a handle needs from the client. Internal. */
export interface HandleContext {
  store: OperationStore;
  cancel(id: string, reason?: string): Promise<void>;
  serverNow(): number;
}

export function createOperationHandle<TResult, TDetails>(
  entry: OperationEntry,
  context: HandleContext,
): OperationHandle<TResult, TDetails> {
  type Snapshot = OperationSnapshot<TResult, TDetails>;
  return {
    id: entry.id,
    getSnapshot: () => entry.snapshot as Snapshot | null,
    subscribe: (listener) =>
      context.store.subscribeEntry(entry, listener as (snapshot: OperationSnapshot | null) => void),
    get done() {
      return context.store.done(entry) as Promise<TResult | null>;
    },
    get error() {
      return entry.error;
    },
    cancel: (reason) => context.cancel(entry.id, reason),
    timeLeft(now = context.serverNow()) {
      const snapshot = entry.snapshot;
      if (snapshot === null) return null;
      if (isTerminalStatus(snapshot.status)) return 0;
      return estimateTimeLeft({
        samples: entry.samples,
        startedAt: snapshot.startedAt,
        estimatedDurationMs: snapshot.estimatedDurationMs,
        now,
      });
    },
  };
}
