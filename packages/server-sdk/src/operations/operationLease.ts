import type { OperationSnapshot } from '@opwire/protocol';
import type { OperationRecord } from '../store/operationStore.js';
import type { OperationRuntime } from './operationRuntime.js';

/** What the lease needs to know of the run that holds it. */
export interface LeaseHolder {
  readonly id: string;
  /** The run's owner token, checked by the store on each renewal. */
  token(): number;
  /** The last snapshot this run stored, written back when the store forgot the operation. */
  last(): OperationSnapshot | null;
  /** The stored record of `snapshot` as this run holds it. */
  record(snapshot: OperationSnapshot): OperationRecord;
  /** Another process ended the run or took it over. */
  lost(snapshot: OperationSnapshot | null): void;
}

/**
 * An owner's lease on its operation, renewed every `renewMs` until stopped.
 * A store that cannot be reached is tried again at the next renewal, before
 * the lease runs out.
 */
export class OperationLease {
  readonly #runtime: OperationRuntime;
  readonly #holder: LeaseHolder;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  #timer: unknown;
  #stopped = false;

  constructor(runtime: OperationRuntime, holder: LeaseHolder, leaseMs: number, renewMs: number) {
    this.#runtime = runtime;
    this.#holder = holder;
    this.#leaseMs = leaseMs;
    this.#renewMs = renewMs;
    this.#renewLater();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#runtime.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #renewLater(): void {
    this.#timer = this.#runtime.timers.setTimeout(() => {
      this.#renew().catch(() => {});
    }, this.#renewMs);
  }

  async #renew(): Promise<void> {
    this.#timer = undefined;
    if (this.#stopped) return;
    const { store } = this.#runtime;
    const holder = this.#holder;
    try {
      const renewal = await store.renew(holder.id, holder.token(), this.#leaseMs);
      if (this.#stopped) return;
      if (renewal === 'lost') return holder.lost(await store.get(holder.id).catch(() => null));
      const last = holder.last();
      if (renewal === 'missing' && last !== null && store.restore) {
        await store.restore(holder.record(last));
      }
    } catch {
      // Tried again at the next renewal.
    }
    if (!this.#stopped) this.#renewLater();
  }
}
