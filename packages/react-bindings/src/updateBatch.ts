import type { RenderScheduler } from './renderScheduler.js';

/** Gathers store notifications and delivers them together. Internal. */
export interface UpdateBatch {
  /** Calls `listener` at the next flush; a listener queued twice is called once. */
  notify(listener: () => void): void;
}

/**
 * Queues listeners and calls them all in one synchronous run when `schedule`
 * says so. React batches the updates of one run into a single render, so a
 * burst of events costs one render per flush, not one per event. A listener
 * that throws does not stop the others; the first error is rethrown after.
 */
export function createUpdateBatch(schedule: RenderScheduler): UpdateBatch {
  const queued = new Set<() => void>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const listeners = [...queued];
    queued.clear();
    let failure: { error: unknown } | null = null;
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }

  return {
    notify(listener) {
      queued.add(listener);
      if (scheduled) return;
      scheduled = true;
      schedule(flush);
    },
  };
}
