import type { OperationSnapshot } from '@opwire/protocol';
import type { OperationRecord } from '../store/operationStore.js';
import type { OperationRuntime } from './operationRuntime.js';

/** What the lease asks of the run that holds it. */
export interface LeaseHolder {
  /** False once the run ended: no renewal goes out after that. */
  holds(): boolean;
  /** The fencing token the run writes with. */
  token(): number;
  /** The record to put back when the store lost the operation; `null` before the first commit. */
  record(): OperationRecord | null;
  /** Another process ended the run or took it over. */
  lost(snapshot: OperationSnapshot | null): void;
}

/**
 * Renews a running operation's lease in the store while its run holds it, so the
 * sweepers of other processes leave it alone; restores it when the store lost it.
 */
export class RunLease {
  readonly leaseMs: number;
  readonly #renewMs: number;
  readonly #runtime: OperationRuntime;
  readonly #operationId: string;
  readonly #holder: LeaseHolder;
  #timer: unknown;

  constructor(
    runtime: OperationRuntime,
    operationId: string,
    holder: LeaseHolder,
    lengths: { leaseMs?: number | undefined; leaseRenewMs?: number | undefined },
  ) {
    this.#runtime = runtime;
    this.#operationId = operationId;
    this.#holder = holder;
    this.leaseMs = lengths.leaseMs ?? runtime.lease.leaseMs;
    // A lease shorter than the default renewal is renewed three times within its length.
    this.#renewMs = lengths.leaseRenewMs ?? Math.min(runtime.lease.renewMs, this.leaseMs / 3);
  }

  /** Schedules the next renewal. */
  renewLater(): void {
    this.#timer = this.#runtime.timers.setTimeout(() => {
      this.#renew().catch(() => {});
    }, this.#renewMs);
  }

  stop(): void {
    if (this.#timer !== undefined) this.#runtime.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #renew(): Promise<void> {
    this.#timer = undefined;
    const holder = this.#holder;
    if (!holder.holds()) return;
    const { store } = this.#runtime;
    const id = this.#operationId;
    try {
      const renewal = await store.renew(id, holder.token(), this.leaseMs);
      if (!holder.holds()) return;
      if (renewal === 'lost') return holder.lost(await store.get(id).catch(() => null));
      const record = renewal === 'missing' ? holder.record() : null;
      if (record !== null && store.restore) await store.restore(record);
    } catch {
      // The store cannot be reached now; the next renewal tries again before the lease runs out.
    }
    if (holder.holds()) this.renewLater();
  }
}
