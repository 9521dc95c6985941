import { OpwireError } from '@opwire/protocol';
import type { HttpApi } from './httpApi.js';
import type { OperationStore } from './operationStore.js';
import { type CancelTimer, startTimer } from './timers.js';

/** What the fallback keeps current: the client's operation store. */
export type PolledStore = Pick<OperationStore, 'applySnapshot' | 'followed' | 'markMissing'>;

export interface PollingFallback {
  /** Starts polling `store` (first poll right away) unless it already runs. */
  start(store: PolledStore): void;
  stop(): void;
  readonly active: boolean;
}

export interface PollingFallbackOptions {
  intervalMs: number;
  api: HttpApi;
  onError(error: unknown): void;
}

/**
 * Keeps followed operations current over the server's HTTP handler while no
 * socket can connect: each round lists the principal's active operations,
 * then fetches the followed ones the list no longer holds (they ended, or
 * belong to a room the list does not cover). Snapshots go through the same
 * store, so they never move progress backwards.
 */
export function createPollingFallback(options: PollingFallbackOptions): PollingFallback {
  const { api } = options;
  let cancelTimer: CancelTimer | null = null;
  let running = false;
  // Each start() begins a new generation, so a round still in flight from before a stop() cannot
  // schedule a second loop next to the new one.
  let generation = 0;
  let lastReported: string | null = null;

  function report(error: unknown): void {
    const key = error instanceof OpwireError ? `${error.code}:${error.message}` : String(error);
    // A blocked network fails every round the same way; say it once.
    if (key === lastReported) return;
    lastReported = key;
    options.onError(error);
  }

  async function poll(store: PolledStore): Promise<void> {
    const listed = new Set<string>();
    const { epoch, operations } = await api.listOperations('active');
    for (const snapshot of operations) {
      listed.add(snapshot.id);
      store.applySnapshot(snapshot, epoch);
    }
    const missing = store.followed().filter((entry) => !listed.has(entry.id));
    await Promise.all(
      missing.map(async (entry) => {
        try {
          const answer = await api.getOperation(entry.id);
          store.applySnapshot(answer.snapshot, answer.epoch);
        } catch (error) {
          if (error instanceof OpwireError && error.code === 'not_found')
            store.markMissing(entry.id);
          else throw error;
        }
      }),
    );
    lastReported = null;
  }

  function round(current: number, store: PolledStore): void {
    if (current !== generation) return;
    poll(store)
      .catch((error: unknown) => {
        if (current === generation) report(error);
      })
      .finally(() => {
        if (current === generation)
          cancelTimer = startTimer(() => round(current, store), options.intervalMs);
      });
  }

  return {
    start(store) {
      if (running) return;
      running = true;
      generation += 1;
      lastReported = null;
      round(generation, store);
    },
    stop() {
      running = false;
      generation += 1;
      cancelTimer?.();
      cancelTimer = null;
    },
    get active() {
      return running;
    },
  };
}
