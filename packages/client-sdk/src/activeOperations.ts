import type { OperationSnapshot } from '@opwire/protocol';
import { createListenerSet, type Unsubscribe } from './listenerSet.js';
import { isActive, type OperationEntry } from './operationEntry.js';

export interface ActiveOperations {
  /** Running operations, oldest first; the same array until `changed()` is called. */
  snapshot(): readonly OperationSnapshot[];
  /** Calls `listener` now and after every change. */
  subscribe(listener: (operations: readonly OperationSnapshot[]) => void): Unsubscribe;
  /** Says a running operation changed, started or ended. */
  changed(): void;
}

/**
 * The list of running operations as a store for `useSyncExternalStore` and
 * Svelte: a cached array rebuilt only after a change, and only when read or
 * listened to, so a stream of progress events costs nothing without readers.
 */
export function createActiveOperations(
  entries: () => Iterable<OperationEntry>,
  onError: (error: unknown) => void,
): ActiveOperations {
  const listeners = createListenerSet<readonly OperationSnapshot[]>(onError);
  let cache: readonly OperationSnapshot[] | null = null;

  function snapshot(): readonly OperationSnapshot[] {
    if (cache === null) {
      const list: OperationSnapshot[] = [];
      for (const entry of entries()) {
        if (isActive(entry) && entry.snapshot !== null) list.push(entry.snapshot);
      }
      cache = list.sort((a, b) => a.startedAt - b.startedAt);
    }
    return cache;
  }

  return {
    snapshot,
    subscribe(listener) {
      const off = listeners.add(listener);
      listener(snapshot());
      return off;
    },
    changed() {
      cache = null;
      if (listeners.size > 0) listeners.emit(snapshot());
    },
  };
}
