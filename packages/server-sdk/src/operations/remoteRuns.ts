import { isTerminalStatus, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { OperationStore } from '../store/operationStore.js';

interface Waiter {
  resolve(snapshot: OperationSnapshot): void;
  reject(error: OpwireError): void;
}

/**
 * Follows operations that other processes run, for follower handles: one
 * timer reads every followed operation from the store each `pollMs` and
 * settles the waiters of those that ended.
 */
export class RemoteRuns {
  readonly #store: OperationStore;
  readonly #pollMs: number;
  readonly #waiters = new Map<string, Waiter[]>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: OperationStore, pollMs: number) {
    this.#store = store;
    this.#pollMs = pollMs;
  }

  /** Resolves with the operation's final snapshot once it ended wherever it runs. */
  untilEnded(operationId: string): Promise<OperationSnapshot> {
    return new Promise((resolve, reject) => {
      const waiting = this.#waiters.get(operationId) ?? [];
      waiting.push({ resolve, reject });
      this.#waiters.set(operationId, waiting);
      this.#schedule(0);
    });
  }

  /** Stops polling; pending waiters reject with `closed`. */
  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const error = new OpwireError('closed', 'opwire closed before the followed operation ended.');
    for (const waiting of this.#waiters.values())
      for (const waiter of waiting) waiter.reject(error);
    this.#waiters.clear();
  }

  #schedule(delay: number): void {
    if (this.#timer !== undefined || this.#waiters.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#poll().finally(() => {
        this.#timer = undefined;
        this.#schedule(this.#pollMs);
      });
    }, delay);
    this.#timer.unref?.();
  }

  async #poll(): Promise<void> {
    const ids = [...this.#waiters.keys()];
    await Promise.all(
      ids.map(async (id) => {
        let snapshot: OperationSnapshot | null;
        try {
          snapshot = await this.#store.get(id);
        } catch {
          return; // The store is unreachable for now: ask again at the next poll.
        }
        if (snapshot !== null && !isTerminalStatus(snapshot.status)) return;
        const waiting = this.#waiters.get(id) ?? [];
        this.#waiters.delete(id);
        for (const waiter of waiting) {
          if (snapshot === null) {
            waiter.reject(
              new OpwireError(
                'not_found',
                `The store no longer holds operation ${id}, so its end cannot be known.`,
              ),
            );
          } else waiter.resolve(snapshot);
        }
      }),
    );
  }
}
