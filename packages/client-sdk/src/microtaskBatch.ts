/** Collects items and hands them over together at the end of the current tick. */
export interface MicrotaskBatch<T> {
  add(item: T): void;
}

/**
 * Batches what is asked for within one synchronous run of code (a component
 * tree rendering many handles, a burst of messages) into one `flush` call.
 * An item added twice before the flush is handed over once.
 */
export function createMicrotaskBatch<T>(flush: (items: T[]) => void): MicrotaskBatch<T> {
  const queued = new Set<T>();
  return {
    add(item) {
      queued.add(item);
      if (queued.size > 1) return;
      queueMicrotask(() => {
        const items = [...queued];
        queued.clear();
        flush(items);
      });
    },
  };
}
