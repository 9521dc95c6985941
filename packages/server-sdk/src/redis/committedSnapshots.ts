import type { OperationSnapshot } from '@opwire/protocol';

/**
 * The last snapshot this process committed for each running operation, so
 * the next append can go straight to the compare-and-set instead of reading
 * the snapshot back first. A stale entry is harmless: the compare-and-set
 * refuses it, and the store reads again. Bounded: the entry written longest
 * ago goes first.
 */
export class CommittedSnapshots {
  readonly #limit: number;
  readonly #snapshots = new Map<string, OperationSnapshot>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(operationId: string): OperationSnapshot | undefined {
    return this.#snapshots.get(operationId);
  }

  remember(snapshot: OperationSnapshot): void {
    // Deleted first, so the Map's order stays the order of the last write.
    this.#snapshots.delete(snapshot.id);
    this.#snapshots.set(snapshot.id, snapshot);
    if (this.#snapshots.size <= this.#limit) return;
    const oldest = this.#snapshots.keys().next();
    if (!oldest.done) this.#snapshots.delete(oldest.value);
  }

  forget(operationId: string): void {
    this.#snapshots.delete(operationId);
  }
}
