import type { BatchAppend, EventDraft } from '../store/operationStore.js';

/** At most this many progress events go into one append. */
const BATCH_LIMIT = 100;
/** At most this many batches of one run are appended at once. */
const IN_FLIGHT_LIMIT = 2;

/** Progress events of one run that are appended together. */
export interface ProgressBatch {
  readonly drafts: EventDraft[];
  /** The append of the batch, once it was issued. */
  reply: Promise<BatchAppend | null> | undefined;
  /** The batch before it, until this one is issued; a batch is issued early only behind an issued one. */
  previous: ProgressBatch | undefined;
  /** The append was refused or failed: nothing is issued behind it. */
  failed: boolean;
}

/**
 * Groups a run's progress into batches, each stored in one append. While one
 * batch's append is in flight, the progress that arrives meanwhile forms the
 * next batch, and that one is appended right behind it instead of waiting for
 * its reply. A store's appends of one operation commit in call order, each
 * against the `seq` the one before it leaves; when one is refused the next
 * one is refused too, and the run appends their events one at a time, in
 * order. The run settles batches in the order they were opened.
 */
export class ProgressBatches {
  readonly #append: (drafts: readonly EventDraft[]) => Promise<BatchAppend | null>;
  #open: ProgressBatch | undefined;
  #newest: ProgressBatch | undefined;
  #inFlight = 0;

  constructor(append: (drafts: readonly EventDraft[]) => Promise<BatchAppend | null>) {
    this.#append = append;
  }

  /** Adds progress; returns the batch it opened, which the caller settles in turn, or none when it joined one. */
  add(draft: EventDraft): ProgressBatch | undefined {
    if (this.#open !== undefined && this.#open.drafts.length < BATCH_LIMIT) {
      this.#open.drafts.push(draft);
      return undefined;
    }
    const batch: ProgressBatch = {
      drafts: [draft],
      reply: undefined,
      previous: this.#newest,
      failed: false,
    };
    this.#open = batch;
    this.#newest = batch;
    // Issued once this turn's progress has joined it.
    queueMicrotask(() => this.#issueEarly(batch));
    return batch;
  }

  /** Any other event: the next progress opens a batch that waits for it. */
  close(): void {
    this.#open = undefined;
    this.#newest = undefined;
  }

  /** The batch's append, issued now if it was not yet. */
  reply(batch: ProgressBatch): Promise<BatchAppend | null> {
    return this.#issue(batch);
  }

  /** The run is done with the batch: the one behind it may go. */
  settled(batch: ProgressBatch): void {
    if (this.#open !== undefined && this.#open.previous !== undefined) this.#issueEarly(this.#open);
    if (this.#newest === batch) this.#newest = undefined;
  }

  #issueEarly(batch: ProgressBatch): void {
    const { previous } = batch;
    if (batch.reply !== undefined || previous === undefined) return;
    if (previous.reply === undefined || previous.failed || this.#inFlight >= IN_FLIGHT_LIMIT)
      return;
    this.#issue(batch);
  }

  #issue(batch: ProgressBatch): Promise<BatchAppend | null> {
    if (batch.reply !== undefined) return batch.reply;
    if (this.#open === batch) this.#open = undefined;
    batch.previous = undefined;
    this.#inFlight += 1;
    const reply = this.#append(batch.drafts);
    batch.reply = reply;
    // Handled here as well, so a batch that fails before its turn is no unhandled rejection.
    reply.then(
      (appended) => {
        this.#inFlight -= 1;
        if (appended === null) batch.failed = true;
      },
      () => {
        this.#inFlight -= 1;
        batch.failed = true;
      },
    );
    return reply;
  }
}
