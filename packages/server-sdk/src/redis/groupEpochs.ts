import { createHash } from 'node:crypto';

/** Digests a store remembers, so a client's epoch can still be read part by part. */
const REMEMBERED = 256;

/**
 * The store's epoch on the grouped layout: one short digest of every group's
 * epoch (the wire allows 64 characters, and clients send it back with every
 * resume). This process remembers which group epochs each digest it handed
 * out stands for, so a resume can compare the group of each operation alone;
 * a digest it never made (a client of a node started before a later loss)
 * counts as changed for every group, which only costs snapshots.
 */
export class GroupEpochs {
  readonly #parts = new Map<string, readonly string[]>();

  digest(parts: readonly string[]): string {
    const epoch = createHash('sha1').update(parts.join('.')).digest('hex').slice(0, 32);
    if (!this.#parts.has(epoch)) {
      this.#parts.set(epoch, parts);
      if (this.#parts.size > REMEMBERED) {
        const oldest = this.#parts.keys().next();
        if (!oldest.done) this.#parts.delete(oldest.value);
      }
    }
    return epoch;
  }

  /** The epoch of `group` inside `epoch`, or `epoch` itself when this process never made it. */
  part(epoch: string, group: number): string {
    return this.#parts.get(epoch)?.[group] ?? epoch;
  }
}
