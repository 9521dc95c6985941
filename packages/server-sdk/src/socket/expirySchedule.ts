import type { Timers } from '../operations/progressCoalescer.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Something the schedule can hold; the schedule alone writes `expiryDue`. */
export interface Expiring {
  /** When the schedule will hand the item back, or `null` when it holds it not. */
  expiryDue: number | null;
}

/**
 * Deadlines of many items behind one timer. Items are grouped by deadline,
 * rounded up to `resolutionMs`, and the timer waits for the earliest group
 * only: a timer per item would cost every connection its own timer list,
 * since no two tokens expire at the same millisecond. An item comes back
 * through `onDue` at or after its deadline, at most `resolutionMs` late.
 */
export class ExpirySchedule<T extends Expiring> {
  readonly #timers: Timers;
  readonly #onDue: (item: T) => void;
  readonly #resolutionMs: number;
  readonly #groups = new Map<number, Set<T>>();
  /** The keys of `#groups`, ascending. */
  readonly #dues: number[] = [];
  #timer: unknown;
  #timerDue = Number.POSITIVE_INFINITY;

  constructor(timers: Timers, onDue: (item: T) => void, resolutionMs = 100) {
    this.#timers = timers;
    this.#onDue = onDue;
    this.#resolutionMs = resolutionMs;
  }

  /** Holds `item` until `at` (ms since the epoch), replacing its earlier deadline; `null` only drops it. */
  set(item: T, at: number | null): void {
    this.delete(item);
    if (at === null) return;
    const due = Math.ceil(at / this.#resolutionMs) * this.#resolutionMs;
    let group = this.#groups.get(due);
    if (group === undefined) {
      group = new Set();
      this.#groups.set(due, group);
      this.#dues.splice(insertionIndex(this.#dues, due), 0, due);
    }
    group.add(item);
    item.expiryDue = due;
    this.#arm();
  }

  delete(item: T): void {
    const due = item.expiryDue;
    if (due === null) return;
    item.expiryDue = null;
    const group = this.#groups.get(due);
    if (group === undefined) return;
    group.delete(item);
    if (group.size > 0) return;
    this.#groups.delete(due);
    this.#dues.splice(insertionIndex(this.#dues, due), 1);
    if (this.#dues.length === 0) this.#disarm();
  }

  /** Drops every item and the timer. */
  clear(): void {
    for (const group of this.#groups.values()) for (const item of group) item.expiryDue = null;
    this.#groups.clear();
    this.#dues.length = 0;
    this.#disarm();
  }

  get size(): number {
    let size = 0;
    for (const group of this.#groups.values()) size += group.size;
    return size;
  }

  #arm(): void {
    const earliest = this.#dues[0];
    if (earliest === this.#timerDue) return;
    this.#disarm();
    if (earliest === undefined) return;
    this.#timerDue = earliest;
    const wait = Math.min(Math.max(0, earliest - this.#timers.now()), MAX_TIMER_MS);
    this.#timer = this.#timers.setTimeout(() => this.#fire(), wait);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDue = Number.POSITIVE_INFINITY;
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerDue = Number.POSITIVE_INFINITY;
    const now = this.#timers.now();
    // A timer may fire a little before the clock reads its deadline: then it is armed again.
    while (this.#dues[0] !== undefined && this.#dues[0] <= now) {
      const due = this.#dues.shift() as number;
      const group = this.#groups.get(due);
      this.#groups.delete(due);
      for (const item of group ?? []) {
        item.expiryDue = null;
        this.#onDue(item);
      }
    }
    this.#arm();
  }
}

/** Index of `value` in the ascending `sorted`, or where it would go. */
function insertionIndex(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
