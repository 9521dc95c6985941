import type { OperationRecord } from '../store/operationStore.js';

/**
 * The last record this process committed for each running operation, so the
 * next append can go straight to the compare-and-set instead of reading the
 * state back first. A stale entry is harmless: the compare-and-set refuses
 * it, and the store reads again. Bounded: the entry written longest ago goes
 * first.
 */
export class CommittedRecords {
  readonly #limit: number;
  readonly #records = new Map<string, OperationRecord>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(operationId: string): OperationRecord | undefined {
    return this.#records.get(operationId);
  }

  remember(record: OperationRecord): void {
    const id = record.snapshot.id;
    // Deleted first, so the Map's order stays the order of the last write.
    this.#records.delete(id);
    this.#records.set(id, record);
    if (this.#records.size <= this.#limit) return;
    const oldest = this.#records.keys().next();
    if (!oldest.done) this.#records.delete(oldest.value);
  }

  forget(operationId: string): void {
    this.#records.delete(operationId);
  }
}
