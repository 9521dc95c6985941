import { type OperationEvent, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { AppendOptions, EventDraft, OperationRecord } from '../store/operationStore.js';
import type { OperationRuntime } from './operationRuntime.js';
import { sendStored, sendStoredBatch } from './storedEvents.js';

/** Most progress events sent in one batch write. */
const BATCH_LIMIT = 100;

/** What the append chain asks of the run it writes for. */
export interface AppendingRun {
  /** Whether this process writes the run: not once another run holds the id or it was lost. */
  owns(): boolean;
  /** The fencing token the run writes with. */
  token(): number;
  /** The record to put back when the store lost the operation; `null` before the first commit. */
  record(): OperationRecord | null;
  /** An event of the run was stored; `snapshot` is the run's state after it. */
  advanced(snapshot: OperationSnapshot): void;
  /** An event written alone (any but batched progress) was stored and sent. */
  finished(event: OperationEvent, snapshot: OperationSnapshot): void;
  /** Another process ended the run or took it over. */
  lost(snapshot: OperationSnapshot | null): void;
  /** A write other than progress failed: the run cannot go on. */
  failed(error: OpwireError): void;
}

/**
 * A run's writes, one after another in the order they were asked for, so that every event
 * gets the next `seq`: progress that queues up behind a write goes out as one batch in one
 * round trip, and each stored event is sent to the operation's clients.
 */
export class RunAppends {
  readonly #runtime: OperationRuntime;
  readonly #operationId: string;
  readonly #run: AppendingRun;
  #chain: Promise<void>;
  /** Progress drafts waiting for the write ahead of them, appended together. */
  #open: EventDraft[] | undefined;

  /** `first` is the run's start; every write waits for it. */
  constructor(
    runtime: OperationRuntime,
    operationId: string,
    run: AppendingRun,
    first: Promise<void>,
  ) {
    this.#runtime = runtime;
    this.#operationId = operationId;
    this.#run = run;
    this.#chain = first;
  }

  /** Resolves when every event enqueued so far has been stored and sent. */
  settled(): Promise<void> {
    return this.#chain;
  }

  /** Queues an event; `release` gives the operation back to its queue with it. */
  enqueue(topic: EventDraft['topic'], payload: EventDraft['payload'], release = false): void {
    const draft: EventDraft = {
      operationId: this.#operationId,
      topic,
      payload,
      ts: this.#runtime.timers.now(),
    };
    if (topic === 'operation.progress' && !release && this.#runtime.appends.appendBatch) {
      // Any other event closes the batch, so nothing overtakes it.
      if (this.#open !== undefined && this.#open.length < BATCH_LIMIT) {
        this.#open.push(draft);
        return;
      }
      const batch = [draft];
      this.#open = batch;
      this.#then(topic, () => {
        if (this.#open === batch) this.#open = undefined;
        return this.#appendBatch(batch);
      });
      return;
    }
    this.#open = undefined;
    this.#then(topic, () => this.#append(draft, release));
  }

  #then(topic: EventDraft['topic'], step: () => Promise<void>): void {
    this.#chain = this.#chain.then(step).catch((error: unknown) => {
      const wrapped = OpwireError.from(error, 'unavailable');
      this.#runtime.events.emit('error', wrapped);
      if (topic !== 'operation.progress') this.#run.failed(wrapped);
    });
  }

  async #appendBatch(drafts: readonly EventDraft[]): Promise<void> {
    const { appends } = this.#runtime;
    const batch =
      drafts.length > 1 && this.#run.owns()
        ? await appends.appendBatch?.(drafts, { token: this.#run.token() })
        : null;
    if (!batch) {
      for (const draft of drafts) {
        try {
          await this.#append(draft, false);
        } catch (error) {
          this.#runtime.events.emit('error', OpwireError.from(error, 'unavailable'));
        }
      }
      return;
    }
    for (const snapshot of batch.snapshots) this.#run.advanced(snapshot);
    // The batch goes out in one packet, the way the Redis store's script publishes it.
    if (this.#runtime.appends.publishes) this.#runtime.stats.messageSent(batch.events.length);
    else sendStoredBatch(this.#runtime, batch.events, batch.snapshots);
  }

  async #append(draft: EventDraft, release: boolean): Promise<void> {
    const { store, events, appends } = this.#runtime;
    if (!this.#run.owns()) {
      events.emit('operation.ignored', {
        operationId: this.#operationId,
        call: draft.topic,
        reason: 'this handle does not run the operation',
      });
      return;
    }
    const token = this.#run.token();
    const conditions: AppendOptions = release ? { token, release } : { token };
    let result = await appends.append(draft, conditions);
    const record = result.status === 'not_found' && store.restore ? this.#run.record() : null;
    if (record !== null && store.restore) {
      events.emit(
        'error',
        new OpwireError(
          'unavailable',
          `The store lost operation ${this.#operationId}; restoring it from this process.`,
        ),
      );
      await store.restore(record);
      result = await appends.append(draft, conditions);
    }
    if (result.status === 'refused') return this.#run.lost(result.record.snapshot);
    if (result.status === 'ended') return this.#run.lost(result.snapshot);
    if (result.status !== 'appended') {
      events.emit('operation.ignored', {
        operationId: this.#operationId,
        call: draft.topic,
        reason: `store answered ${result.status}`,
      });
      return;
    }
    const { event, snapshot } = result;
    this.#run.advanced(snapshot);
    this.#send(event, snapshot);
    this.#run.finished(event, snapshot);
  }

  /** Sends a stored event, unless the append that stored it also published it. */
  #send(event: OperationEvent, snapshot: OperationSnapshot): void {
    if (this.#runtime.appends.publishes) this.#runtime.stats.messageSent();
    else sendStored(this.#runtime, event, snapshot);
  }
}
